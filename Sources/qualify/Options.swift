import ArgumentParser
import Foundation
import QualifyKit
import QualifyPrompts
import QualifySession
import QualifyStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (default: $QUALIFY_DATABASE, else $XDG_DATA_HOME/qualify/qualify.sqlite).",
        valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "A folder whose prompt files override the built-in ones (default: $XDG_CONFIG_HOME/qualify/prompts).",
        valueName: "dir"))
    var prompts: String?

    @Flag(name: .long, help: "No colour, also when $NO_COLOR is set.")
    var noColor = false

    var databasePath: String {
        if let database { return database }
        if let path = Environment.value("QUALIFY_DATABASE") { return path }
        return Environment.dataFolder.appendingPathComponent("qualify.sqlite").path
    }

    /// Whether a command may start a new database or only reads or changes one that exists.
    enum DatabaseUse {
        /// Starts work (an interview, a first record): a missing file is created.
        case creating
        /// An import: a missing file is created, and kept only if the import is (see `withImportDatabase`).
        case importing
        /// Lists, shows, reports, changes a stored record: a missing file is an error,
        /// so a mistyped --database never passes for an empty pipeline, and nothing is created.
        case existing
        /// A dry run: nothing is created or changed; a missing or older file is checked against in memory.
        case dryRun
    }

    /// `waiting`: how a write waits for another qualify; the interview waits long and says so.
    func openDatabase(_ use: DatabaseUse = .existing, waiting: LockWaiting = .command) throws -> QualifyDatabase {
        // A broken config.yaml stops every command with its name, instead of
        // silently using a currency or owner the user did not choose.
        _ = try settings()
        let path = databasePath
        if use == .dryRun {
            let opened = try QualifyDatabase.openForDryRun(path: path, waiting: waiting)
            for note in opened.notes { console().note(note) }
            return opened
        }
        // One stat at start-up answers both: is there a file, and does it hold bytes.
        var file = stat()
        let isNew = stat(path, &file) != 0
        if isNew && use == .existing {
            throw CommandFailure("no qualify database at \(path); check the path, or start one with qualify demo, qualify account add NAME or qualify import.")
        }
        // An empty file is no database either: a reading command would have made it one (and 0600).
        if use == .existing, file.st_mode & S_IFMT == S_IFREG, file.st_size == 0 {
            throw CommandFailure("\(path) is an empty file, not a qualify database; it was left unchanged. Check the path, or start one there with qualify demo, qualify account add NAME or qualify import.")
        }
        // A migration changes the file: a copy is kept first, as before an import.
        let opened = try QualifyDatabase.open(path: path, waiting: waiting) { database in
            try database.backup(onto: Environment.backupShelf(for: database.path), reason: "before-migration")
        }
        // A mistyped --database would otherwise look like an empty pipeline. An import's new file is
        // deleted again when the import is refused: it is announced only once it is kept.
        if databaseChosen && isNew && use != .importing { console().note("created a new, empty database at \(path).") }
        for note in opened.notes { console().note(note) }
        return opened
    }

    /// An import's database, for `body` to import into (a dry run checks against it in memory).
    /// A file this import created is kept only if the import is: a refused import removes
    /// it again, and a kept one is announced when the user named the path.
    func withImportDatabase(dryRun: Bool, _ body: (QualifyDatabase) throws -> Void) throws {
        let database = try openDatabase(dryRun ? .dryRun : .importing)
        var imported = false
        defer { if !imported { database.removeIfStartedHere() } }
        try body(database)
        imported = true
        if !dryRun && databaseChosen && database.startedHere { console().note("created a new database at \(database.path).") }
    }

    /// The path was given (--database or $QUALIFY_DATABASE), so a typo in it would start a second pipeline.
    private var databaseChosen: Bool {
        database != nil || Environment.value("QUALIFY_DATABASE") != nil
    }

    /// Ctrl-C while an interview's write waits for the lock: one for the process.
    static let interruption = WaitInterruption()

    /// The database during a call: a write waits up to five minutes for
    /// another qualify (a long import), says so after a second, and Ctrl-C
    /// stops the wait; the answer is kept either way.
    func openDatabaseForTheCall(_ use: DatabaseUse) throws -> QualifyDatabase {
        let console = console(forTerminal: 2)
        return try openDatabase(use, waiting: LockWaiting(
            timeout: 300,
            announce: { console.note("waiting for another qualify to finish writing (an import?); your answer is kept. Ctrl-C stops waiting.") },
            shouldStop: { GlobalOptions.interruption.take() }))
    }

    func settings() throws -> Settings {
        try Environment.settings()
    }

    var promptLibrary: PromptLibrary {
        var folders: [URL] = []
        if let prompts { folders.append(URL(fileURLWithPath: prompts)) }
        folders.append(Environment.configFolder.appendingPathComponent("prompts"))
        return PromptLibrary(overrideDirectories: folders)
    }

    func console(forTerminal fd: Int32 = 1) -> Console {
        Console(colors: !noColor && Environment.value("NO_COLOR") == nil && isatty(fd) == 1
                && Environment.value("TERM") != "dumb")
    }

    func validate() throws {
        if let database, database.isEmpty {
            throw ValidationError("--database needs a file path.")
        }
    }
}

extension CRMContext {
    init(_ options: GlobalOptions) throws {
        try self.init(settings: options.settings())
    }
}

extension CRMContext {
    /// An amount option (`home --minimum`, `opportunity list --min-amount`), read as every amount
    /// is, with config.yaml's currency; refused as a usage error that names the option. Not in
    /// `validate()`, which runs before config.yaml is read: there "$50,000" with `currency: USD`
    /// was refused as contradicting EUR "from config.yaml".
    func amountOption(_ raw: String, named option: String) throws -> Amount {
        do { return try AmountParser.read(raw, edit.amountReading).amount } catch {
            throw ValidationError("\(option): \(error.description)")
        }
    }
}
