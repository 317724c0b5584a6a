import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// Opening a file as the database: nothing that is not ours, or damaged, is written to.
@Suite struct DatabaseFileTests {
    let scratch = Scratch()

    init() throws {
        try FileManager.default.createDirectory(at: scratch.folder, withIntermediateDirectories: true)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// What another program's connection reads from the file header.
    func applicationID(_ path: String) throws -> Int32 {
        try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") ?? 0 }
    }

    /// Debian's libsqlite3 defaults to FULL, so reading the pragma back proves nothing there:
    /// the connection starts OFF, as another build could have it, and must end FULL.
    @Test func durabilityIsSetByQualifyNotByHowSQLiteWasBuilt() throws {
        var otherBuild = Configuration()
        otherBuild.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let db = try QualifyDatabase.open(path: scratch.path(), waiting: .command, startingFrom: otherBuild, beforeMigrating: nil)
        #expect(try db.synchronousMode() == 2) // FULL
    }

    @Test func aNewDatabaseCarriesQualifysApplicationID() throws {
        let path = scratch.path()
        _ = try QualifyDatabase.open(path: path)
        #expect(try applicationID(path) == QualifyDatabase.applicationID)
    }

    @Test func anotherApplicationsSQLiteFileIsRefusedUntouched() throws {
        let path = scratch.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note (body) VALUES ('mine')")
        }
        let before = try bytes(path)
        #expect {
            _ = try QualifyDatabase.open(path: path)
        } throws: { ($0 as? StoreError)?.kind == .notADatabase && "\($0)".contains("not a qualify database") }
        #expect(try bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherGRDBApplicationIsNotMistakenForQualify() throws {
        let path = scratch.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1: photos')")
        }
        let before = try bytes(path)
        #expect { _ = try QualifyDatabase.open(path: path) } throws: { ($0 as? StoreError)?.kind == .notADatabase }
        #expect(try bytes(path) == before)
    }

    @Test func aDatabaseFromBeforeTheApplicationIDIsStillOursAndGetsIt() throws {
        let path = scratch.path()
        try QualifyDatabase.open(path: path).addAccount(named: "Acme")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier LIKE 'v5-i9%'")
        }
        #expect(try QualifyDatabase.open(path: path).accounts().map(\.name) == ["Acme"])
        #expect(try applicationID(path) == QualifyDatabase.applicationID)
    }

    /// Random bytes over one page in the middle of the file, as a failing disk or a copy cut short leaves it.
    @Test func aDatabaseWithOneDamagedPageIsRefusedUntouched() throws {
        let path = scratch.path()
        do {
            let db = try QualifyDatabase.open(path: path)
            for index in 0..<400 { try db.addAccount(named: "Account \(index) with a long enough name to fill pages") }
        }
        var damaged = try bytes(path)
        let pageSize = 4096
        #expect(damaged.count > 8 * pageSize)
        var generator = SystemRandomNumberGenerator()
        let page = damaged.count / pageSize / 2
        for index in page * pageSize..<(page + 1) * pageSize { damaged[index] = UInt8.random(in: 0...255, using: &generator) }
        try damaged.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try QualifyDatabase.open(path: path)
        } throws: { ($0 as? StoreError)?.kind == .damaged && "\($0)".contains("qualify doctor") }
        #expect(try bytes(path) == damaged)
    }

    @Test func damageMetAfterOpeningStopsEveryLaterWrite() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        _ = db.noted(StoreError.damaged(db.path, detail: "database disk image is malformed"))
        #expect { try db.addAccount(named: "Acme") } throws: { ($0 as? StoreError)?.kind == .damaged }
        #expect(try db.accounts().isEmpty)
    }

    @Test func aDatabaseReadableByOthersIsTightenedAndTheUserToldOnce() throws {
        let path = scratch.path()
        try QualifyDatabase.open(path: path).addAccount(named: "Acme")
        for file in [path, path + "-wal", path + "-shm"] {
            if !FileManager.default.fileExists(atPath: file) { _ = FileManager.default.createFile(atPath: file, contents: nil) }
            chmod(file, 0o644)
        }
        let reopened = try QualifyDatabase.open(path: path)
        for file in [path, path + "-wal", path + "-shm"] { #expect(try permissions(file) == 0o600) }
        #expect(reopened.notes.count == 1 && reopened.notes[0].contains("(was 644, now 600)"))
        #expect(try QualifyDatabase.open(path: path).notes.isEmpty)
    }

    /// Tightening takes access from others only: the owner's own read-only
    /// mode is the owner's decision, not turned back into read-write.
    @Test func aReadOnlyDatabaseReadableByOthersStaysReadOnlyForItsOwner() throws {
        let path = scratch.path()
        try QualifyDatabase.open(path: path).addAccount(named: "Acme")
        chmod(path, 0o444)
        let file = try DatabaseFile.prepare(at: path).tightened()
        #expect(try permissions(path) == 0o400)
        #expect(file.notes.count == 1 && file.notes[0].contains("(was 444, now 400)"))
    }

    @Test func anEmptyFileIsTakenAsANewDatabaseAndTightened() throws {
        let path = scratch.path()
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        chmod(path, 0o644)
        let db = try QualifyDatabase.open(path: path)
        try db.addAccount(named: "Acme")
        #expect(try permissions(path) == 0o600)
        #expect(try applicationID(path) == QualifyDatabase.applicationID)
    }

    @Test func theBackupShelfKeepsTheNewestOnesOwnerOnly() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        let shelf = BackupShelf(folder: scratch.folder.appendingPathComponent("backups"), keep: 2)
        var made: [URL] = []
        for name in ["Acme", "Globex", "Initech"] {
            try db.addAccount(named: name)
            made.append(try db.backup(onto: shelf, reason: "test"))
        }
        #expect(shelf.backups == Array(made.suffix(2)))
        #expect(try permissions(made[2].path) == 0o600)
        #expect(try QualifyDatabase.open(path: made[2].path).accounts().count == 3)
    }

    @Test func aPrunedBackupTakesItsWalAndShmWithIt() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        let shelf = BackupShelf(folder: scratch.folder.appendingPathComponent("backups"), keep: 1)
        try db.addAccount(named: "Acme")
        let first = try db.backup(onto: shelf, reason: "test")
        // As doctor or restore leave them after reading the copy.
        for suffix in ["-wal", "-shm"] { _ = FileManager.default.createFile(atPath: first.path + suffix, contents: Data([1])) }
        try db.addAccount(named: "Globex")
        let second = try db.backup(onto: shelf, reason: "test")
        let left = try FileManager.default.contentsOfDirectory(atPath: shelf.folder.path)
        #expect(left == [second.lastPathComponent])
    }

    @Test func eachDatabaseHasItsOwnShelfNamedAfterIt() throws {
        let backups = scratch.folder.appendingPathComponent("backups")
        let folder = scratch.folder.path
        let pipeline = BackupShelf(in: backups, for: folder + "/pipeline.sqlite")
        #expect(pipeline.folder.lastPathComponent.hasPrefix("pipeline.sqlite-"))
        // The same file however it is written; another file, or the same name elsewhere, apart.
        #expect(BackupShelf(in: backups, for: folder + "/./sub/../pipeline.sqlite").folder == pipeline.folder)
        #expect(BackupShelf(in: backups, for: folder + "/scratch.sqlite").folder != pipeline.folder)
        #expect(BackupShelf(in: backups, for: folder + "/other/pipeline.sqlite").folder != pipeline.folder)
    }

    @Test func aReadOnlyFolderIsNamedAsTheProblem() throws {
        let folder = scratch.folder.appendingPathComponent("shelf").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let readOnly = try ReadOnlyFolder(folder)
        defer { readOnly.release() }
        try QualifyDatabase.open(path: folder + "/q.sqlite").addAccount(named: "Acme")
        try readOnly.lock()
        #expect {
            _ = try QualifyDatabase.open(path: folder + "/q.sqlite")
        } throws: { "\($0)".contains("the folder \(folder) is read-only") }
        // No database there yet: nothing to copy, so the message does not say to copy it.
        #expect {
            _ = try QualifyDatabase.open(path: folder + "/new.sqlite")
        } throws: { "\($0)".contains("cannot create \(folder)/new.sqlite: the folder \(folder) is read-only") && !"\($0)".contains("copy") }
    }
}

/// A folder made read-only: a read-only mount when we are root (root ignores
/// permission bits), else mode 0500.
struct ReadOnlyFolder {
    let path: String
    let mounted: Bool

    init(_ path: String) throws {
        self.path = path
        mounted = getuid() == 0
        if mounted { try Self.run("/bin/mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", path) }
    }

    func lock() throws {
        if mounted { try Self.run("/bin/mount", "-o", "remount,ro", path) } else { chmod(path, 0o500) }
    }

    func release() {
        if mounted { try? Self.run("/bin/umount", path) } else { chmod(path, 0o700) }
    }

    static func run(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }
}
