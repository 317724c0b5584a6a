import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// The migration that replaces the statement table's CHECK on `field` with
/// the `statementField` lookup table, run on a database holding statements.
@Suite struct StatementFieldMigrationTests {
    let scratch = Scratch()

    /// A database migrated up to just before the lookup table, with two
    /// versions of a problem, a pain, and a deleted statement that was the newest.
    func databaseBeforeTheLookupTable() throws -> String {
        let path = scratch.path()
        try FileManager.default.createDirectory(at: scratch.folder, withIntermediateDirectories: true)
        let migrator = Migrations.migrator
        let mine = try #require(migrator.migrations.firstIndex { $0.contains("-i14-statementField") })
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migrator.migrations[mine - 1])
        try queue.write { db in
            try db.execute(sql: "INSERT INTO account (uuid, name, createdAt) VALUES (?, 'Acme Corp', '2026-01-01 09:00:00.000')", arguments: [UUID().uuidString])
            try db.execute(sql: "INSERT INTO opportunity (uuid, name, accountId, createdAt) VALUES (?, 'Acme - Rollout', 1, '2026-01-01 09:00:00.000')", arguments: [UUID().uuidString])
            let insert = "INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt, replacesId) VALUES (?, 1, ?, 1, ?, 'ana', '2026-01-02 10:00:00.000', ?)"
            try db.execute(sql: insert, arguments: [UUID().uuidString, "problem", "We lose share", nil])
            try db.execute(sql: insert, arguments: [UUID().uuidString, "problem", "We lose market share", 1])
            try db.execute(sql: insert, arguments: [UUID().uuidString, "pain", "My šef is furious", nil])
            try db.execute(sql: insert, arguments: [UUID().uuidString, "reasons", "Deleted later", nil])
            try db.execute(sql: "DELETE FROM statement WHERE id = 4")
        }
        return path
    }

    @Test func statementsIdsSearchAndIndexesSurviveAndTheLookupTableGuardsTheField() throws {
        let database = try QualifyDatabase.open(path: try databaseBeforeTheLookupTable())
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, field, text, replacesId FROM statement ORDER BY id")
            #expect(rows.map { $0["id"] as Int64 } == [1, 2, 3])
            #expect(rows.map { $0["text"] as String } == ["We lose share", "We lose market share", "My šef is furious"])
            #expect(rows.map { $0["replacesId"] as Int64? } == [nil, 1, nil])
            // The full-text index still points at the same rows.
            #expect(try Int64.fetchAll(db, sql: "SELECT rowid FROM statementSearch WHERE statementSearch MATCH 'sef'") == [3])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM statementField ORDER BY rowid") == Field.allCases.map(\.rawValue))
            let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'statement'")!
            #expect(!create.contains("CHECK (\"field\""))
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statement' AND sql IS NOT NULL")
            #expect(Set(indexes).isSuperset(of: ["statement_on_field_capturedAt", "statement_on_opportunity_field_capturedAt"]))
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        #expect(try database.capturedAnswers(opportunityId: 1)[.problem] == ["We lose market share"])
        // The deleted statement's id is not given again, and a new one is searchable.
        let next = try database.record("Reports are built by hand", field: .reasons, position: 1, opportunityId: 1, capturedBy: "ana")
        #expect(next.id == 5)
        let found = try database.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM statementSearch WHERE statementSearch MATCH 'hand'")
        }
        #expect(found == [5])
        // A name outside the method is refused by the lookup table.
        #expect {
            try database.write { db in
                try db.execute(sql: "INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt) VALUES (?, 1, 'budget', 1, 't', 'ana', '2026-01-03 10:00:00.000')", arguments: [UUID().uuidString])
            }
        } throws: { error in
            "\(error)".contains("FOREIGN KEY constraint failed")
        }
    }

    /// What a new question needs from the store: its name in the lookup
    /// table, which opening a database adds for every `Field`.
    @Test func openingADatabaseAddsAFieldMissingFromTheLookupTable() throws {
        let path = scratch.path()
        _ = try QualifyDatabase.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "DELETE FROM statementField WHERE name = 'capabilities'") }
        try queue.close()
        let reopened = try QualifyDatabase.open(path: path)
        let names = try reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM statementField ORDER BY name") }
        #expect(names == Field.allCases.map(\.rawValue).sorted())
    }
}
