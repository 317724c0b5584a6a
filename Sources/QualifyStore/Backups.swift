import Foundation
import GRDB
import QualifyKit

/// Copies of one database kept before anything large changes it (a
/// migration, an import) and on request: owner-only files in a folder of
/// their own per database, named by when and why, the newest `keep` kept.
/// A scratch database's backups never push out the pipeline's, and doctor
/// and restore only ever offer a copy of the database in use.
public struct BackupShelf: Sendable {
    public let folder: URL
    public let keep: Int

    /// Five: at 1,000,000 statements a copy is 433 MB.
    public init(folder: URL, keep: Int = 5) {
        self.folder = folder
        self.keep = keep
    }

    /// The shelf in `backups` for the database at `databasePath`: the one place its folder is named.
    public init(in backups: URL, for databasePath: String, keep: Int = 5) {
        self.init(folder: backups.appendingPathComponent(Self.folderName(for: databasePath), isDirectory: true), keep: keep)
    }

    /// `qualify.sqlite-1a2b3c4d`: the file's name for the rep to recognise, and a
    /// hash of its full path, so two `pipeline.sqlite` in different folders stay apart.
    static func folderName(for databasePath: String) -> String {
        let url = URL(fileURLWithPath: databasePath).standardizedFileURL
        // The folder's real path, the file's own name: a symlinked folder or a relative
        // --database is the same database, and the file need not exist yet.
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let full = (folder.hasSuffix("/") ? folder : folder + "/") + url.lastPathComponent
        // FNV-1a: stable from run to run, as Swift's Hasher is not.
        var hash: UInt32 = 0x811C_9DC5
        for byte in full.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return url.lastPathComponent + "-" + String(format: "%08x", hash)
    }

    /// Oldest first; the names sort by time.
    public var backups: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("qualify-") && $0.hasSuffix(".sqlite") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    public var latest: URL? { backups.last }

    /// `qualify-20261201T160512.123Z-before-import.sqlite`: sortable, and says why it was made.
    func nextPath(reason: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return folder.appendingPathComponent("qualify-\(formatter.string(from: Date()))-\(reason).sqlite").path
    }

    /// Removes all but the newest `keep`, each with the -wal and -shm SQLite
    /// leaves beside a copy that was opened (by doctor, by restore).
    func rotate() {
        for old in backups.dropLast(keep) {
            for file in DatabaseFile.companions(of: old.path) { try? FileManager.default.removeItem(atPath: file) }
        }
    }

    /// For a message: where the latest backup is, or that there is none yet.
    public var latestDescription: String {
        latest.map { "the latest backup is \($0.path)" } ?? "there is no backup yet in \(folder.path)"
    }
}

extension QualifyDatabase {
    /// SQLite's online backup API into `path`, through `OwnerOnlyFile`: a
    /// consistent copy even while another qualify writes, and the target
    /// appears whole or not at all.
    public func backup(to path: String, force: Bool) throws -> Int64 {
        let file = try OwnerOnlyFile(path: path, force: force)
        do {
            let copy = try DatabaseQueue(path: file.temporaryPath)
            try queue.backup(to: copy)
            try copy.close()
        } catch {
            file.discard()
            throw StoreError.from(error, path: self.path)
        }
        try file.commit()
        var status = stat()
        return stat(path, &status) == 0 ? Int64(status.st_size) : 0
    }

    /// A backup on the shelf, then the oldest beyond its limit removed. When
    /// nothing was written since the latest backup, that one is returned:
    /// two imports in a row copy the file once.
    @discardableResult
    public func backup(onto shelf: BackupShelf, reason: String) throws -> URL {
        // The database and a -wal holding commits; -shm changes on every read.
        if let latest = shelf.latest, let made = Self.modified(latest.path),
           [path, path + "-wal"].compactMap(Self.modified).allSatisfy({ $0 < made }) {
            return latest
        }
        do {
            try FileManager.default.createDirectory(at: shelf.folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.cannotOpen, "cannot create the backup folder \(shelf.folder.path): \(error.localizedDescription)")
        }
        let path = shelf.nextPath(reason: reason)
        _ = try backup(to: path, force: false)
        shelf.rotate()
        return URL(fileURLWithPath: path)
    }

    /// When a non-empty file last changed (SQLite opens an empty -wal just to read).
    private static func modified(_ path: String) -> timespec? {
        var status = stat()
        return stat(path, &status) == 0 && status.st_size > 0 ? status.st_mtim : nil
    }
}

extension timespec: @retroactive Comparable {
    public static func < (a: timespec, b: timespec) -> Bool { (a.tv_sec, a.tv_nsec) < (b.tv_sec, b.tv_nsec) }
    public static func == (a: timespec, b: timespec) -> Bool { a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec }
}
