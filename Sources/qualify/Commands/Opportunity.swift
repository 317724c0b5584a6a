import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore

extension Qualify {
    struct Opportunity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage opportunities.",
            subcommands: [Add.self, List.self, Show.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add an opportunity for a stored account.",
                discussion: "Tip: include the account's name in the opportunity's, e.g. \"Acme - CRM rollout\".")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name, unique.") var name: String
            @Option(help: "A stored account (see `qualify account list`).") var account: String

            func run() throws {
                let database = try options.openDatabase()
                let opportunity = try database.addOpportunity(named: name, account: account)
                let console = options.console()
                console.say("Added opportunity \"\(opportunity.name)\" for \(try database.accountName(of: opportunity)).")
                console.say("Interview the buyer with: qualify interview \"\(opportunity.name)\"")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List opportunities and what is captured for each.")
            @OptionGroup var options: GlobalOptions

            func run() throws {
                let overviews = try options.openDatabase().opportunityOverviews()
                let console = options.console()
                if overviews.isEmpty {
                    console.say("No opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT")
                }
                for line in OpportunityTable.lines(overviews, console: console) { console.say(line) }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show an opportunity and the buyer's words captured for it.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String

            func run() throws {
                let database = try options.openDatabase()
                let opportunity = try database.opportunity(named: name)
                let console = options.console()
                let transcript = Transcript(console: console)
                console.say(console.bold(opportunity.name) + (opportunity.isDemo ? " [demo data]" : ""))
                console.say("Account: \(try database.accountName(of: opportunity))")
                console.say("Created: \(Transcript.format(opportunity.createdAt))")
                console.say()
                transcript.showCaptured(try database.capturedAnswers(opportunityId: opportunity.id!))
            }
        }
    }
}

/// The opportunity list shared by `opportunity list` and the REPL's home.
enum OpportunityTable {
    static func lines(_ overviews: [OpportunityOverview], console: Console) -> [String] {
        let nameWidth = min(48, overviews.map(\.opportunity.name.count).max() ?? 0)
        let accountWidth = min(32, overviews.map(\.accountName.count).max() ?? 0)
        return overviews.map { overview in
            let missing = Field.allCases.filter { !overview.answeredFields.contains($0) }.map(\.rawValue)
            let captured = missing.isEmpty ? "complete" : "missing: " + missing.joined(separator: ", ")
            let name = overview.opportunity.name.padding(toLength: max(nameWidth, overview.opportunity.name.count), withPad: " ", startingAt: 0)
            let account = overview.accountName.padding(toLength: max(accountWidth, overview.accountName.count), withPad: " ", startingAt: 0)
            let demo = overview.opportunity.isDemo ? "  [demo]" : ""
            return "\(name)  \(account)  \(captured)\(demo)"
        }
    }
}
