import ArgumentParser
import Foundation
import QualifyPrompts
import QualifyStore
import QualifySync
import QualifyKit
// Console, Environment and the errors every command reports come from the
// session library; exported once here so each command file need not import it.
@_exported import QualifySession

@main
struct Qualify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualify",
        abstract: "Capture the buyer's exact words during a sales call and draft the sponsor letter.",
        discussion: """
            Run `qualify` alone to open the interactive assistant. Every answer is saved \
            before the next question; nothing the buyer said is ever overwritten.
            """,
        version: Qualify.version,
        subcommands: [Repl.self, AccountCommand.self, OpportunityCommand.self, Interview.self, Letter.self, Plan.self, Demo.self,
                      StageCommand.self, ContactCommand.self, LeadCommand.self, Import.self, Export.self,
                      Review.self, Home.self, Stats.self, Coach.self, Doctor.self, Backup.self, Restore.self, Sync.self, Server.self, RepCommand.self],
        defaultSubcommand: Repl.self
    )

    /// What `qualify --version` prints; raised with each release.
    static let version = "0.1.0"

    /// Our own errors carry a message for the user: print it as one line
    /// and exit 1. Everything else (usage errors: 64) is ArgumentParser's.
    static func main() {
        // The buyer's words are confidential: every file qualify creates is the owner's alone.
        umask(0o077)
        // No setlocale here: the line editor sets the locale libedit needs when a terminal is there
        // (ce_setup_locale); a list or an export has no use for the locale files it would read first.
        // A name or value typed on the command line is stored as typed: a control character is refused first.
        for (index, argument) in CommandLine.arguments.dropFirst().enumerated() {
            if let problem = ControlCharacters.firstProblem(in: argument) {
                Console(colors: false).error("argument \(index + 1), character \(problem.column): \(problem.reason). Remove it and run the command again.")
                Foundation.exit(64)
            }
        }
        var arguments = Array(CommandLine.arguments.dropFirst())
        switch CommandLineOrder.arranged(arguments, root: Qualify.self) {
        case .arguments(let arranged):
            arguments = arranged
        case .unknownCommand(let word):
            let commands = Qualify.configuration.subcommands.map { $0._commandName }
            Console(colors: false).error("unknown command \"\(word)\"; qualify help lists the commands, and qualify alone opens the assistant."
                                         + NameMatcher.didYouMean(word, among: commands))
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as StoreError where error.kind == .damaged {
            let backup = error.databasePath.map { " " + Environment.backupShelf(for: $0).latestDescription.capitalizingFirst + "." } ?? ""
            Console(colors: false).error(error.description + backup)
            Foundation.exit(1)
        } catch let error as UserFacingError {
            Console(colors: false).error(error.description)
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Sync's errors carry their whole message, as the store's do.
extension SyncError: UserFacingError {}
