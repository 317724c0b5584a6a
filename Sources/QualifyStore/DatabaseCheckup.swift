import Foundation
import GRDB
import QualifyKit

/// What `qualify doctor` reports about a database file, read without
/// writing to it (a damaged file is examined, not refused).
public struct DatabaseCheckup: Sendable {
    public struct FileMode: Sendable {
        public let path: String
        public let mode: Int
        public let size: Int64
        public var isOwnerOnly: Bool { mode & 0o077 == 0 }
    }

    public let path: String
    /// `["ok"]`, or what `PRAGMA integrity_check` (or opening) found wrong.
    public let integrity: [String]
    public let isQualify: Bool
    public let applied: [String]
    public let pending: [String]
    public let newer: Bool
    /// The database, -wal and -shm that exist.
    public let files: [FileMode]

    public var isIntact: Bool { integrity == ["ok"] }
    public var healthy: Bool { isIntact && isQualify && !newer && files.allSatisfy(\.isOwnerOnly) }
    public var walSize: Int64? { files.first { $0.path.hasSuffix("-wal") }?.size }

    /// Reads `path` through a read-only connection: `PRAGMA integrity_check`
    /// visits every page (4.5 s at 433 MB), which a checkup may take.
    public static func examine(path: String) throws(StoreError) -> DatabaseCheckup {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw StoreError(.notFound, "\(path) does not exist or is not a file; give the path of a qualify database.")
        }
        let files = DatabaseFile.companions(of: path).compactMap { file -> FileMode? in
            var status = stat()
            guard lstat(file, &status) == 0 else { return nil }
            return FileMode(path: file, mode: Int(status.st_mode & 0o777), size: Int64(status.st_size))
        }
        let header = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 16) } ?? Data()
        guard Array(header) == DatabaseFile.sqliteHeader else {
            return DatabaseCheckup(path: path, integrity: ["not an SQLite file"], isQualify: false,
                                   applied: [], pending: [], newer: false, files: files)
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let applied = try db.tableExists("grdb_migrations")
                    ? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                let known = Migrations.migrator.migrations
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
                return DatabaseCheckup(
                    path: path, integrity: integrity,
                    isQualify: id == QualifyDatabase.applicationID || applied.contains(QualifyDatabase.firstMigration),
                    applied: known.filter(applied.contains), pending: known.filter { !applied.contains($0) },
                    newer: applied.contains { !known.contains($0) }, files: files)
            }
        } catch let error as DatabaseError {
            return DatabaseCheckup(path: path, integrity: [error.message ?? "\(error.resultCode)"], isQualify: false,
                                   applied: [], pending: [], newer: false, files: files)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}

extension QualifyDatabase {
    /// Puts a backup in place of the database at `path`, after checking it is
    /// an intact qualify database. The files it replaces are kept beside it,
    /// renamed `….before-restore-<time>`; their paths are returned.
    public static func restore(from backup: String, to path: String) throws -> [String] {
        let checkup = try DatabaseCheckup.examine(path: backup)
        guard checkup.isIntact, checkup.isQualify, !checkup.newer else {
            let reason = !checkup.isIntact ? "it is damaged (\(checkup.integrity.prefix(3).joined(separator: "; ")))"
                : !checkup.isQualify ? "it is not a qualify database" : "it was written by a newer qualify"
            throw StoreError(.invalid, "\(backup) cannot be restored: \(reason); nothing was changed. Choose another backup (qualify doctor lists them).")
        }
        // An open interview would go on writing to the file set aside, and its answers would be
        // missing from the restored one while the rep read "Saved.".
        if DatabaseFile.isOpenElsewhere(path) {
            throw StoreError(.busy, "another qualify has \(path) open (an interview, the assistant, an import); nothing was restored. Close it, then restore: its next answers would go to the file set aside.")
        }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var keptAside: [String] = []
        for file in DatabaseFile.companions(of: path) where FileManager.default.fileExists(atPath: file) {
            let aside = file.replacingOccurrences(of: path, with: "\(path).before-restore-\(stamp)")
            guard rename(file, aside) == 0 else {
                throw StoreError(.cannotOpen, "cannot move \(file) aside: \(String(cString: strerror(errno))); nothing was restored.")
            }
            keptAside.append(aside)
        }
        let file = try OwnerOnlyFile(path: path, force: false)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: configuration)
            let copy = try DatabaseQueue(path: file.temporaryPath)
            try source.backup(to: copy)
            try copy.close()
        } catch {
            file.discard()
            throw StoreError.from(error, path: backup)
        }
        try file.commit()
        return keptAside
    }
}
