import Foundation
import GRDB
import QualifyKit

/// A change of one field (of a deal, a contact or a plan step) that lost to a later change of the same
/// field by another rep. Both stay in the history; sync names the loser.
public struct SupersededChange: Sendable, Equatable, CustomStringConvertible {
    /// The deal's or contact's name, the plan step's words.
    public var record: String
    public var field: String
    public var value: String?
    public var by: String
    public var at: Date
    public var winningValue: String?
    public var winner: String
    public var winnerAt: Date

    public var description: String {
        // Two changes in one minute are told apart by their seconds, in one second by milliseconds: "later" must be seen.
        let digits = [0, 2, 5].first { Self.when(at, fraction: $0) != Self.when(winnerAt, fraction: $0) } ?? 5
        return "\(record): \(field) \(Self.quoted(value)) by \(by) \(Self.when(at, fraction: digits)) was superseded by \(winner)'s \(Self.quoted(winningValue)) \(Self.when(winnerAt, fraction: digits))"
    }

    private static func quoted(_ value: String?) -> String { value.map { "'\($0)'" } ?? "(empty)" }

    /// "at 10:05" today, "on 2026-11-30 at 10:05" another day, in the reader's time zone.
    /// `fraction`: 0 the minute, 2 with seconds (`10:05:23`), 5 with milliseconds (`10:05:23.417`).
    private static func when(_ date: Date, fraction: Int = 0) -> String {
        let calendar = Calendar.current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        var time = String(format: "at %02d:%02d", parts.hour!, parts.minute!)
        if fraction >= 2 { time += String(format: ":%02d", parts.second!) }
        if fraction >= 5 { time += String(format: ".%03d", parts.nanosecond! / 1_000_000) }
        if calendar.isDateInToday(date) { return time }
        return String(format: "on %04d-%02d-%02d ", parts.year!, parts.month!, parts.day!) + time
    }
}

/// A pulled contact or plan step, or one a pulled change is about.
private struct RecordKey: Hashable {
    var table: String
    var id: Int64
}

/// What one page of pulled rows did here.
public struct PulledPage: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var superseded: [SupersededChange] = []
    /// Answers changed on two laptops from the same version: both kept, in the order they were captured.
    public var answersChangedTwice: [String] = []
    public var removedDeals: [String] = []
}

