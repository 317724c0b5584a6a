import Foundation
import GRDB
import Testing

/// doctor, backup and restore, and the copies kept before imports and migrations.
@Suite struct BackupEndToEndTests {
    /// The backups of the database named `database` (the default one unless given), oldest first.
    func backups(_ q: QualifyBinary, of database: String = "qualify.sqlite") throws -> [String] {
        let root = q.home.appendingPathComponent("state/qualify/backups").path
        let shelves = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(database + "-") }
        return try shelves.flatMap { shelf in
            try FileManager.default.contentsOfDirectory(atPath: root + "/" + shelf).sorted().map { root + "/" + shelf + "/" + $0 }
        }
    }
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
    func accounts(in path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM account ORDER BY name") }
    }

    /// A restore under an open interview would set aside the file the interview goes on writing
    /// to: its next answers would be missing from the restored database. It is refused while
    /// another qualify has the file open, and goes ahead once it is closed.
    @Test func restoreIsRefusedWhileAnInterviewHasTheDatabaseOpen() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let file = q.home.appendingPathComponent("friday.sqlite").path
        #expect(try q.run(["backup", "--output", file]).status == 0)

        let interview = Process()
        interview.executableURL = URL(fileURLWithPath: QualifyBinary.path)
        interview.arguments = ["interview", "Acme - Forecasting"]
        interview.environment = q.environment
        let stdin = Pipe()
        interview.standardInput = stdin
        interview.standardOutput = FileHandle.nullDevice
        interview.standardError = FileHandle.nullDevice
        try interview.run()
        stdin.fileHandleForWriting.write(Data("We lose share\n".utf8))
        // The answer is in the file before the next line is read.
        let deadline = Date().addingTimeInterval(20)
        while try statements(in: q.databasePath).isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }

        let refused = try q.run(["restore", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("qualify: another qualify has \(q.databasePath) open (an interview, the assistant, an import); nothing was restored."), "\(refused.stderr)")
        stdin.fileHandleForWriting.write(Data("I can't sleep\n".utf8))
        try stdin.fileHandleForWriting.close()
        interview.waitUntilExit()
        #expect(interview.terminationStatus == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])

        let restored = try q.run(["restore", file])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try statements(in: q.databasePath).isEmpty)
    }

    @Test func backupThenRestoreBringsBackWhatWasThereAndKeepsWhatItReplaced() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        let file = q.home.appendingPathComponent("friday.sqlite").path
        let backup = try q.run(["backup", "--output", file])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try mode(file) == 0o600)
        #expect(try q.run(["backup", "--output", file]).stderr.contains("already exists; add --force"))
        #expect(try q.run(["account", "add", "Globex"]).status == 0)

        let restored = try q.run(["restore", file])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try accounts(in: q.databasePath) == ["Acme Corp"])
        let aside = try FileManager.default.contentsOfDirectory(atPath: q.home.appendingPathComponent("data/qualify").path)
            .filter { $0.hasPrefix("qualify.sqlite.before-restore-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(aside.count == 1)
        #expect(try accounts(in: q.home.appendingPathComponent("data/qualify/" + aside[0]).path) == ["Acme Corp", "Globex"])
        #expect(try q.run(["doctor"]).status == 0)
    }

    @Test func restoreRefusesADamagedOrForeignBackupAndChangesNothing() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        let foreign = q.home.appendingPathComponent("photos.sqlite").path
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE photo (id INTEGER PRIMARY KEY)") }
        let refused = try q.run(["restore", foreign])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: \(foreign) cannot be restored: it is not a qualify database; nothing was changed. Choose another backup (qualify doctor lists them).\n")
        #expect(try accounts(in: q.databasePath) == ["Acme Corp"])
    }

    @Test func anotherApplicationsSQLiteFileIsNotTakenOver() throws {
        let q = try QualifyBinary()
        let other = q.home.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE photo (id INTEGER PRIMARY KEY); INSERT INTO photo VALUES (1)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: other)
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        // A command that writes (account add) as well as one that reads.
        let added = try q.run(["account", "add", "Acme", "--database", other])
        #expect(added.status == 1 && added.stderr.contains("is not a qualify database"), "\(added.stderr)")
        let stats = try q.run(["stats", "--database", other])
        #expect(stats.status == 1)
        #expect(stats.stderr == "qualify: \(other) is not a qualify database (another application's SQLite file); it was left unchanged. Choose another file with --database.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
        // Its mode too: it was made owner-only before it was known not to be qualify's.
        #expect(try mode(other) == 0o644)
    }

    @Test func importsKeepACopyOfTheDatabaseFromJustBefore() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep)
        let file = rep.home.appendingPathComponent("rep.jsonl").path
        #expect(try rep.run(["export", "all", "-o", file]).status == 0)
        let manager = try QualifyBinary()
        #expect(try manager.run(["account", "add", "Globex"]).status == 0)
        #expect(try manager.run(["import", "all", file]).status == 0)
        let kept = try backups(manager)
        #expect(kept.count == 1 && kept[0].hasSuffix("-before-import.sqlite"), "\(kept)")
        #expect(try mode(kept[0]) == 0o600)
        #expect(try accounts(in: kept[0]) == ["Globex"])
        // The first import wrote, so the second keeps a new copy; it wrote nothing, so a backup by hand reuses it.
        #expect(try manager.run(["import", "all", file]).stdout.contains("added nothing"))
        #expect(try backups(manager).count == 2)
        #expect(try manager.run(["backup"]).stdout.hasSuffix("-before-import.sqlite.\n"))
        #expect(try backups(manager).count == 2)
    }

    @Test func aScratchDatabaseNeverPushesOutThePipelinesBackups() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try q.run(["backup"]).status == 0)
        let pipeline = try backups(q)
        #expect(pipeline.count == 1)
        let csv = q.home.appendingPathComponent("a.csv")
        try "Account Name\r\nGlobex\r\n".write(to: csv, atomically: true, encoding: .utf8)
        for number in 1...6 {
            let scratch = q.home.appendingPathComponent("scratch\(number).sqlite").path
            let imported = try q.run(["--database", scratch, "import", "accounts", csv.path])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        // A database the import started had nothing to keep: no backups of it at all.
        #expect(try backups(q, of: "scratch1.sqlite").isEmpty)
        #expect(try backups(q) == pipeline)
        let doctor = try q.run(["doctor"])
        let shelf = URL(fileURLWithPath: pipeline[0]).deletingLastPathComponent()
        #expect(doctor.stdout.contains("\nBackups    1 in \(shelf.path); latest \(URL(fileURLWithPath: pipeline[0]).lastPathComponent)\n"), "\(doctor.stdout)")

        // A scratch database that existed is backed up on its own shelf, and its doctor offers only that.
        let scratch = q.home.appendingPathComponent("scratch1.sqlite").path
        #expect(try q.run(["--database", scratch, "import", "accounts", csv.path]).status == 0)
        let scratchBackups = try backups(q, of: "scratch1.sqlite")
        #expect(scratchBackups.count == 1)
        #expect(try q.run(["--database", scratch, "doctor"]).stdout.contains("latest \(URL(fileURLWithPath: scratchBackups[0]).lastPathComponent)\n"))
        #expect(try backups(q) == pipeline)
    }

    @Test func aMigrationKeepsACopyFirst() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        // As a database from the qualify before the last migration looks.
        try DatabaseQueue(path: q.databasePath).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v5-i9%'")
        }
        let behind = try q.run(["doctor"]).stdout
        #expect(behind.range(of: #"\nSchema     version (\d+) of (\d+): the next qualify command updates it, after keeping a copy\n"#, options: .regularExpression) != nil, "\(behind)")
        #expect(try q.run(["stats"]).status == 0)
        // A schema version a user can quote, never a migration's internal name.
        let doctor = try q.run(["doctor"]).stdout
        #expect(doctor.range(of: #"\nSchema     version \d+, up to date\n"#, options: .regularExpression) != nil, "\(doctor)")
        #expect(!doctor.contains("v5-i9"))
        let kept = try backups(q)
        #expect(kept.count == 1 && kept[0].hasSuffix("-before-migration.sqlite"), "\(kept)")
    }

    /// Damaged with no backup kept: doctor says so, and how to put a copy in its place.
    @Test func doctorOnADamagedDatabaseWithoutABackupSaysHowToRestoreACopy() throws {
        let q = try QualifyBinary()
        let filled = try q.run([], lines: (0..<300).map { "account add \"Account \($0) with a name long enough to fill pages\"" })
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try backups(q).isEmpty)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: q.databasePath))
        let page = bytes.count / 4096 / 2
        for index in page * 4096..<(page + 1) * 4096 { bytes[index] = UInt8(truncatingIfNeeded: index &* 37) }
        try bytes.write(to: URL(fileURLWithPath: q.databasePath))
        let doctor = try q.run(["doctor"])
        #expect(doctor.status == 1)
        #expect(doctor.stderr == "qualify: \(q.databasePath) is damaged and qualify will not write to it. No backup of it is kept here; put a copy you trust in its place with: qualify restore FILE.\n", "\(doctor.stderr)")
    }

    @Test func aDamagedDatabaseIsRefusedNamingDoctorAndTheLatestBackup() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        for index in 0..<300 { _ = try q.run(["account", "add", "Account \(index) with a name long enough to fill pages"]) }
        #expect(try q.run(["backup"]).status == 0)
        let latest = try backups(q).last!
        var bytes = try Data(contentsOf: URL(fileURLWithPath: q.databasePath))
        let page = bytes.count / 4096 / 2
        for index in page * 4096..<(page + 1) * 4096 { bytes[index] = UInt8(truncatingIfNeeded: index &* 37) }
        try bytes.write(to: URL(fileURLWithPath: q.databasePath))

        let refused = try q.run(["account", "add", "Globex"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is damaged"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Run `qualify doctor` for details"))
        #expect(refused.stderr.hasSuffix("The latest backup is \(latest).\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: q.databasePath)) == bytes)

        let doctor = try q.run(["doctor"])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("Integrity  DAMAGED"))
        #expect(doctor.stderr.contains("qualify restore \"\(latest)\""))
        #expect(try q.run(["restore", latest]).status == 0)
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
    }
}
