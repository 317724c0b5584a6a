import ArgumentParser
import QualifyKit
import QualifyStore

extension Qualify {
    /// `qualify contact`: named apart from the Contact record it works on.
    struct ContactCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contact",
            abstract: "Manage the people at an account; sponsors and power sponsors are chosen from them.",
            subcommands: [Add.self, Change.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a contact to an account.",
                discussion: "Make them the sponsor with: qualify opportunity set OPPORTUNITY sponsor NAME")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The person's name.") var name: String
            @Option(help: "A stored account.") var account: String
            @Option(help: "Job title, as the letter should address them.") var title: String?
            @Option(help: "E-mail address.") var email: String?
            @Option(help: "Phone number.") var phone: String?

            func run() throws {
                let database = try options.openDatabase()
                let contact = try database.addContact(named: name, account: account, title: title, email: email, phone: phone)
                options.console().say("Added contact \"\(contact.name)\" at \(try database.account(named: account).name).")
            }
        }

        struct Change: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set", abstract: "Change a contact's title, e-mail or phone (\"\" clears one).")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The person's name, or, where two contacts at the account have it, the e-mail or CRM id of one.") var name: String
            @Option(help: "The contact's account.") var account: String
            @Option(help: "Job title.") var title: String?
            @Option(help: "E-mail address.") var email: String?
            @Option(help: "Phone number.") var phone: String?

            func validate() throws {
                if title == nil, email == nil, phone == nil { throw ValidationError("say what to change: --title, --email or --phone.") }
            }

            func run() throws {
                let contact = try options.openDatabase().setContact(named: name, account: account, title: title, email: email, phone: phone,
                                                                      by: try Environment.rep())
                options.console().say("Changed contact \"\(contact.name)\".")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List contacts, of one account or all.")
            @OptionGroup var options: GlobalOptions
            @Option(help: "Only this account's contacts.") var account: String?

            func run() throws {
                let contacts = try options.openDatabase().contacts(account: account)
                let console = options.console()
                if contacts.isEmpty {
                    console.say("No contacts yet. Add one with: qualify contact add NAME --account ACCOUNT --title TITLE --email EMAIL")
                    return
                }
                let rows = contacts.map { [$0.accountName, $0.contact.name, $0.contact.title ?? "-", $0.contact.email ?? "-", $0.contact.phone ?? "-"] }
                for line in TextTable.lines(header: ["Account", "Name", "Title", "E-mail", "Phone"], rows: rows) { console.say(line) }
            }
        }
    }
}
