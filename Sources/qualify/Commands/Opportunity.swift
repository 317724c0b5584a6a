import ArgumentParser
import Foundation
import QualifyKit
import QualifyPrompts
import QualifyStore

extension Qualify {
    /// `qualify opportunity`: named apart from the Opportunity record it works on.
    struct OpportunityCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "opportunity",
            abstract: "Manage opportunities: the CRM record around the buyer's words.",
            subcommands: [Add.self, Set.self, Show.self, List.self, Remove.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an opportunity for a stored account.",
                discussion: "Tip: include the account's name in the opportunity's, e.g. \"Acme - CRM rollout\".")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name, unique.") var name: String
            @Option(help: "A stored account (see `qualify account list`).") var account: String
            @OptionGroup var fields: OpportunityFieldOptions

            func run() throws {
                let database = try options.openDatabase(.creating)
                let crm = try CRMContext(options)
                let (opportunity, warnings) = try database.addOpportunity(
                    named: name, account: account, values: fields.values, owner: crm.owner, context: crm.edit)
                let console = options.console()
                warnings.forEach(console.note)
                let account = try database.accountName(of: opportunity)
                // "Acme - Rollout" names "Acme Corp" well enough: its first word is what people search for.
                let searchWord = account.split(separator: " ").first.map(String.init) ?? account
                if !opportunity.name.localizedCaseInsensitiveContains(searchWord) {
                    console.note("the name does not mention \(account); names like \"\(account) - \(opportunity.name)\" are easier to find.")
                }
                console.say("Added opportunity \"\(opportunity.name)\" for \(account)".endingSentence)
                console.say("Interview the buyer with: qualify interview \"\(opportunity.name)\"")
            }
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set fields of an opportunity: FIELD VALUE, one or more pairs, in one change.",
                discussion: "Fields: " + OpportunityField.allCases.map(\.rawValue).joined(separator: ", ")
                    + ". An empty VALUE clears a field. Changes of stage, amount, probability and close date are kept in the history.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(parsing: .allUnrecognized, help: "FIELD VALUE pairs, e.g. stage \"Needs Analysis\" amount 120000.") var assignments: [String] = []

            func validate() throws {
                guard !assignments.isEmpty, assignments.count % 2 == 0 else {
                    throw ValidationError("give FIELD VALUE pairs, e.g. qualify opportunity set \"\(name)\" amount 120000")
                }
                // Here, not in run(), so the usage printed is this command's.
                _ = try values()
            }

            private func values() throws -> [OpportunityField: String] {
                var values: [OpportunityField: String] = [:]
                for index in stride(from: 0, to: assignments.count, by: 2) {
                    do {
                        values[try OpportunityField(named: assignments[index])] = assignments[index + 1]
                    } catch {
                        throw ValidationError(error.description)
                    }
                }
                return values
            }

            func run() throws {
                let values = try values()
                // The words first: a broken prompts override refuses before anything changes.
                let messages = try options.promptLibrary.interviewScript().messages
                let database = try options.openDatabase()
                let (opportunity, warnings) = try database.setOpportunity(named: name, values: values, context: try CRMContext(options).edit)
                let console = options.console()
                warnings.forEach(console.note)
                console.say("Updated \"\(opportunity.name)\".")
                OpportunityCard(console: console, messages: messages).show(try database.opportunityRecord(of: opportunity))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an opportunity's record and the buyer's words captured for it.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Flag(help: "Also list every dated change of the deal's fields (stage, amount, next milestone, sponsor…).") var history = false

            func run() throws {
                let messages = try options.promptLibrary.interviewScript().messages
                let database = try options.openDatabase()
                let record = try database.opportunityRecord(named: name)
                let console = options.console()
                OpportunityCard(console: console, messages: messages).show(record)
                console.say("Created: \(Transcript.format(record.opportunity.createdAt))")
                if history {
                    console.say()
                    console.say(console.bold("History"))
                    let changes = try database.history(of: record.opportunity)
                    if changes.isEmpty { console.say("No changes recorded.") }
                    for change in changes {
                        console.say("\(Transcript.format(change.changedAt))  \(change.field.rawValue): \(change.oldValue ?? "-") -> \(change.newValue ?? "-")  (\(change.changedBy))")
                    }
                }
                console.say()
                Transcript(console: console, messages: messages).showCaptured(try database.capturedAnswers(opportunityId: record.opportunity.id!))
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an opportunity with its captured words, letters and history.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Flag(help: "Remove it even though the buyer's words were captured for it.") var yes = false

            func run() throws {
                let database = try options.openDatabase()
                let opportunity = try database.opportunity(named: name)
                let captured = try database.statementCount(opportunityId: opportunity.id!)
                if captured > 0 && !yes {
                    // export all leaves the demo out: its words are the manual's, and qualify demo loads them again.
                    if opportunity.isDemo {
                        throw CommandFailure("\"\(opportunity.name)\" is the demo, with \(counted(captured, "statement")) of the manual's worked example; remove it with --yes (qualify demo loads it again).")
                    }
                    throw CommandFailure("\"\(opportunity.name)\" holds \(counted(captured, "captured statement")) of the buyer's words; export them first (qualify export all), then remove with --yes.")
                }
                try database.removeOpportunity(named: opportunity.name, by: try Environment.rep())
                options.console().say("Removed opportunity \"\(opportunity.name)\".")
            }
        }
    }
}

/// The CRM fields `opportunity add` takes as options.
struct OpportunityFieldOptions: ParsableArguments {
    @Option(help: "e.g. 120000, 120000.50, \"120 000 EUR\".") var amount: String?
    @Option(help: "ISO 4217 code (default: currency in config.yaml, else EUR).") var currency: String?
    @Option(name: [.customLong("close"), .customLong("close-date")], help: "Expected close date: YYYY-MM-DD, today, +30d, +6w.") var closeDate: String?
    @Option(help: "A configured stage (see `qualify stage list`; default: the first).") var stage: String?
    @Option(help: "0-99 (100 only at a closed-won stage; default: the stage's).") var probability: String?
    @Option(help: "The agreed next step.") var nextMilestone: String?
    @Option(help: "The rep who owns the deal (default: owner in config.yaml, else your login).") var owner: String?
    @Option(help: "Where the deal came from.") var leadSource: String?
    @Option(help: "Free text.") var description: String?
    @Option(help: "A contact of the account (see `qualify contact list`).") var sponsor: String?
    @Option(help: "A contact of the account who can approve the purchase.") var powerSponsor: String?

    var values: [OpportunityField: String] {
        let pairs: [(OpportunityField, String?)] = [
            (.amount, amount), (.currency, currency), (.closeDate, closeDate), (.stage, stage),
            (.probability, probability), (.nextMilestone, nextMilestone), (.owner, owner),
            (.leadSource, leadSource), (.description, description), (.sponsor, sponsor), (.powerSponsor, powerSponsor),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { field, value in value.map { (field, $0) } })
    }
}

extension FieldError: UserFacingError {}
