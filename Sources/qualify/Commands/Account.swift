import ArgumentParser
import QualifyStore

extension Qualify {
    struct Account: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the accounts opportunities are chosen from.",
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an account.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The account's name, unique.") var name: String

            func run() throws {
                let account = try options.openDatabase().addAccount(named: name)
                options.console().say("Added account \"\(account.name)\".")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the accounts.")
            @OptionGroup var options: GlobalOptions

            func run() throws {
                let accounts = try options.openDatabase().accounts()
                let console = options.console()
                if accounts.isEmpty {
                    console.say("No accounts yet. Add one with: qualify account add NAME")
                }
                for account in accounts { console.say(account.name) }
            }
        }
    }
}
