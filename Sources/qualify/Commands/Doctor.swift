import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore

extension Qualify {
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the database: integrity, schema version, file modes, journal size, backups.",
            discussion: "Reads only; exits 1 when something needs your attention, and says what to do.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let console = options.console()
            let checkup = try DatabaseCheckup.examine(path: options.databasePath)
            let shelf = Environment.backupShelf(for: options.databasePath)
            let megabytes = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
            console.say("Database   \(checkup.path) (\(megabytes(checkup.files.first?.size ?? 0)))")
            console.say("Integrity  " + (checkup.isIntact ? "ok" : "DAMAGED: " + checkup.integrity.prefix(5).joined(separator: "; ")))
            let schema = !checkup.isQualify ? "not a qualify database"
                : checkup.newer ? "written by a newer qualify; update qualify"
                // A number, not a migration's internal name: what a user can compare or quote.
                : checkup.pending.isEmpty ? "version \(checkup.applied.count), up to date"
                : "version \(checkup.applied.count) of \(checkup.applied.count + checkup.pending.count): the next qualify command updates it, after keeping a copy"
            console.say("Schema     " + schema)
            let modes = checkup.files.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent) \(String($0.mode, radix: 8))" }
            let loose = checkup.files.filter { !$0.isOwnerOnly }
            console.say("Modes      " + modes.joined(separator: ", ")
                        + (loose.isEmpty ? " (owner-only)" : " — readable by others; any qualify command makes them 0600"))
            console.say("Journal    " + (checkup.walSize.map { "WAL \(megabytes($0)) not yet copied into the database" } ?? "no WAL file (clean)"))
            if let latest = shelf.latest {
                console.say("Backups    \(shelf.backups.count) in \(shelf.folder.path); latest \(latest.lastPathComponent)")
            } else {
                console.say("Backups    none yet in \(shelf.folder.path); make one with: qualify backup")
            }
            guard checkup.healthy else {
                if !checkup.isIntact {
                    let fix = shelf.latest.map { "Restore the latest backup: qualify restore \"\($0.path)\"" }
                        ?? "No backup of it is kept here; put a copy you trust in its place with: qualify restore FILE"
                    throw CommandFailure("\(checkup.path) is damaged and qualify will not write to it. \(fix).")
                }
                throw CommandFailure("\(checkup.path) needs attention (see above).")
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database with SQLite's online backup, safe while another qualify writes.",
            discussion: "Without --output the copy goes to a folder named after the database in $XDG_STATE_HOME/qualify/backups/, where its last 5 are kept.")
        @OptionGroup var options: GlobalOptions
        @Option(name: .shortAndLong, help: ArgumentHelp("Write the backup to this file (owner-only).", valueName: "path"))
        var output: String?
        @Flag(help: "Replace the --output file if it exists.") var force = false

        func run() throws {
            let database = try options.openDatabase()
            let path: String
            if let output {
                _ = try database.backup(to: output, force: force)
                path = output
            } else {
                path = try database.backup(onto: Environment.backupShelf(for: database.path), reason: "by-hand").path
            }
            options.console().say("Backed up \(database.path) to \(path).")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Put a backup in place of the database, after checking its integrity.",
            discussion: "The database it replaces is kept beside it, renamed ….before-restore-<time>. Close other qualify windows first.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The backup file (qualify doctor names the latest).") var file: String

        func run() throws {
            let path = options.databasePath
            let keptAside = try QualifyDatabase.restore(from: file, to: path)
            let console = options.console()
            console.say("Restored \(path) from \(file).")
            if let previous = keptAside.first { console.say("The database it replaced is kept as \(previous).") }
        }
    }
}

