import ArgumentParser
import QualifyKit
import QualifyStore

extension Qualify {
    /// `qualify lead`: named apart from the Lead record it works on.
    struct LeadCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lead",
            abstract: "Keep leads and convert them into an account, a contact and an opportunity.",
            subcommands: [Add.self, List.self, Show.self, Convert.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a lead.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The person's name.") var person: String
            @Option(help: "Their company; it becomes the account on conversion.") var company: String?
            @Option(help: "Job title.") var title: String?
            @Option(help: "E-mail address.") var email: String?
            @Option(help: "Phone number.") var phone: String?
            @Option(help: "Where the lead came from.") var source: String?
            @Option(help: "Free text.") var notes: String?

            func run() throws {
                let lead = try options.openDatabase(.creating).addLead(Lead(
                    person: person, company: company, title: title, email: email, phone: phone, source: source, notes: notes))
                options.console().say("Added lead #\(lead.id!) \(lead.person)\(lead.company.map { " (\($0))" } ?? "").")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List leads.")
            @OptionGroup var options: GlobalOptions

            func run() throws {
                let leads = try options.openDatabase().leads()
                let console = options.console()
                if leads.isEmpty {
                    console.say("No leads yet. Add one with: qualify lead add PERSON --company COMPANY")
                    return
                }
                let rows = leads.map { ["#\($0.id!)", $0.person, $0.company ?? "-", $0.source ?? "-", $0.convertedAt == nil ? $0.status ?? "open" : "converted"] }
                for line in TextTable.lines(header: ["Lead", "Person", "Company", "Source", "State"], rows: rows) { console.say(line) }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a lead and what it became.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The lead's number (e.g. 3 or #3) or person.") var lead: String

            func run() throws {
                let database = try options.openDatabase()
                let lead = try database.lead(self.lead)
                let links = try database.leadLinks(lead)
                let console = options.console()
                console.say(console.bold("Lead #\(lead.id!): \(lead.person)"))
                let lines: [(String, String?)] = [
                    ("Company", lead.company), ("Title", lead.title), ("E-mail", lead.email), ("Phone", lead.phone),
                    ("Source", lead.source), ("Notes", lead.notes), ("Created", Transcript.format(lead.createdAt)),
                    ("Status", lead.status),
                    ("Converted", lead.convertedAt.map(Transcript.format)),
                    ("Account", links.account), ("Contact", links.contact), ("Opportunity", links.opportunity),
                ]
                for (label, value) in lines {
                    console.say(console.dim(label.padding(toLength: 12, withPad: " ", startingAt: 0)) + (value ?? "-"))
                }
            }
        }

        struct Convert: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "convert",
                abstract: "Convert a lead: its company becomes (or reuses) the account, the person a contact; --opportunity opens a deal.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The lead's number (e.g. 3 or #3) or person.") var lead: String
            @Option(help: "Also open an opportunity with this name.") var opportunity: String?
            @Option(help: "The stored account the lead's company is (default: the account of the company's name, else a new one).")
            var account: String?
            @Option(help: ArgumentHelp("The stored contact the lead's person is, by e-mail or CRM id, where two contacts at the account have the name.",
                                       valueName: "email-or-id"))
            var contact: String?
            @OptionGroup var fields: OpportunityFieldOptions

            func validate() throws {
                if opportunity == nil && !fields.values.isEmpty {
                    throw ValidationError("opportunity fields need --opportunity NAME.")
                }
            }

            func run() throws {
                let database = try options.openDatabase()
                let crm = try CRMContext(options)
                let result = try database.convertLead(lead, opportunityName: opportunity, values: fields.values,
                                                      account: account, contact: contact, owner: crm.owner, context: crm.edit)
                let console = options.console()
                console.say("Converted lead #\(result.lead.id!) \(result.lead.person):")
                console.say("  account \"\(result.account.name)\"" + (result.accountCreated ? " (new)" : " (existing)"))
                console.say("  contact \"\(result.contact.name)\"" + (result.contactCreated ? " (new)" : " (existing)"))
                if let opportunity = result.opportunity {
                    console.say("  opportunity \"\(opportunity.name)\", sponsor \(result.contact.name)")
                }
            }
        }
    }
}
