import Foundation
import GRDB
import QualifyKit

/// One JSON value of an exported row. Rows leave the machine as the text
/// SQLite holds (dates included), so export, import and export again is
/// byte-identical.
public enum ExportValue: Codable, Equatable, Sendable {
    case null, integer(Int64), text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let integer = try? container.decode(Int64.self) { self = .integer(integer) }
        else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let value): return value.databaseValue
        case .text(let value): return value.databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .int64(let integer): self = .integer(integer)
        case .string(let text): self = .text(text)
        case .double(let double): self = .text(String(double))
        case .blob(let data):
            // GRDB stores a UUID as its 16 bytes; the file carries the usual text form.
            if data.count == 16, let uuid = UUID.fromDatabaseValue(value) { self = .text(uuid.uuidString) }
            else { self = .text(data.base64EncodedString()) }
        case .null: self = .null
        }
    }
}

/// How one table leaves and enters the JSONL file: its plain columns, and
/// its references, which travel as the referenced row's uuid.
struct ExportedTable: Sendable {
    var kind: String
    var table: String
    var columns: [String]
    /// JSON key -> (local column, referenced table).
    var references: [(key: String, column: String, table: String)]
    /// A row may be a stored record under another uuid: of its CRM id, or of its name
    /// (an account; a contact at the same account; a deal only in sync), see `FullImporter.storedTwin`.
    var mergesByName: Bool

    /// The moments (`createdAt`, `capturedAt`, `changedAt`…: the schema names each one so),
    /// which a row must give as text the records read back.
    var momentColumns: [String] { columns.filter { $0.hasSuffix("At") } }

    /// The columns an import writes: the plain ones, the references' ids, an opportunity's stage.
    var storedColumns: [String] {
        columns + references.map(\.column) + (table == "opportunity" ? ["stageId"] : [])
    }

