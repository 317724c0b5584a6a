import Foundation

/// The database file as the file system sees it, checked before SQLite
/// touches it: a file that is not SQLite is left exactly as it was, and the
/// buyer's words are readable by their owner only.
struct DatabaseFile {
    let path: String
    /// The file already held bytes: it must prove it is a qualify database.
    let hadContent: Bool
    /// What the user should hear once (a mode that was tightened).
    let notes: [String]

    /// The first 16 bytes of every SQLite 3 file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// The database and the files SQLite keeps beside it in WAL mode.
    static func companions(of path: String) -> [String] { [path, path + "-wal", path + "-shm"] }

    /// Whether another process has the database at `path` open. Every SQLite connection to a
    /// WAL database holds a shared lock on one byte of its `-shm` file for as long as it is open
    /// (the "dead man switch", byte 128: SQLite's UNIX_SHM_DMS), so a lock there held by
    /// another process is another qualify (or sqlite3) with the file open. This process must
    /// not have the database open itself: closing the descriptor opened here would drop its locks.
    static func isOpenElsewhere(_ path: String) -> Bool {
        let descriptor = open(path + "-shm", O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    static func prepare(at path: String) throws(StoreError) -> DatabaseFile {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
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
        let exists = files.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw folderRefused(path) }
        // SQLite writes its journal (-wal, -shm) beside the database: the folder, not the file, is the problem.
        if access(folder, W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            guard exists else {
                throw StoreError(.cannotOpen, "cannot create \(path): the folder \(folder) is read-only (\(reason)). Make the folder writable, or give --database a path in a writable folder.")
            }
            throw StoreError(.cannotOpen, "the folder \(folder) is read-only (\(reason)): qualify keeps its journal beside the database there. Make the folder writable, or copy the database to a writable folder and give that path with --database.")
        }
        guard exists else {
            // Created by hand first so the owner-only mode holds from the first byte.
            let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard descriptor >= 0 else {
                throw StoreError(.cannotOpen, "cannot create \(path): \(String(cString: strerror(errno))). Check the folder's permissions or choose another file with --database.")
            }
            close(descriptor)
            return DatabaseFile(path: path, hadContent: false, notes: [])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.cannotOpen, "cannot read \(path); check its permissions.")
        }
        let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        try? handle.close()
        if !header.isEmpty && Array(header) != sqliteHeader {
            throw StoreError(.notADatabase, "\(path) is not a qualify database (not SQLite); it was left unchanged. Choose another file with --database.")
        }
        return DatabaseFile(path: path, hadContent: !header.isEmpty, notes: [])
    }

    /// Whether `path` holds a file with bytes, found without creating or changing
    /// anything (a dry run's question); a folder there is refused as `prepare` refuses it.
    static func hasContent(at path: String) throws(StoreError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { throw folderRefused(path) }
        return ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > 0
    }

    private static func folderRefused(_ path: String) -> StoreError {
        StoreError(.cannotOpen, "\(path) is a folder; give --database the path of a file.")
    }

    /// The database, -wal and -shm made owner-only; SQLite gives new -wal and
    /// -shm files the database's own mode, so they follow from here on.
    func tightened() throws(StoreError) -> DatabaseFile {
        var loosened: [String] = []
        for file in Self.companions(of: path) {
            var status = stat()
            guard lstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            guard status.st_mode & 0o077 != 0 else { continue }
            // Only others lose access: a database the owner made read-only (0444) stays read-only (0400).
            let ownerOnly = status.st_mode & 0o700
            if chmod(file, ownerOnly) != 0 {
                throw StoreError(.cannotOpen, "\(file) is readable by others (mode \(String(status.st_mode & 0o777, radix: 8))) and cannot be made owner-only: \(String(cString: strerror(errno))). Change its owner or choose another file with --database.")
            }
            loosened.append("\(URL(fileURLWithPath: file).lastPathComponent) (was \(String(status.st_mode & 0o777, radix: 8)), now \(String(ownerOnly, radix: 8)))")
        }
        guard !loosened.isEmpty else { return self }
        let note = "made \(loosened.joined(separator: ", ")) readable by you only: it holds what buyers said in confidence."
        return DatabaseFile(path: path, hadContent: hadContent, notes: notes + [note])
    }

    var size: Int64 {
        var status = stat()
        return stat(path, &status) == 0 ? Int64(status.st_size) : 0
    }
}
