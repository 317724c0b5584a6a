import Foundation
import QualifyKit
import QualifyPrompts
import QualifyStore
import Synchronization

/// Where qualify keeps its files, following the XDG base directories.
public enum Environment {
    /// One variable, read where it is (`ProcessInfo.environment` copies all of them into a dictionary at every call).
    public static func value(_ name: String) -> String? {
        guard let found = getenv(name), found.pointee != 0 else { return nil }
        return String(cString: found)
    }

    /// The folder's path, joined as text: every command reads config.yaml from here before its
    /// first line, and Foundation's `appendingPathComponent` costs more than the rest of that.
    private static func xdgPath(_ variable: String, default relative: String) -> String {
        // $HOME first, as the XDG spec says: Foundation's home directory comes from the password file.
        var base = value(variable) ?? (value("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path) + "/" + relative
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base + "/qualify"
    }

    private static func xdg(_ variable: String, default relative: String) -> URL {
        URL(fileURLWithPath: xdgPath(variable, default: relative), isDirectory: true)
    }

    public static var dataFolder: URL { xdg("XDG_DATA_HOME", default: ".local/share") }
    public static var stateFolder: URL { xdg("XDG_STATE_HOME", default: ".local/state") }
    public static var configFolder: URL { xdg("XDG_CONFIG_HOME", default: ".config") }

    public static var historyFile: URL { stateFolder.appendingPathComponent("history") }

    /// Backups of the database at `databasePath`, made before migrations and
    /// imports and by `qualify backup`: each database has its own folder in backups/.
    public static func backupShelf(for databasePath: String) -> BackupShelf {
        BackupShelf(in: stateFolder.appendingPathComponent("backups"), for: databasePath)
    }

    public static var settingsFile: URL {
        URL(fileURLWithPath: xdgPath("XDG_CONFIG_HOME", default: ".config") + "/config.yaml", isDirectory: false)
    }

    /// config.yaml as this command reads it: read once, then kept, so the
    /// rep, the currency and a letter's sender come from one reading. The
    /// assistant forgets it before each command line the rep types, so an
    /// edit made meanwhile counts there.
    public static func settings() throws -> Settings {
        let file = settingsFile
        let path = file.path
        if let kept = keptSettings.withLock({ $0 }), kept.path == path { return kept.settings }
        let settings = try SettingsFile.load(from: file)
        keptSettings.withLock { $0 = (path, settings) }
        return settings
    }

    public static func forgetSettings() {
        keptSettings.withLock { $0 = nil }
    }

    private static let keptSettings = Mutex<(path: String, settings: Settings)?>(nil)

    /// Who signs the letters: `sender:` in config.yaml, its name defaulting to the rep.
    public static func sender() throws -> Sender {
        let settings = try Self.settings()
        let sender = settings.sender
        let name = sender?.name ?? rep(settings: settings)
        return Sender(name: name, email: sender?.email, title: sender?.title, company: sender?.company)
    }

    /// Who captured a statement: $QUALIFY_REP, else `owner` in config.yaml, else the login name.
    /// Throws when config.yaml is unreadable: a broken file is reported, not
    /// silently replaced by the login name on everything the rep captures.
    public static func rep() throws -> String {
        if let rep = value("QUALIFY_REP") { return rep }
        return rep(settings: try settings())
    }

    /// The rep, from config.yaml already read by the command.
    public static func rep(settings: Settings) -> String {
        if let rep = value("QUALIFY_REP") { return rep }
        if let owner = settings.owner, !owner.isEmpty { return owner }
        if let user = value("USER") ?? value("LOGNAME") { return user }
        return ProcessInfo.processInfo.userName
    }
}
