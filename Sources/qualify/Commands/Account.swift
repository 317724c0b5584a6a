import ArgumentParser
import QualifyReports
import QualifyStore

extension Qualify {
    /// `qualify account`: named apart from the Account record it works on.
    struct AccountCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account",
            abstract: "Manage the accounts opportunities are chosen from.",
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The account's name, unique.") var name: String

            func run() throws {
                let account = try options.openDatabase(.creating).addAccount(named: name)
                options.console().say("Added account \"\(account.name)\".")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")
            @OptionGroup var options: GlobalOptions

            /// Streamed A to Z from the name's index: 100,000 accounts in flat memory.
            func run() throws {
                let database = try options.openDatabase()
                let destination = try ReportDestination(options: options, path: nil, screen: true, forPeople: true)
                var lines = LineBuffer(destination.sink)
                try destination.write {
                    var none = true
                    try database.accountNames { name in
                        none = false
                        lines.bytes.append(contentsOf: name)
                        lines.bytes.append(UInt8(ascii: "\n"))
                        try lines.endOfLine()
                    }
                    if none { lines.bytes.append(contentsOf: "No accounts yet. Add one with: qualify account add NAME\n".utf8) }
                    try lines.flush()
                }
            }
        }
    }
}
