import Foundation
import QualifyKit

/// Answers the database could not take (disk full, read-only, another
/// qualify holding the lock): kept in memory for `/retry`, and when the rep
/// quits, in an owner-only file that the next interview of the same
/// opportunity offers to store. Never dropped.
public struct UnsavedAnswer: Codable, Equatable, Sendable {
    public let field: Field
    public let position: Int
    public let text: String

    public init(field: Field, position: Int, text: String) {
        self.field = field
        self.position = position
        self.text = text
    }
}

/// `$XDG_STATE_HOME/qualify/recovery/<opportunity uuid>.json`.
public struct RecoveryFile: Sendable {
    public let url: URL

    public init(folder: URL, opportunity: UUID) {
        url = folder.appendingPathComponent("\(opportunity.uuidString.lowercased()).json")
    }

    public var answers: [UnsavedAnswer] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([UnsavedAnswer].self, from: data)) ?? []
    }

    /// Adds `answers` to what the file holds, written whole or not at all.
    public func keep(_ answers: [UnsavedAnswer]) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let file = try OwnerOnlyFile(path: url.path, force: true)
        try file.write(String(decoding: try encoder.encode(self.answers + answers), as: UTF8.self) + "\n")
        try file.commit()
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
