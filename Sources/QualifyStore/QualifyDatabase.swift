import Foundation
import GRDB
import QualifyKit

/// The opportunity database: one SQLite file, readable by its owner only,
/// because it holds what buyers said in confidence.
public final class QualifyDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// The first 16 bytes of every SQLite 3 file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Opens or creates the database at `path`. A file that is not SQLite is
    /// refused before SQLite touches it, so it is left exactly as it was.
    public static func open(path: String) throws(StoreError) -> QualifyDatabase {
        try prepareFile(at: path)
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(5)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Migrations.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(.newerSchema, "\(path) was written by a newer version of qualify; it was left unchanged. Update qualify to open it.")
            }
            try migrator.migrate(queue)
            return QualifyDatabase(path: path, queue: queue)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    private static func prepareFile(at path: String) throws(StoreError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let files = FileManager.default
        if !files.fileExists(atPath: folder) {
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                          attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError(.cannotOpen, "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw StoreError(.cannotOpen, "\(path) is a folder; give --database the path of a file.")
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw StoreError(.cannotOpen, "cannot read \(path); check its permissions.")
            }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
            if !header.isEmpty && Array(header) != sqliteHeader {
                throw StoreError(.notADatabase, "\(path) is not a qualify database (not SQLite); it was left unchanged. Choose another file with --database.")
            }
            return
        }
        // Created by hand first so the owner-only mode holds from the first byte.
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.cannotOpen, "cannot create \(path): \(String(cString: strerror(errno))). Check the folder's permissions or choose another file with --database.")
        }
        close(descriptor)
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try queue.read(body) } catch { throw StoreError.from(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try queue.write(body) } catch { throw StoreError.from(error, path: path) }
    }
}
