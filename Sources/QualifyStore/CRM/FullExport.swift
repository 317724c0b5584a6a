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
    /// Rows with the same name (any case; a contact's at the same account) are
    /// the same record when two reps' files merge.
    var mergesByName: Bool

    /// Statements, their history and letters are append-only: a stored version never changes.
    var isEditable: Bool { ["account", "contact", "opportunity", "lead"].contains(table) }

    /// Parents before children, so every reference resolves on import.
    static let all: [ExportedTable] = [
        ExportedTable(kind: "account", table: "account", columns: ["uuid", "name", "createdAt", "sourceCRM", "sourceId", "sourceName"],
                      references: [], mergesByName: true),
        ExportedTable(kind: "contact", table: "contact", columns: ["uuid", "name", "title", "email", "phone", "createdAt", "sourceCRM", "sourceId"],
                      references: [("account", "accountId", "account")], mergesByName: true),
        ExportedTable(kind: "opportunity", table: "opportunity",
                      columns: ["uuid", "name", "isDemo", "createdAt", "amountHundredths", "currency", "closeDate",
                                "probability", "nextMilestone", "owner", "leadSource", "description",
                                "sourceCRM", "sourceId", "sourceName"],
                      references: [("account", "accountId", "account"), ("sponsor", "sponsorId", "contact"),
                                   ("powerSponsor", "powerSponsorId", "contact")], mergesByName: true),
        ExportedTable(kind: "opportunityChange", table: "opportunityChange",
                      columns: ["uuid", "field", "oldValue", "newValue", "changedBy", "changedAt"],
                      references: [("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "statement", table: "statement",
                      columns: ["uuid", "field", "position", "text", "capturedBy", "capturedAt"],
                      references: [("opportunity", "opportunityId", "opportunity"), ("replaces", "replacesId", "statement")],
                      mergesByName: false),
        ExportedTable(kind: "letter", table: "letter", columns: ["uuid", "body", "draftedBy", "draftedAt"],
                      references: [("opportunity", "opportunityId", "opportunity")], mergesByName: false),
        ExportedTable(kind: "lead", table: "lead",
                      columns: ["uuid", "person", "company", "title", "email", "phone", "source", "notes", "createdAt", "convertedAt",
                                "status", "sourceCRM", "sourceId"],
                      references: [("account", "accountId", "account"), ("contact", "contactId", "contact"),
                                   ("opportunity", "opportunityId", "opportunity")], mergesByName: false),
    ]
}

public struct FullImportReport: Equatable, Sendable {
    /// Rows added, by kind.
    public var added: [String: Int] = [:]
    /// Rows already present (same uuid) with the same values.
    public var unchanged = 0
    /// Accounts, contacts, opportunities and leads already present whose values the file changed.
    public var updated = 0
    /// Accounts and opportunities another file already had under the same name.
    public var merged = 0
}

extension QualifyDatabase {
    /// Writes every record as one JSON object per line: stages, then accounts,
    /// contacts, opportunities, their history, every statement version,
    /// letters and leads, each in the order it was stored.
    public func exportEverything(_ emit: (String) throws -> Void) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try read { db in
            func line(_ object: [String: ExportValue]) throws {
                try emit(String(decoding: try encoder.encode(object), as: UTF8.self))
            }
            for stage in try Self.orderedStages(db) {
                try line(["kind": .text("stage"), "name": .text(stage.name), "position": .integer(Int64(stage.position)),
                          "probability": .integer(Int64(stage.probability)), "closed": stage.closed.map { .text($0.rawValue) } ?? .null])
            }
            for table in ExportedTable.all {
                var select = table.columns.map { "t.\($0)" }
                select += table.references.map { "(SELECT uuid FROM \($0.table) r WHERE r.id = t.\($0.column)) AS \($0.key)" }
                if table.table == "opportunity" { select.append("(SELECT name FROM stage s WHERE s.id = t.stageId) AS stage") }
                let rows = try Row.fetchCursor(db, sql: "SELECT \(select.joined(separator: ", ")) FROM \(table.table) t ORDER BY t.id")
                while let row = try rows.next() {
                    var object: [String: ExportValue] = ["kind": .text(table.kind)]
                    for column in row.columnNames { object[column] = ExportValue(row[column] as DatabaseValue) }
                    try line(object)
                }
            }
        }
    }

    /// Imports a file written by `exportEverything`, in one transaction.
    /// Rows whose uuid is already here are left alone, so importing the same
    /// file twice changes nothing; an account or opportunity with the same
    /// name as a stored one is that one, so two reps' files merge.
    public func importEverything<Lines: Sequence<String>>(_ lines: Lines) throws(StoreError) -> FullImportReport {
        try importEverything(lines.lazy.map { Data($0.utf8) })
    }

    /// The same, from the file's bytes: a line that is not UTF-8 refuses the
    /// file, where decoding it would have put U+FFFD in a buyer's words.
    public func importEverything<Lines: Sequence<Data>>(_ lines: Lines) throws(StoreError) -> FullImportReport {
        try write { db in
            var report = FullImportReport()
            var localIds: [String: [UUID: Int64]] = [:]
            let decoder = JSONDecoder()
            let tables = Dictionary(uniqueKeysWithValues: ExportedTable.all.map { ($0.kind, $0) })
            for (index, line) in lines.enumerated() where !line.isEmpty {
                guard String(validating: line, as: UTF8.self) != nil else {
                    throw StoreError(.invalid, "line \(index + 1) is not UTF-8 text; nothing was imported. Give a file written by qualify export all --format jsonl.")
                }
                let object: [String: ExportValue]
                do {
                    object = try decoder.decode([String: ExportValue].self, from: line)
                } catch {
                    throw StoreError(.invalid, "line \(index + 1) is not a JSON object; nothing was imported. Give a file written by qualify export all --format jsonl.")
                }
                if let problem = Self.controlCharacter(in: object, line: index + 1) { throw problem }
                guard case .text(let kind)? = object["kind"] else {
                    throw StoreError(.invalid, "line \(index + 1) has no \"kind\"; nothing was imported.")
                }
                if kind == "stage" {
                    try Self.importStage(object, line: index + 1, in: db)
                    continue
                }
                guard let table = tables[kind] else {
                    throw StoreError(.invalid, "line \(index + 1) has an unknown kind \"\(kind)\"; nothing was imported.")
                }
                try Self.importRow(object, table: table, line: index + 1, localIds: &localIds, report: &report, in: db)
            }
            return report
        }
    }

    /// A control character in any value refuses the file, before anything is stored.
    private static func controlCharacter(in object: [String: ExportValue], line: Int) -> StoreError? {
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = value, let problem = ControlCharacters.firstProblem(in: text) else { continue }
            return StoreError(.invalid, "line \(line): \"\(key)\" (its line \(problem.line), column \(problem.column)): \(problem.reason); nothing was imported.")
        }
        return nil
    }

    private static func importStage(_ object: [String: ExportValue], line: Int, in db: Database) throws {
        guard case .text(let name)? = object["name"], case .integer(let probability)? = object["probability"] else {
            throw StoreError(.invalid, "line \(line): a stage needs a name and a probability; nothing was imported.")
        }
        // The local administrator's stage list wins; only unknown stages are added, as `stage add` adds
        // them: an open one before the closed stages, a closed one last.
        guard try Stage.filter(Stage.Columns.name == name).fetchOne(db) == nil else { return }
        var closed: StageOutcome?
        if case .text(let outcome)? = object["closed"] { closed = StageOutcome(rawValue: outcome) }
        var position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM stage") ?? 0) + 1
        if closed == nil, let firstClosed = try Int.fetchOne(db, sql: "SELECT min(position) FROM stage WHERE closed IS NOT NULL") {
            try db.execute(sql: "UPDATE stage SET position = position + 1 WHERE position >= ?", arguments: [firstClosed])
            position = firstClosed
        }
        var stage = Stage(name: name, position: position, probability: Int(probability), closed: closed)
        try stage.insert(db)
    }

    private static func importRow(_ object: [String: ExportValue], table: ExportedTable, line: Int,
                                  localIds: inout [String: [UUID: Int64]], report: inout FullImportReport,
                                  in db: Database) throws {
        guard case .text(let uuidText)? = object["uuid"], let uuid = UUID(uuidString: uuidText) else {
            throw StoreError(.invalid, "line \(line): a \(table.kind) without a valid uuid; nothing was imported.")
        }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM \(table.table) WHERE uuid = ?", arguments: [uuid]) {
            localIds[table.table, default: [:]][uuid] = id
            // The same record from a newer export: its values win, so a manager's copy follows the rep's.
            if table.isEditable, try update(id: id, from: object, uuid: uuid, table: table, line: line, localIds: localIds, in: db) {
                report.updated += 1
            } else {
                report.unchanged += 1
            }
            return
        }
        if table.mergesByName, let id = try storedTwin(of: object, table: table, localIds: localIds, in: db) {
            localIds[table.table, default: [:]][uuid] = id
            report.merged += 1
            return
        }
        let (columns, values) = try columnValues(object, uuid: uuid, table: table, line: line, localIds: localIds, in: db)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(table.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                       arguments: StatementArguments(values))
        localIds[table.table, default: [:]][uuid] = db.lastInsertedRowID
        report.added[table.kind, default: 0] += 1
    }

    /// The stored row that another rep's file holds under its own uuid: the
    /// account or opportunity of that name, the contact of that name at the
    /// same account (`contact add` allows no second one).
    private static func storedTwin(of object: [String: ExportValue], table: ExportedTable,
                                   localIds: [String: [UUID: Int64]], in db: Database) throws -> Int64? {
        guard case .text(let name)? = object["name"] else { return nil }
        guard table.table == "contact" else {
            return try Int64.fetchOne(db, sql: "SELECT id FROM \(table.table) WHERE name = ?", arguments: [name])
        }
        guard case .text(let accountText)? = object["account"], let account = UUID(uuidString: accountText),
              let accountId = try localId(of: account, in: "account", localIds: localIds, db: db) else { return nil }
        return try findContact(named: name, accountId: accountId, in: db)?.id
    }

    /// The local id of the row with this uuid, from this file or stored before.
    private static func localId(of uuid: UUID, in table: String, localIds: [String: [UUID: Int64]], db: Database) throws -> Int64? {
        if let known = localIds[table]?[uuid] { return known }
        return try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE uuid = ?", arguments: [uuid])
    }

    /// Rewrites a stored row from the file; true when a value differed.
    private static func update(id: Int64, from object: [String: ExportValue], uuid: UUID, table: ExportedTable, line: Int,
                               localIds: [String: [UUID: Int64]], in db: Database) throws -> Bool {
        let (columns, values) = try columnValues(object, uuid: uuid, table: table, line: line, localIds: localIds, in: db)
        let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
        let unchanged = columns.map { "\($0) IS ?" }.joined(separator: " AND ")
        try db.execute(sql: "UPDATE \(table.table) SET \(assignments) WHERE id = ? AND NOT (\(unchanged))",
                       arguments: StatementArguments(values + [id.databaseValue] + values))
        return db.changesCount > 0
    }

    /// The row's columns as stored here: references resolved from uuids to local ids.
    private static func columnValues(_ object: [String: ExportValue], uuid: UUID, table: ExportedTable, line: Int,
                                     localIds: [String: [UUID: Int64]], in db: Database) throws -> ([String], [DatabaseValue]) {
        var columns = table.columns
        var values = table.columns.map { $0 == "uuid" ? uuid.databaseValue : object[$0]?.databaseValue ?? .null }
        for reference in table.references {
            columns.append(reference.column)
            guard case .text(let targetText)? = object[reference.key] else {
                values.append(.null)
                continue
            }
            guard let target = UUID(uuidString: targetText) else {
                throw StoreError(.invalid, "line \(line): \(reference.key) \"\(targetText)\" is not a uuid; nothing was imported.")
            }
            guard let id = try localId(of: target, in: reference.table, localIds: localIds, db: db) else {
                throw StoreError(.invalid, "line \(line): the \(table.kind) refers to a \(reference.key) (\(target)) that is neither in the file before it nor stored; nothing was imported.")
            }
            values.append(id.databaseValue)
        }
        if table.table == "opportunity" {
            columns.append("stageId")
            if case .text(let stageName)? = object["stage"] {
                values.append(try stage(named: stageName, in: db).id!.databaseValue)
            } else {
                values.append(.null)
            }
        }
        return (columns, values)
    }
}
