import Foundation
import GRDB

/// One dated change of one field of a contact or a plan step (an
/// opportunity's changes are `OpportunityChange`s): append-only, so two
/// laptops' edits of the same field both stay, and sync resolves them from
/// this history, the later change winning.
public struct FieldChange: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "fieldChange"

    public var id: Int64?
    public var uuid: UUID
    public var contactId: Int64?
    public var planStepId: Int64?
    /// The record's column, as `EditedRecord.historyColumns` names it.
    public var field: String
    /// As the column stores it: text, an integer's digits, a date as SQLite holds it.
    public var oldValue: String?
    public var newValue: String?
    public var changedBy: String
    public var changedAt: Date
}

/// A record a rep edits after creating it. Its `historyColumns` are the one
/// list of what each edit keeps a `FieldChange` of and what sync resolves;
/// the other columns are fixed at creation or written by imports.
protocol EditedRecord: RowIDRecord, EncodableRecord {
    static var historyColumns: [String] { get }
    /// The `FieldChange` column that points at the record.
    static var historyLink: String { get }
    /// The column sync names the record by in a superseded change.
    static var nameColumn: String { get }
}

extension Contact: EditedRecord {
    static let historyColumns = ["title", "email", "phone"]
    static let historyLink = "contactId"
    static let nameColumn = "name"
}

extension PlanStepRecord: EditedRecord {
    static let historyColumns = ["what", "owner", "due", "isDecision", "doneAt"]
    static let historyLink = "planStepId"
    static let nameColumn = "what"
}

enum FieldHistory {
    /// Every edited record kind; `fieldChange` has one link column per kind.
    static let records: [any EditedRecord.Type] = [Contact.self, PlanStepRecord.self]

    /// One `FieldChange` per history column whose stored value differs.
    static func record<Record: EditedRecord>(from old: Record, to new: Record, by changedBy: String, in db: Database) throws {
        let before = try old.databaseDictionary, after = try new.databaseDictionary
        let now = Date()
        for column in Record.historyColumns where before[column] != after[column] {
            var change = FieldChange(uuid: UUID(), contactId: nil, planStepId: nil, field: column,
                                     oldValue: text(before[column]), newValue: text(after[column]),
                                     changedBy: changedBy, changedAt: now)
            if Record.historyLink == "contactId" { change.contactId = new.id } else { change.planStepId = new.id }
            try change.insert(db)
        }
    }

    private static func text(_ value: DatabaseValue?) -> String? {
        switch value?.storage {
        case .int64(let integer): return String(integer)
        case .double(let double): return String(double)
        case .string(let string): return string
        case .blob, .null, nil: return nil
        }
    }

    /// Each history column of the record takes its newest change: latest
    /// `changedAt`, then the greater rep name, the same answer on every laptop.
    static func applyLatest(table: String, id: Int64, in db: Database) throws {
        guard let record = records.first(where: { $0.databaseTableName == table }) else { return }
        var latest: [String: String?] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT field, newValue FROM fieldChange WHERE \(record.historyLink) = ? ORDER BY changedAt DESC, changedBy DESC
            """), arguments: [id]) where latest[row["field"]] == nil {
            latest[row["field"]] = .some(row["newValue"])
        }
        for column in record.historyColumns {
            guard let newest = latest[column] else { continue }
            // The column's declared type turns the text back into what was stored (a boolean's 1, a date's text).
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ? AND \(column) IS NOT ?",
                           arguments: [newest, id, newest])
        }
    }
}
