import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// A dry run checks a file against the pipeline and writes nothing: no new
/// database file, and no migration of one an older qualify wrote.
@Suite struct DryRunDatabaseTests {
    let scratch = Scratch()

    init() throws {
        try FileManager.default.createDirectory(at: scratch.folder, withIntermediateDirectories: true)
    }

    @Test func aMissingDatabaseIsAnEmptyPipelineInMemoryAndNoFile() throws {
        let path = scratch.folder.appendingPathComponent("not-yet/qualify.sqlite").path
        let database = try QualifyDatabase.openForDryRun(path: path)
        #expect(database.notes == ["no database at \(path) yet: this dry run checked the file against an empty pipeline (qualify's stages, no accounts) and created nothing; the import without --dry-run starts the database there."])
        #expect(try database.read { try String.fetchAll($0, sql: "SELECT name FROM stage ORDER BY position") }.first == "Prospecting")
        #expect(!FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent("not-yet").path))
    }

    @Test func anOlderDatabaseIsCheckedAsAnUpgradedCopyAndLeftAsItWas() throws {
        let path = scratch.path()
        let migrator = Migrations.migrator
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migrator.migrations[migrator.migrations.count - 2])
        try queue.write { db in
            try db.execute(sql: "INSERT INTO account (uuid, name, createdAt) VALUES (?, 'Acme Corp', '2026-01-01 09:00:00.000')", arguments: [UUID().uuidString])
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let database = try QualifyDatabase.openForDryRun(path: path)
        #expect(database.notes.first?.hasPrefix("\(path) was written by an older qualify: this dry run checked the file against an upgraded copy in memory") == true)
        #expect(try database.read { try String.fetchAll($0, sql: "SELECT name FROM account") } == ["Acme Corp"])
        #expect(try database.read { try migrator.hasCompletedMigrations($0) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try DatabaseQueue(path: path).read { try migrator.hasCompletedMigrations($0) } == false)
    }

    @Test func aCurrentDatabaseIsTheFileItself() throws {
        let path = scratch.path()
        _ = try QualifyDatabase.open(path: path).addAccount(named: "Globex")
        let database = try QualifyDatabase.openForDryRun(path: path)
        #expect(database.notes.isEmpty)
        #expect(try database.read { try String.fetchAll($0, sql: "SELECT name FROM account") } == ["Globex"])
    }
}
