import GRDB

/// Errors a user can cause or meet, each with a message that says what to do.
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case notFound, duplicate, notADatabase, damaged, newerSchema, cannotOpen, invalid
    }
    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// SQLite's own errors, turned into something a rep can act on.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return StoreError(.notADatabase, "\(path) is not a qualify database; it was left unchanged. Choose another file with --database.")
            case .SQLITE_CORRUPT:
                return StoreError(.damaged, "\(path) is damaged (\(error.message ?? "corrupt")); it was left unchanged. Restore a backup or choose another file with --database.")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
                return StoreError(.cannotOpen, "cannot write \(path): \(error.message ?? "permission denied"). Check the file's permissions or choose another file with --database.")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.cannotOpen, "\(path) is busy in another qualify; try again in a moment.")
            default:
                return StoreError(.damaged, "database error in \(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
        return StoreError(.cannotOpen, "\(path): \(error)")
    }
}
