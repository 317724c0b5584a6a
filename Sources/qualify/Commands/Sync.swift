import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore
import QualifySync

extension Qualify {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Push this laptop's changes to the team server, then pull the team's.",
            discussion: """
                The interview never waits for the network: it writes to this laptop's database, and sync \
                moves what changed. Statements, letters and history merge exactly; a field changed on two \
                laptops takes the later change, and sync names the change it superseded; a removed plan \
                step or deal is removed on every laptop.
                """)
        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("postgres://USER@HOST:PORT/DATABASE (default: server: in config.yaml).", valueName: "url"))
        var server: String?
        @Flag(help: "Show when each rep and manager last synced, and what this laptop has not pushed yet.")
        var status = false

        func run() throws {
            let teamServer = try TeamServerAccess.server(url: server)
            let database = try options.openDatabase(status ? .existing : .creating)
            let editor = try CRMContext(options)
            let sync = TeamSync(server: teamServer, database: database, context: editor.edit)
            if status {
                try showStatus(sync)
                return
            }
            let summary = try TeamServerAccess.report { () throws(SyncError) in try sync.run() }
            // What the server sent (names, superseded values) is shown through the console: visibly, never raw.
            let console = options.console()
            console.say("Synced with \(teamServer.address.display)")
            for line in summary.lines { console.say(line) }
        }

        private func showStatus(_ sync: TeamSync) throws {
            let members = try TeamServerAccess.report { () throws(SyncError) in try sync.status() }
            let console = options.console()
            console.say("Team on \(sync.server.address.display)")
            let rows = members.map { [$0.kind, $0.name, $0.role, $0.lastSync.map { "last sync \($0)" } ?? "never synced"] }
            for line in TextTable.lines(header: ["", "", "", ""], rows: rows).dropFirst() { console.say("  " + line) }
            let identity = try database(sync).syncIdentity()
            let plan = try database(sync).planPush()
            let last = identity.lastSyncAt.map { "last synced \(Self.format($0))" } ?? "never synced"
            console.say("This laptop: \(last); \(plan.isEmpty ? "nothing waiting to be pushed" : "changes waiting to be pushed").")
        }

        private func database(_ sync: TeamSync) -> QualifyDatabase { sync.database }

        static func format(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            return formatter.string(from: date)
        }
    }
}
