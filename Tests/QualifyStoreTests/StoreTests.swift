import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// A fresh folder per test, removed afterwards.
final class Scratch {
    let folder: URL
    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-store-\(UUID().uuidString)")
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
    func path(_ name: String = "q.sqlite") -> String { folder.appendingPathComponent(name).path }
}

func permissions(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
}

@Suite struct StoreTests {
    let scratch = Scratch()

    func openWithOpportunity() throws -> (QualifyDatabase, QualifyStore.Opportunity) {
        let db = try QualifyDatabase.open(path: scratch.path("sub/dir/q.sqlite"))
        try db.addAccount(named: "Acme Corp")
        return (db, try db.addOpportunity(named: "Acme - Rollout", account: "acme corp"))
    }

    @Test func migratesAnEmptyFileAndCreatesItOwnerOnly() throws {
        let path = scratch.path("new/folder/q.sqlite")
        let db = try QualifyDatabase.open(path: path)
        #expect(try permissions(path) == 0o600)
        #expect(try permissions(scratch.folder.appendingPathComponent("new/folder").path) == 0o700)
        let tables = try db.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(tables.contains("statement") && tables.contains("opportunity") && tables.contains("account"))
        // Opening again is a no-op.
        _ = try QualifyDatabase.open(path: path)
    }

    /// The answer's row holds what every reader expects: the exact words, the uuid as its
    /// 16 bytes, the time as GRDB writes a date (UTC, milliseconds), the version it replaces.
    @Test func anAnswerIsStoredColumnByColumnAsTheRecordReadsItBack() throws {
        let (db, opportunity) = try openWithOpportunity()
        let first = try db.record("We lose “share”, 10% ", field: .problem, position: 1, opportunityId: opportunity.id!, capturedBy: "Ana")
        let second = try db.record("We lose share", field: .problem, position: 1, opportunityId: opportunity.id!, capturedBy: "Ana")
        let row = try db.read { try Row.fetchOne($0, sql: """
            SELECT typeof(uuid) AS kind, length(uuid) AS bytes, uuid, text, capturedBy, capturedAt, replacesId, field, position
            FROM statement WHERE id = ?
            """, arguments: [first.id])! }
        #expect(row["kind"] as String == "blob" && row["bytes"] as Int == 16)
        #expect(row["uuid"] as UUID == first.uuid)
        #expect(row["text"] as String == "We lose “share”, 10% " && row["capturedBy"] as String == "Ana")
        #expect(row["field"] as String == "problem" && row["position"] as Int == 1 && row["replacesId"] as Int64? == nil)
        let capturedAt: String = row["capturedAt"]
        #expect(capturedAt.wholeMatch(of: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/) != nil)
        #expect(abs((row["capturedAt"] as Date).timeIntervalSince(first.capturedAt)) < 0.001)
        let history = try db.allStatements(opportunityId: opportunity.id!)
        #expect(history.map(\.uuid) == [first.uuid, second.uuid])
        #expect(history.map(\.replacesId) == [nil, first.id])
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUnchanged() throws {
        try FileManager.default.createDirectory(at: scratch.folder, withIntermediateDirectories: true)
        let path = scratch.path("notes.txt")
        let content = Data("These are my meeting notes, not a database.\n".utf8)
        try content.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try QualifyDatabase.open(path: path)
        } throws: { ($0 as? StoreError)?.kind == .notADatabase && "\($0)".contains("left unchanged") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aDamagedDatabaseIsReportedNotOverwritten() throws {
        let path = scratch.path()
        do {
            let db = try QualifyDatabase.open(path: path)
            try db.addAccount(named: "Acme")
        }
        // Keep the header, wreck the pages after it.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 100..<bytes.count { bytes[index] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            let db = try QualifyDatabase.open(path: path)
            _ = try db.accounts()
        } throws: { error in
            let kind = (error as? StoreError)?.kind
            return kind == .damaged || kind == .notADatabase
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aDatabaseFromANewerQualifyIsRefused() throws {
        let path = scratch.path()
        do {
            let db = try QualifyDatabase.open(path: path)
            try db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        }
        #expect {
            _ = try QualifyDatabase.open(path: path)
        } throws: { ($0 as? StoreError)?.kind == .newerSchema }
    }

    @Test func accountNamesAreUniqueAndUnknownNamesSuggestTheClosest() throws {
        let (db, _) = try openWithOpportunity()
        #expect { try db.addAccount(named: "ACME CORP") } throws: { ($0 as? StoreError)?.kind == .duplicate }
        #expect { try db.addOpportunity(named: "x", account: "Acme Crop") } throws: { error in
            (error as? StoreError)?.kind == .notFound && "\(error)".contains("\"Acme Corp\"")
        }
        #expect { try db.addOpportunity(named: "ACME - rollout", account: "Acme Corp") } throws: {
            ($0 as? StoreError)?.kind == .duplicate
        }
        #expect { try db.addAccount(named: "   ") } throws: { ($0 as? StoreError)?.kind == .invalid }
    }

