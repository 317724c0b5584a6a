import Foundation
import GRDB

/// A record a rep removed: who, when, which. Append-only, like the history,
/// so sync carries a removal to every laptop and a removed plan step or deal
/// never comes back from the server, even when another rep edited it meanwhile
/// (a removal wins over any edit). The buyer's words stay on the server:
/// nobody may delete them there.
public struct Removal: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "removal"

    public var id: Int64?
    public var uuid: UUID
    /// The table the record was in: one of `Removal.kinds`.
    public var recordKind: String
    /// The removed record's uuid, as text: it points at a row that no longer exists.
    public var recordUuid: String
    public var removedBy: String
    public var removedAt: Date

    /// What a rep can remove. Statements and letter versions are never removed alone;
    /// removing a deal takes them from the laptop, as it always did.
    static let kinds: Set<String> = [Opportunity.databaseTableName, PlanStepRecord.databaseTableName]

    init(of record: UUID, kind: String, by removedBy: String) {
        self.uuid = UUID()
        self.recordKind = kind
        self.recordUuid = record.uuidString
        self.removedBy = removedBy
        self.removedAt = Date()
    }

    /// Records the removal of a record that may have left the laptop; a demo deal's never did.
    static func record(_ uuid: UUID, kind: String, isDemo: Bool, by removedBy: String, in db: Database) throws {
        guard !isDemo else { return }
        var removal = Removal(of: uuid, kind: kind, by: removedBy)
        try removal.insert(db)
    }

    static func isRemoved(_ uuid: UUID, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM removal WHERE recordUuid = ?"), arguments: [uuid.uuidString]) == true
    }
}
