import GRDB

/// Errors a user can cause or meet, each with a message that says what to do.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case notFound, duplicate, notADatabase, damaged, newerSchema, cannotOpen, invalid, busy, full
    }
    public let kind: Kind
    public let description: String
    /// The damaged database, so the message can name its own latest backup.
    public private(set) var databasePath: String?

    init(_ kind: Kind, _ description: String, databasePath: String? = nil) {
        self.kind = kind
        self.description = description
        self.databasePath = databasePath
    }

    /// Damage stops every write: the user is sent to `qualify doctor` and a backup.
    static func damaged(_ path: String, detail: String) -> StoreError {
        StoreError(.damaged, "\(path) is damaged (\(detail)); qualify will not write to it. Run `qualify doctor` for details, then `qualify restore` a backup.",
                   databasePath: path)
    }

    /// SQLite's own errors, turned into something a rep can act on.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return StoreError(.notADatabase, "\(path) is not a qualify database or is damaged; it was left unchanged. Run `qualify doctor`, or choose another file with --database.")
            case .SQLITE_CORRUPT:
                return damaged(path, detail: error.message ?? "corrupt")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
                return StoreError(.cannotOpen, "cannot write \(path): \(error.message ?? "permission denied"). Check the file's permissions or choose another file with --database.")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.busy, "\(path) is busy in another qualify; try again in a moment.")
            case .SQLITE_FULL, .SQLITE_IOERR:
                return StoreError(.full, "cannot write \(path): \(error.message ?? "disk full or I/O error"). Free some disk space, then try again.")
            default:
                return StoreError(.damaged, "database error in \(path): \(error.message ?? "\(error.resultCode)")", databasePath: path)
            }
        }
        return StoreError(.cannotOpen, "\(path): \(error)")
    }
}