extension QualifyDatabase {
    /// Applies one page of the team's rows, in one transaction with the
    /// server position it reached, so a cut connection resumes after the
    /// last page applied. `pushedChanges` are the history rows this sync
    /// pushed: a pulled change of the same field by another rep decides
    /// which of the two is superseded.
    public func applyPulled(_ rows: [[ExportValue]], of table: SyncTable, upToSeq: Int64,
                            pushedChanges: Set<UUID>, context: EditContext) throws(StoreError) -> PulledPage {
        let exported = table.exported
        return try write { db in
            let outboxBefore = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM syncOutbox") ?? 0
            let newestBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(exported.table)") ?? 0
            let pushedUpTo = try Int64.fetchOne(db, sql: "SELECT pushedUpTo FROM syncCursor WHERE tableName = ?",
                                                arguments: [exported.table]) ?? 0
            var page = PulledPage()
            let importer = FullImporter(db)
            importer.skipsOrphans = true
            importer.mergesDealsByName = true
            importer.notesDifferences = false
            var touchedOpportunities: Set<Int64> = []
            var touchedRecords: Set<RecordKey> = []
            var pulledChanges: [UUID] = []
            for values in rows {
                var object: [String: ExportValue] = ["kind": .text(table.kind)]
                for (column, value) in zip(table.columns, values) { object[column.name] = value }
                guard case .text(let uuidText)? = object["uuid"], let uuid = UUID(uuidString: uuidText) else { continue }
                // The server is shared and can be written by hand or by another tool: a pulled row
                // meets the check an answer, a CSV cell and an `import all` line meet.
                if let (key, problem) = FullImporter.controlCharacter(in: object) {
                    throw StoreError(.invalid, "the team server's \(table.kind) row \(uuidText) holds text qualify cannot store: \"\(key)\" (its line \(problem.line), column \(problem.column)): \(problem.reason); sync stopped before storing it. Ask whoever administers the server to correct that row, then sync again.")
                }
                if !table.isAppendOnly, let id = try importer.localRow(of: uuid, in: exported.table),
                   try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM syncOutbox WHERE tableName = ? AND rowId = ?"),
                                     arguments: [exported.table, id]) == true {
                    // Edited here since the push: this laptop's version goes up at the next sync.
                    continue
                }
                if exported.table == "opportunity", case .text(let stage)? = object["stage"] {
                    try Self.ensureStage(named: stage, in: db)
                }
                let outcome = try importer.importRow(object, table: exported, line: 0)
                switch outcome {
                case .added: page.added += 1
                case .updated: page.updated += 1
                case .unchanged, .removedHere: continue
                case .merged(let localId):
                    try db.execute(sql: "INSERT OR REPLACE INTO syncAlias (tableName, uuid, localId) VALUES (?, ?, ?)",
                                   arguments: [exported.table, uuid, localId])
                    continue
                }
                if exported.table == "opportunity", let id = try importer.localRow(of: uuid, in: "opportunity") {
                    touchedOpportunities.insert(id)
                }
                if exported.table == "opportunityChange",
                   case .text(let parentText)? = object["opportunity"], let parent = UUID(uuidString: parentText),
                   let id = try importer.localRow(of: parent, in: "opportunity") {
                    touchedOpportunities.insert(id)
                    pulledChanges.append(uuid)
                }
                if let record = FieldHistory.records.first(where: { $0.databaseTableName == exported.table }),
                   let id = try importer.localRow(of: uuid, in: record.databaseTableName) {
                    touchedRecords.insert(RecordKey(table: record.databaseTableName, id: id))
                }
                if exported.table == "fieldChange" {
                    for record in FieldHistory.records {
                        guard case .text(let parentText)? = object[record.databaseTableName], let parent = UUID(uuidString: parentText),
                              let id = try importer.localRow(of: parent, in: record.databaseTableName) else { continue }
                        touchedRecords.insert(RecordKey(table: record.databaseTableName, id: id))
                    }
                    pulledChanges.append(uuid)
                }
            }
            let imported = try importer.finish()
            page.answersChangedTwice = imported.answersChangedTwice
            page.removedDeals = imported.removedDeals
            for id in touchedOpportunities.sorted() {
                try Self.applyLatestChanges(opportunityId: id, context: context, in: db)
            }
            for record in touchedRecords {
                try FieldHistory.applyLatest(table: record.table, id: record.id, in: db)
            }
            if !pulledChanges.isEmpty {
                page.superseded = try Self.supersededChanges(among: Set(pulledChanges).union(pushedChanges), in: db)
            }
            // Rows written by this page are the server's already.
            try db.execute(sql: "DELETE FROM syncOutbox WHERE rowid > ?", arguments: [outboxBefore])
            let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(exported.table)") ?? 0
            let pushed = newestBefore <= pushedUpTo ? newest : pushedUpTo
            try db.execute(sql: """
                INSERT INTO syncCursor (tableName, pushedUpTo, pulledSeq) VALUES (?, ?, ?)
                ON CONFLICT (tableName) DO UPDATE SET pushedUpTo = excluded.pushedUpTo, pulledSeq = max(pulledSeq, excluded.pulledSeq)
                """, arguments: [exported.table, pushed, upToSeq])
            return page
        }
    }

    /// A stage another rep's administrator added: appended to the local list, open, until someone edits it.
    private static func ensureStage(named name: String, in db: Database) throws {
        guard try Stage.filter(Stage.Columns.name == name).fetchOne(db) == nil else { return }
        let position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM stage") ?? 0) + 1
        var stage = Stage(name: name, position: position, probability: 0, closed: nil)
        try stage.insert(db)
    }

    /// Every tracked field follows its newest change in the merged history:
    /// latest `changedAt`, then the greater rep name, the same answer on every laptop.
    static func applyLatestChanges(opportunityId: Int64, context: EditContext, in db: Database) throws {
        guard var opportunity = try Opportunity.fetchOne(db, key: opportunityId) else { return }
        let original = opportunity
        var latest: [String: String?] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT field, newValue FROM opportunityChange WHERE opportunityId = ? ORDER BY changedAt DESC, changedBy DESC
            """), arguments: [opportunityId]) where latest[row["field"]] == nil {
            latest[row["field"]] = .some(row["newValue"])
        }
        var resolver = try FieldResolver(db: db, context: context)
        for field in OpportunityField.allCases where field.isTracked {
            guard let newest = latest[field.rawValue] else { continue }
            if field == .stage, let value = newest { try ensureStage(named: value, in: db); resolver = try FieldResolver(db: db, context: context) }
            if field == .name, newest == opportunity.name { continue }
            var candidate = opportunity
            // One field at a time: a winning probability of 100 next to a stage that lost is refused alone,
            // a sponsor unknown here (not pulled yet) leaves the others applied.
            if (try? resolver.resolve([field: newest ?? ""], into: &candidate)) != nil { opportunity = candidate }
        }
        if opportunity != original { try opportunity.update(db) }
    }

    /// For each field these changes touched, the changes that lost
    /// without their successor having seen them: consecutive changes by two
    /// reps where the later one did not start from the earlier one's value
    /// (its old value differs). A change made after seeing the other is an
    /// ordinary edit, not a conflict. Named once, in the sync that moved one of the two.
    static func supersededChanges(among uuids: Set<UUID>, in db: Database) throws -> [SupersededChange] {
        guard !uuids.isEmpty else { return [] }
        var superseded = try supersededChanges(among: uuids, history: "opportunityChange", link: "opportunityId",
                                               record: "opportunity", name: "name", in: db)
        for record in FieldHistory.records {
            superseded += try supersededChanges(among: uuids, history: "fieldChange", link: record.historyLink,
                                                record: record.databaseTableName, name: record.nameColumn, in: db)
        }
        return superseded
    }

    /// The same for one history table and one kind of record it links to.
    private static func supersededChanges(among uuids: Set<UUID>, history: String, link: String, record: String, name: String,
                                          in db: Database) throws -> [SupersededChange] {
        let columns = "uuid, \(link) AS link, field, oldValue, newValue, changedBy, changedAt"
        let exchanged = try Table(history).select(sql: columns)
            .filter(uuids.contains(Column("uuid")) && Column(link) != nil).fetchAll(db)
        var superseded: [SupersededChange] = []
        var fields = Set<String>()
        for change in exchanged.sorted(by: { ($0["link"] as Int64, $0["field"] as String) < ($1["link"] as Int64, $1["field"] as String) }) {
            let id: Int64 = change["link"], field: String = change["field"]
            guard fields.insert("\(id)\u{0}\(field)").inserted else { continue }
            let line = try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM \(history) WHERE \(link) = ? AND field = ? ORDER BY changedAt, changedBy
                """, arguments: [id, field])
            let recordName = try String.fetchOne(db, sql: "SELECT \(name) FROM \(record) WHERE id = ?", arguments: [id]) ?? ""
            for (earlier, later) in zip(line, line.dropFirst()) {
                let earlierUUID: UUID = earlier["uuid"], laterUUID: UUID = later["uuid"]
                let earlierBy: String = earlier["changedBy"], laterBy: String = later["changedBy"]
                let earlierValue: String? = earlier["newValue"], laterOld: String? = later["oldValue"]
                guard uuids.contains(earlierUUID) || uuids.contains(laterUUID), earlierBy != laterBy, laterOld != earlierValue else { continue }
                superseded.append(SupersededChange(record: recordName, field: field, value: earlierValue,
                                                   by: earlierBy, at: earlier["changedAt"],
                                                   winningValue: later["newValue"], winner: laterBy, winnerAt: later["changedAt"]))
            }
        }
        return superseded
    }
}