    @Test func statementsAreAppendOnlyAndKeepEveryVersion() throws {
        let (db, opportunity) = try openWithOpportunity()
        let id = opportunity.id!
        let first = try db.record("We lose share", field: .problem, position: 1, opportunityId: id, capturedBy: "ana")
        let second = try db.record("We lose share fast", field: .problem, position: 1, opportunityId: id, capturedBy: "ana")
        let third = try db.record("We lose share, fast!", field: .problem, position: 1, opportunityId: id, capturedBy: "bo")
        #expect(first.replacesId == nil)
        #expect(second.replacesId == first.id)
        #expect(third.replacesId == second.id)
        #expect(try db.capturedAnswers(opportunityId: id)[.problem] == ["We lose share, fast!"])
        #expect(try db.allStatements(opportunityId: id).map(\.text) == ["We lose share", "We lose share fast", "We lose share, fast!"])
        // A version can be replaced only once: history is a line. The UNIQUE on replacesId refuses a fork.
        #expect {
            try db.write { db in
                var fork = Statement(opportunityId: id, field: .problem, position: 1, text: "fork", capturedBy: "x", replacesId: first.id)
                try fork.insert(db)
            }
        } throws: { error in
            "\(error)".contains("UNIQUE constraint failed: statement.replacesId")
        }
        #expect(try db.allStatements(opportunityId: id).map(\.text) == ["We lose share", "We lose share fast", "We lose share, fast!"])
    }

    /// Typed again unchanged, an item is not a new version; an "é" in one piece where the
    /// stored one has two (e plus its accent) is other bytes, so it is one.
    @Test func theSameWordsAgainAddNoVersionButOtherBytesDo() throws {
        let (db, opportunity) = try openWithOpportunity()
        let id = opportunity.id!
        let first = try db.record("Cafe\u{301} sales drop", field: .problem, position: 1, opportunityId: id, capturedBy: "ana")
        let again = try db.record("Cafe\u{301} sales drop", field: .problem, position: 1, opportunityId: id, capturedBy: "bo")
        #expect(again.id == first.id && again.capturedBy == "ana")
        #expect(try db.allStatements(opportunityId: id).count == 1)
        let composed = try db.record("Caf\u{E9} sales drop", field: .problem, position: 1, opportunityId: id, capturedBy: "ana")
        #expect(composed.replacesId == first.id)
        let stored = try db.read { try Data.fetchOne($0, sql: "SELECT CAST(text AS BLOB) FROM statement WHERE id = ?", arguments: [composed.id]) }
        #expect(stored == Data("Caf\u{E9} sales drop".utf8))
        #expect(try db.allStatements(opportunityId: id).count == 2)
        // Back to the first words is a change, kept as a third version.
        _ = try db.record("Cafe\u{301} sales drop", field: .problem, position: 1, opportunityId: id, capturedBy: "ana")
        #expect(try db.allStatements(opportunityId: id).count == 3)
    }

    @Test func listItemsKeepTheirPositions() throws {
        let (db, opportunity) = try openWithOpportunity()
        let id = opportunity.id!
        for (index, text) in ["a", "b", "c"].enumerated() {
            try db.record(text, field: .reasons, position: index + 1, opportunityId: id, capturedBy: "ana")
        }
        try db.record("B", field: .reasons, position: 2, opportunityId: id, capturedBy: "ana")
        try db.record("I hurt", field: .pain, position: 1, opportunityId: id, capturedBy: "ana")
        let answers = try db.capturedAnswers(opportunityId: id)
        #expect(answers[.reasons] == ["a", "B", "c"])
        #expect(answers.firstUnanswered == .problem)
        #expect(try db.currentStatements(opportunityId: id).map(\.field) == [.pain, .reasons, .reasons, .reasons])
    }

    @Test func textIsStoredByteForByte() throws {
        let (db, opportunity) = try openWithOpportunity()
        let text = "  I can't \"sleep\" <&> č š ž 😬\tand\nmore  \r"
        try db.record(text, field: .pain, position: 1, opportunityId: opportunity.id!, capturedBy: "ana")
        let stored = try db.read { try Data.fetchOne($0, sql: "SELECT CAST(text AS BLOB) FROM statement") }
        #expect(stored == Data(text.utf8))
    }

    @Test func theWorkedExampleLoadsOnceAsDemoData() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        let example = WorkedExample(account: "Demo Co", opportunity: "Demo Co - Deal",
                                    answers: ["pain": ["I can't"], "reasons": ["a", "b"]])
        let (opportunity, created) = try db.loadWorkedExample(example, capturedBy: "demo")
        #expect(created && opportunity.isDemo)
        #expect(try db.capturedAnswers(opportunityId: opportunity.id!)[.reasons] == ["a", "b"])
        let (again, createdAgain) = try db.loadWorkedExample(example, capturedBy: "demo")
        #expect(!createdAgain && again.id == opportunity.id)
        #expect(try db.allStatements(opportunityId: opportunity.id!).count == 3)
    }

    @Test func overviewsSayWhichFieldsAreAnswered() throws {
        let (db, opportunity) = try openWithOpportunity()
        try db.record("I hurt", field: .pain, position: 1, opportunityId: opportunity.id!, capturedBy: "ana")
        let recent = try db.recentOpportunities(limit: 5)
        let overview = try #require(recent.overviews.first)
        #expect(overview.accountName == "Acme Corp")
        #expect(overview.answeredFields == [.pain])
        #expect(recent.total == 1)
    }

    /// The welcome lists the deals worked on last: words captured, or added.
    @Test func recentOpportunitiesComeNewestActivityFirstAndAreCounted() throws {
        let (db, rollout) = try openWithOpportunity()
        let renewal = try db.addOpportunity(named: "Acme - Renewal", account: "Acme Corp")
        try db.addOpportunity(named: "Acme - Pilot", account: "Acme Corp")
        #expect(try db.recentOpportunities(limit: 2).overviews.map(\.opportunity.name) == ["Acme - Pilot", "Acme - Renewal"])
        try db.record("We lose share", field: .problem, position: 1, opportunityId: rollout.id!, capturedBy: "ana")
        try db.record("Late numbers", field: .problem, position: 1, opportunityId: renewal.id!, capturedBy: "ana")
        let recent = try db.recentOpportunities(limit: 2)
        #expect(recent.overviews.map(\.opportunity.name) == ["Acme - Renewal", "Acme - Rollout"])
        #expect(recent.total == 3)
    }
}