    var insertSQL: String {
        "INSERT INTO \(table) (\(storedColumns.joined(separator: ", "))) VALUES (\(storedColumns.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// Changes the row only when a value differs, so `changesCount` tells an update from a repeat.
    var updateSQL: String {
        let assignments = storedColumns.map { "\($0) = ?" }.joined(separator: ", ")
        let unchanged = storedColumns.map { "\($0) IS ?" }.joined(separator: " AND ")
        return "UPDATE \(table) SET \(assignments) WHERE id = ? AND NOT (\(unchanged))"
    }

    /// Statements, their history and letters are append-only: a stored version never changes.
    var isEditable: Bool { ["account", "contact", "opportunity", "lead", "planStep"].contains(table) }

    /// What a column a file from an older qualify lacks takes, instead of NULL.
    var defaults: [String: DatabaseValue] {
        table == "letter" ? ["type": "sponsor".databaseValue, "origin": "drafted".databaseValue] : [:]
    }

    /// Which of this table's rows (as `alias`) belong to the demo: the demo deal, its account (unless a
    /// real deal shares it), that account's contacts, and everything written about them. The one
    /// definition every export and sync leave out: the manual's example is not the team's pipeline.
    func demoRows(as alias: String = "t") -> String? {
        let opportunities = "SELECT id FROM opportunity WHERE isDemo"
        let accounts = "SELECT accountId FROM opportunity WHERE isDemo EXCEPT SELECT accountId FROM opportunity WHERE NOT isDemo"
        let demo: [String: String] = [
            "opportunityId": opportunities,
            "accountId": accounts,
            "contactId": "SELECT id FROM contact WHERE accountId IN (\(accounts))",
            "letterId": "SELECT id FROM letter WHERE opportunityId IN (\(opportunities))",
            "planStepId": "SELECT id FROM planStep WHERE opportunityId IN (\(opportunities))",
        ]
        var parts: [String] = []
        if table == "opportunity" { parts.append("\(alias).isDemo") }
        if table == "account" { parts.append("\(alias).id IN (\(accounts))") }
        for reference in references {
            guard let rows = demo[reference.column] else { continue }
            parts.append("(\(alias).\(reference.column) IS NOT NULL AND \(alias).\(reference.column) IN (\(rows)))")
        }
        return parts.isEmpty ? nil : "(" + parts.joined(separator: " OR ") + ")"
    }

    /// SQL that keeps `table`'s rows (as `alias`) that are not the demo's, by `demoRows`: for the
    /// exports of one kind (`export accounts`, `opportunity list --format csv`), which leave out
    /// what `export all` leaves out.
    static func notDemo(_ table: String, as alias: String) -> String {
        guard let exported = all.first(where: { $0.table == table }), let demo = exported.demoRows(as: alias) else { return "1" }
        return "NOT \(demo)"
    }

    /// Parents before children, so every reference resolves on import.
    static let all: [ExportedTable] = [
        ExportedTable(kind: "account", table: "account", columns: ["uuid", "name", "createdAt", "sourceCRM", "sourceId", "sourceName"],
                      references: [], mergesByName: true),
        ExportedTable(kind: "contact", table: "contact", columns: ["uuid", "name", "title", "email", "phone", "createdAt", "sourceCRM", "sourceId"],
                      references: [("account", "accountId", "account")], mergesByName: true),
        // The columns the inserter writes, in its order; the stage travels by name (`storedColumns`).
        ExportedTable(kind: "opportunity", table: "opportunity",
                      columns: Opportunity.storedColumns.filter { $0.reference == nil && $0 != .stageId }.map(\.rawValue),
                      references: Opportunity.storedColumns.compactMap { column in
                          column.reference.map { (key: $0.key, column: column.rawValue, table: $0.table) }
                      }, mergesByName: true),
        ExportedTable(kind: "opportunityChange", table: "opportunityChange",
                      columns: ["uuid", "field", "oldValue", "newValue", "changedBy", "changedAt"],
                      references: [("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "statement", table: "statement",
                      columns: ["uuid", "field", "position", "text", "capturedBy", "capturedAt"],
                      references: [("opportunity", "opportunityId", "opportunity"), ("replaces", "replacesId", "statement")],
                      mergesByName: false),
        ExportedTable(kind: "letter", table: "letter", columns: ["uuid", "type", "origin", "body", "draftedBy", "draftedAt"],
                      references: [("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "letterQuote", table: "letterQuote", columns: ["uuid", "line"],
                      references: [("letter", "letterId", "letter"), ("statement", "statementId", "statement")], mergesByName: false),
        ExportedTable(kind: "letterMark", table: "letterMark", columns: ["uuid", "status", "markedBy", "markedAt"],
                      references: [("letter", "letterId", "letter")], mergesByName: false),
        ExportedTable(kind: "planStep", table: "planStep",
                      columns: ["uuid", "what", "owner", "due", "isDecision", "doneAt", "createdBy", "createdAt"],
                      references: [("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "lead", table: "lead",
                      columns: ["uuid", "person", "company", "title", "email", "phone", "source", "notes", "createdAt", "convertedAt",
                                "status", "sourceCRM", "sourceId"],
                      references: [("account", "accountId", "account"), ("contact", "contactId", "contact"),
                                   ("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "fieldChange", table: "fieldChange",
                      columns: ["uuid", "field", "oldValue", "newValue", "changedBy", "changedAt"],
                      references: FieldHistory.records.map { (key: $0.databaseTableName, column: $0.historyLink, table: $0.databaseTableName) },
                      mergesByName: false),
        ExportedTable(kind: "removal", table: "removal", columns: ["uuid", "recordKind", "recordUuid", "removedBy", "removedAt"],
                      references: [], mergesByName: false),
    ]
}

public struct FullImportReport: Equatable, Sendable {
    /// Rows added, by kind.
    public var added: [String: Int] = [:]
    /// Rows already present (same uuid) with the same values.
    public var unchanged = 0
    /// Accounts, contacts, opportunities and leads already present whose values the file changed.
    public var updated = 0
    /// Accounts and contacts another file already had under the same name, and records of a stored CRM id.
    public var merged = 0
    /// Rows of records removed here (or belonging to one), left out.
    public var removedHere = 0
    /// Answers two laptops each changed from the same version: the one that came second follows
    /// the other, both kept, as "Problem of \"Deal\": «words» now follows «other words»".
    public var answersChangedTwice: [String] = []
    /// Deals with answers that a removal in the file took out here, each said once.
    public var removedDeals: [String] = []
    /// The file had no end line and was taken anyway (`--no-end-line`): it may have been cut short.
    public var hadNoEndLine = false
    /// Records renamed because another record holds their name, and stored records the file holds
    /// with other values: each value that lost is named.
    public var differences: [RecordDifference] = []

    public var renamed: Int {
        differences.count { if case .renamed = $0.outcome { true } else { false } }
    }
}

extension QualifyDatabase {
    /// Writes every record as one JSON object per line: stages, then accounts,
    /// contacts, opportunities, their history, every statement version,
    /// letters and leads, each in the order it was stored. `emit` receives
    /// whole lines, each ending in a line break, about 1 MiB at a time.
    public func exportEverything(chunks emit: (String) throws -> Void) throws(StoreError) {
        try read { db in
            var writer = ExportWriter()
            try writer.write(kind: "stage", select: """
                SELECT name, position, probability, closed FROM stage ORDER BY position, id
                """, in: db, to: emit)
            for table in ExportedTable.all {
                var select = table.columns.map { "t.\($0)" }
                select += table.references.map { "(SELECT uuid FROM \($0.table) r WHERE r.id = t.\($0.column)) AS \($0.key)" }
                if table.table == "opportunity" { select.append("(SELECT name FROM stage s WHERE s.id = t.stageId) AS stage") }
                let demo = table.demoRows().map { " WHERE NOT \($0)" } ?? ""
                try writer.write(kind: table.kind, select: "SELECT \(select.joined(separator: ", ")) FROM \(table.table) t\(demo) ORDER BY t.id",
                                 in: db, to: emit)
            }
            try writer.writeEnd(to: emit)
        }
    }
}
