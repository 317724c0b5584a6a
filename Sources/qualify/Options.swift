import ArgumentParser
import Foundation
import QualifyKit
import QualifyPrompts
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

    func openDatabase() throws -> QualifyDatabase {
        // A broken config.yaml stops every command with its name, instead of
        // silently using a currency or owner the user did not choose.
        _ = try settings()
        let path = databasePath
        let chosen = database != nil || Environment.value("QUALIFY_DATABASE") != nil
        let isNew = !FileManager.default.fileExists(atPath: path)
        let opened = try QualifyDatabase.open(path: path)
        // A mistyped --database would otherwise look like an empty pipeline.
        if chosen && isNew { console().note("created a new, empty database at \(path).") }
        for note in opened.notes { console().note(note) }
        return opened
    }

    func settings() throws -> Settings {
        try SettingsFile.load(from: Environment.settingsFile)
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

/// Where qualify keeps its files, following the XDG base directories.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    private static func xdg(_ variable: String, default relative: String) -> URL {
        let base = value(variable).map { URL(fileURLWithPath: $0) }
            // $HOME first, as the XDG spec says: Foundation's home directory comes from the password file.
            ?? (value("HOME").map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser)
                .appendingPathComponent(relative)
        return base.appendingPathComponent("qualify")
    }

    static var dataFolder: URL { xdg("XDG_DATA_HOME", default: ".local/share") }
    static var stateFolder: URL { xdg("XDG_STATE_HOME", default: ".local/state") }
    static var configFolder: URL { xdg("XDG_CONFIG_HOME", default: ".config") }

    static var historyFile: URL { stateFolder.appendingPathComponent("history") }

    static var settingsFile: URL { configFolder.appendingPathComponent("config.yaml") }

    /// Who captured a statement: $QUALIFY_REP, else `owner` in config.yaml, else the login name.
    /// Throws when config.yaml is unreadable: a broken file is reported, not
    /// silently replaced by the login name on everything the rep captures.
    static func rep() throws -> String {
        if let rep = value("QUALIFY_REP") { return rep }
        if let owner = try SettingsFile.load(from: settingsFile).owner, !owner.isEmpty { return owner }
        if let user = value("USER") ?? value("LOGNAME") { return user }
        return ProcessInfo.processInfo.userName
    }
}
