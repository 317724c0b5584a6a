import Foundation
import GRDB
import QualifyKit

extension QualifyDatabase {
    /// Stores a new version of one item of a field. The version it supersedes
    /// (if any) stays in the table; the new row points to it. The same words, byte for
    /// byte, as the current version are that version: a script fed twice, or an item
    /// typed again unchanged after `/edit`, adds no version the history would show as a change.
    @discardableResult
    public func record(_ text: String, field: Field, position: Int, opportunityId: Int64,
                       capturedBy: String) throws(StoreError) -> Statement {
        try write { db in
            // One indexed probe for the version this one supersedes, through a statement
            // prepared once per connection: a rep's answer is stored at SQLite's pace,
            // not after re-reading every answer of the deal. The text is compared by SQLite,
            // byte for byte: Swift's == holds an "é" typed in one piece and in two as equal.
            let current = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.id, s.text = ? AS unchanged FROM statement s
                WHERE s.opportunityId = ? AND s.field = ? AND s.position = ?
                  AND NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)
                """), arguments: [text, opportunityId, field.rawValue, position])
            let previous: Int64? = current?["id"]
            if let previous, current?["unchanged"] == true, let stored = try Statement.fetchOne(db, key: previous) {
                return stored
            }
            var statement = Statement(opportunityId: opportunityId, field: field, position: position,
                                      text: text, capturedBy: capturedBy, replacesId: previous)
            // Its INSERT prepared once too: the record's insert() builds its SQL and a container per row.
            try db.cachedStatement(sql: """
                INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt, replacesId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [statement.uuid, opportunityId, field, position, text, capturedBy,
                                         StoredTime.databaseValue(statement.capturedAt), previous])
            statement.id = db.lastInsertedRowID
            return statement
        }
    }

    /// The deals with a current statement of exactly these words (byte for byte), by name, at most
    /// three: where a quote a letter check cannot find in its own deal came from. Read on that
    /// refusal only: it reads every statement.
    public func opportunityNames(quoting text: String) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT o.name FROM statement s JOIN opportunity o ON o.id = s.opportunityId
                WHERE s.text = ? AND NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)
                ORDER BY o.name COLLATE NOCASE LIMIT 3
                """, arguments: [text])
        }
    }

    /// The current version of every statement, in interview order.
    public func currentStatements(opportunityId: Int64) throws(StoreError) -> [Statement] {
        try read { db in try Self.currentStatements(opportunityId: opportunityId, in: db) }
    }

    public func capturedAnswers(opportunityId: Int64) throws(StoreError) -> CapturedAnswers {
        var items: [Field: [String]] = [:]
        for statement in try currentStatements(opportunityId: opportunityId) {
            items[statement.field, default: []].append(statement.text)
        }
        return CapturedAnswers(items)
    }

    /// Every version, oldest first: what a manager sees with --history.
    public func allStatements(opportunityId: Int64) throws(StoreError) -> [Statement] {
        try read { db in
            try Statement.filter(Statement.Columns.opportunityId == opportunityId)
                .order(Statement.Columns.id).fetchAll(db)
        }
    }

    static func currentStatements(opportunityId: Int64, in db: Database) throws -> [Statement] {
        try Statement.fetchAll(db, sql: """
            SELECT s.* FROM statement s
            WHERE s.opportunityId = ?
              AND NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)
            ORDER BY s.position
            """, arguments: [opportunityId])
            .sorted { ($0.field, $0.position) < ($1.field, $1.position) }
    }

}
