import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore

extension Qualify {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Keep an opportunity's evaluation plan: the steps a power sponsor agrees to, ending with the go/no-go.",
            discussion: """
                Steps are listed (and numbered) by due date. Due dates take the forms a close date takes: \
                YYYY-MM-DD, today, +30d, +6w. The power-sponsor letter carries the plan.
                """,
            subcommands: [Add.self, List.self, Change.self, Done.self, Remove.self, Export.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a step to the plan.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(help: "What will be done, e.g. \"Pilot with the sales team\".") var step: String
            @Option(help: ArgumentHelp("Who does it: buyer, us, or a person's name.", valueName: "buyer|us|PERSON")) var who: String
            @Option(help: ArgumentHelp("By when: YYYY-MM-DD, today, +30d or +6w.", valueName: "date")) var due: String
            @Flag(help: "This step is the go/no-go decision the plan ends with.") var decision = false

            func run() throws {
                try PlanListing.afterChange(options, name) { database, opportunity in
                    let owner = try PlanInput.owner(who)
                    let day = try PlanInput.due(due, console: options.console())
                    try database.addPlanStep(step, owner: owner, due: day, isDecision: decision,
                                             opportunityId: opportunity.id!, by: try Environment.rep())
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the plan, numbered by due date.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String

            func run() throws {
                try PlanListing.afterChange(options, name) { _, _ in }
            }
        }

        struct Change: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a step: its words, who, due date, or whether it is the go/no-go.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(help: "The step's number, as plan list shows it.") var number: Int
            @Option(help: "New words for the step.") var what: String?
            @Option(help: ArgumentHelp("Who does it: buyer, us, or a person's name.", valueName: "buyer|us|PERSON")) var who: String?
            @Option(help: ArgumentHelp("By when: YYYY-MM-DD, today, +30d or +6w.", valueName: "date")) var due: String?
            @Flag(inversion: .prefixedNo, help: "Whether this step is the go/no-go decision.") var decision: Bool?

            func validate() throws {
                if what == nil, who == nil, due == nil, decision == nil {
                    throw ValidationError("say what to change: --what TEXT, --who buyer|us|PERSON, --due DATE, --decision or --no-decision.")
                }
            }

            func run() throws {
                try PlanListing.afterChange(options, name) { database, opportunity in
                    let change = PlanStepChange(what: what, owner: try who.map(PlanInput.owner),
                                                due: try due.map { try PlanInput.due($0, console: options.console()) },
                                                isDecision: decision)
                    try database.changePlanStep(number, opportunityId: opportunity.id!, change, by: try Environment.rep())
                }
            }
        }

        struct Done: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a step done (--undo: not done after all).")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(help: "The step's number, as plan list shows it.") var number: Int
            @Flag(help: "The step is not done after all.") var undo = false

            func run() throws {
                try PlanListing.afterChange(options, name) { database, opportunity in
                    try database.changePlanStep(number, opportunityId: opportunity.id!, PlanStepChange(isDone: !undo), by: try Environment.rep())
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a step from the plan.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(help: "The step's number, as plan list shows it.") var number: Int

            func run() throws {
                try PlanListing.afterChange(options, name) { database, opportunity in
                    let removed = try database.removePlanStep(number, opportunityId: opportunity.id!, by: try Environment.rep())
                    options.console().say("Removed step \(number): \(removed.what)")
                }
            }
        }
    }
}

extension Qualify.Plan {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the plan as a calendar (RFC 5545): a task per step, the go/no-go as an event.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The opportunity's name.") var name: String
        @Option(help: "ics (the only format).") var format: PlanFormat = .ics
        @Option(name: [.short, .long], help: "The file to write (default: standard output).") var output: String?
        @Flag(help: "Replace the --output file if it exists.") var force = false

        enum PlanFormat: String, ExpressibleByArgument { case ics }

        func run() throws {
            let database = try options.openDatabase()
            let opportunity = try database.opportunity(named: name)
            let drafting = LetterDrafting(database: database, prompts: options.promptLibrary,
                                          sender: try Environment.sender(), rep: try Environment.rep())
            let calendar = try drafting.calendar(for: opportunity)
            guard !calendar.steps.isEmpty else {
                throw CommandFailure("\"\(opportunity.name)\" has no evaluation plan yet; add steps with qualify plan add \"\(opportunity.name)\" \"STEP\" --who buyer|us|PERSON --due DATE.")
            }
            try DocumentOutput.write(calendar.rendered, options: options, path: output, force: force, forPeople: false)
            for step in calendar.steps where step.due == nil {
                options.console(forTerminal: 2).note("step \(step.number) (\"\(step.what)\") has no due date, so the calendar holds it as a task without one; date it with qualify plan set \"\(opportunity.name)\" \(step.number) --due DATE.")
            }
        }
    }
}

extension PlanListing {
    /// Finds the opportunity, makes the change, and shows the plan as it now is.
    static func afterChange(_ options: GlobalOptions, _ name: String,
                            _ change: (QualifyDatabase, Opportunity) throws -> Void) throws {
        // The words first: a broken prompts override refuses before anything changes.
        let listing = PlanListing(console: options.console(), messages: try options.promptLibrary.interviewScript().messages)
        let database = try options.openDatabase()
        let opportunity = try database.opportunity(named: name)
        try change(database, opportunity)
        listing.show(try database.planSteps(opportunityId: opportunity.id!), of: opportunity)
    }
}
