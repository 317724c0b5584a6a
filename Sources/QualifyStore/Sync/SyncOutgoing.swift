import Foundation
import GRDB
import GRDBSQLite

/// Who this laptop is to the team server, and which team it belongs to.
public struct SyncIdentity: Sendable, Equatable {
    /// Signs every push, so a laptop does not pull its own rows back as news.
    public let clientId: UUID
    /// The team server this file has synced with, nil before the first sync.
    public let teamId: UUID?
    public let lastSyncAt: Date?
}

/// What one push sends: every row above the pushed mark up to the newest
/// row at the start, and every edited row the outbox lists up to its mark.
/// Rows written while the push runs wait for the next sync.
public struct PushPlan: Sendable {
    let outboxUpTo: Int64
    /// table -> (pushed up to, newest id when the push began)
    let ranges: [String: (from: Int64, to: Int64)]

    /// Nothing new and nothing edited since the last push.
    public let isEmpty: Bool
}

/// Receives the rows of a push one value at a time, straight from SQLite's
/// own memory, in `SyncTable.columns` order: a million statements become
/// COPY text without a String or an array per value.
public protocol OutgoingRowWriter {
    mutating func null()
    mutating func integer(_ value: Int64)
    /// Text as SQLite holds it (UTF-8), a date included.
    mutating func text(_ bytes: UnsafeRawBufferPointer)
    /// A uuid's 16 bytes.
    mutating func uuid(_ bytes: UnsafeRawBufferPointer)
    mutating func endRow()
}

extension QualifyDatabase {
    public func syncIdentity() throws(StoreError) -> SyncIdentity {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT clientId, teamId, lastSyncAt FROM syncTeam") {
                let client: String = row["clientId"]
                let team: String? = row["teamId"]
                return SyncIdentity(clientId: UUID(uuidString: client)!, teamId: team.flatMap(UUID.init(uuidString:)),
                                    lastSyncAt: row[time: "lastSyncAt"])
            }
            let client = UUID()
            try db.execute(sql: "INSERT INTO syncTeam (clientId) VALUES (?)", arguments: [client.uuidString])
            return SyncIdentity(clientId: client, teamId: nil, lastSyncAt: nil)
        }
    }

    /// Records the team on the first sync, and the time of every finished one.
    public func recordSync(teamId: UUID, at date: Date) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE syncTeam SET teamId = ?, lastSyncAt = ?", arguments: [teamId.uuidString, StoredTime.databaseValue(date)])
        }
    }

    public func planPush() throws(StoreError) -> PushPlan {
        try read { db in
            let outboxUpTo = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM syncOutbox") ?? 0
            var ranges: [String: (Int64, Int64)] = [:]
            var isEmpty = outboxUpTo == 0
            for table in SyncTable.all {
                let name = table.exported.table
                let from = try Int64.fetchOne(db, sql: "SELECT pushedUpTo FROM syncCursor WHERE tableName = ?", arguments: [name]) ?? 0
                let to = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(name)") ?? 0
                ranges[name] = (from, max(from, to))
                if to > from { isEmpty = false }
            }
            return PushPlan(outboxUpTo: outboxUpTo, ranges: ranges, isEmpty: isEmpty)
        }
    }

    /// Writes one page of rows to push, in id order so parents precede children
    /// and a statement's earlier version precedes the one that replaces it.
    /// Returns how many rows it wrote and where the next page starts (nil after the last).
    /// Demo records stay on the laptop: they are the manual's example, not the team's pipeline.
    public func writeOutgoingRows<Writer: OutgoingRowWriter>(of table: SyncTable, plan: PushPlan, after: Int64, limit: Int,
                                                             into writer: inout Writer) throws(StoreError) -> (count: Int, next: Int64?) {
        let exported = table.exported
        guard let range = plan.ranges[exported.table] else { return (0, nil) }
        var select = exported.columns.map { "t.\($0)" }
        select += exported.references.map { "(SELECT uuid FROM \($0.table) r WHERE r.id = t.\($0.column)) AS \($0.key)" }
        if exported.table == "opportunity" { select.append("(SELECT name FROM stage s WHERE s.id = t.stageId) AS stage") }
        var conditions = ["t.id > :after", "t.id <= :to"]
        conditions.append(table.isAppendOnly ? "t.id > :from"
            : "(t.id > :from OR t.id IN (SELECT rowId FROM syncOutbox WHERE tableName = :table AND rowid <= :outbox))")
        if let demo = exported.demoRows() { conditions.append("NOT \(demo)") }
        let sql = "SELECT t.id AS syncRowId, \(select.joined(separator: ", ")) FROM \(exported.table) t WHERE \(conditions.joined(separator: " AND ")) ORDER BY t.id LIMIT :limit"
        let arguments: StatementArguments = ["after": after, "to": range.to, "from": range.from, "table": exported.table,
                                             "outbox": plan.outboxUpTo, "limit": limit]
        let uuidColumns = table.columns.map { $0.type == .uuid }
        return try read { db in
            let statement = try db.cachedStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            let sqlite = statement.sqliteStatement
            var count = 0
            var last = after
            while try rows.next() != nil {
                last = sqlite3_column_int64(sqlite, 0)
                // By position, in `table.columns` order after the row id, read where SQLite keeps them.
                for (index, isUUID) in uuidColumns.enumerated() {
                    let column = Int32(index + 1)
                    switch sqlite3_column_type(sqlite, column) {
                    case SQLITE_NULL:
                        writer.null()
                    case SQLITE_INTEGER:
                        writer.integer(sqlite3_column_int64(sqlite, column))
                    case SQLITE_BLOB:
                        let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(sqlite, column), count: Int(sqlite3_column_bytes(sqlite, column)))
                        if bytes.count == 16 && isUUID {
                            writer.uuid(bytes)
                        } else {
                            // A blob outside a uuid column travels as `export all` writes it.
                            let text: String
                            if case .text(let exported) = ExportValue(DatabaseValue(sqliteStatement: sqlite, index: column)) { text = exported } else { text = "" }
                            var copy = text
                            copy.withUTF8 { writer.text(UnsafeRawBufferPointer($0)) }
                        }
                    default:
                        // Text, and a float as the text SQLite makes of it.
                        let pointer = sqlite3_column_text(sqlite, column)
                        writer.text(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(sqlite, column))))
                    }
                }
                writer.endRow()
                count += 1
            }
            return (count, count == limit ? last : nil)
        }
    }

    /// After the server committed: everything the plan covered is there.
    public func finishPush(_ plan: PushPlan) throws(StoreError) {
        try write { db in
            for (table, range) in plan.ranges {
                try db.execute(sql: """
                    INSERT INTO syncCursor (tableName, pushedUpTo) VALUES (?, ?)
                    ON CONFLICT (tableName) DO UPDATE SET pushedUpTo = max(pushedUpTo, excluded.pushedUpTo)
                    """, arguments: [table, range.to])
            }
            try db.execute(sql: "DELETE FROM syncOutbox WHERE rowid <= ?", arguments: [plan.outboxUpTo])
        }
    }

    /// The server's change counter last applied here, per table.
    public func pulledSeqs() throws(StoreError) -> [String: Int64] {
        try read { db in
            var seqs: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT tableName, pulledSeq FROM syncCursor") {
                seqs[row["tableName"]] = row["pulledSeq"]
            }
            return seqs
        }
    }
}
