import Foundation
import GRDB
import Testing

/// A first import that is refused leaves no database behind, and a file an
/// editor on Windows saved with a byte order mark is read as written.
@Suite struct RefusedFirstImportTests {
    func leftovers(_ path: String) -> [String] {
        [path, path + "-wal", path + "-shm"].filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test func aJSONLFileStartingWithAByteOrderMarkImports() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep)
        let file = rep.home.appendingPathComponent("rep.jsonl")
        #expect(try rep.run(["export", "all", "-o", file.path]).status == 0)
        let marked = rep.home.appendingPathComponent("notepad.jsonl")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(contentsOf: file)).write(to: marked)
        let manager = try QualifyBinary()
        let imported = try manager.run(["import", "all", marked.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try manager.run(["opportunity", "list"]).stdout.contains("Acme"))
    }

    @Test func aRefusedFirstImportLeavesNoDatabase() throws {
        let q = try QualifyBinary()
        let notJSON = q.home.appendingPathComponent("notes.jsonl")
        try "not json\n".write(to: notJSON, atomically: true, encoding: .utf8)
        let badAmount = q.home.appendingPathComponent("deals.csv")
        try "Opportunity Name,Account Name,Amount\r\nBig Deal,Acme Corp,lots\r\n".write(to: badAmount, atomically: true, encoding: .utf8)
        let attempts: [[String]] = [["import", "all", notJSON.path], ["import", "opportunities", badAmount.path, "--create-accounts"],
                                    ["import", "accounts", q.home.appendingPathComponent("missing.csv").path]]
        for (index, attempt) in attempts.enumerated() {
            let path = q.home.appendingPathComponent("new\(index).sqlite").path
            let refused = try q.run(["--database", path] + attempt)
            #expect(refused.status != 0, "\(attempt)")
            #expect(leftovers(path).isEmpty, "\(attempt): \(refused.stderr)")
            // It was deleted again, so the user is not told it was created.
            #expect(!refused.stderr.contains("created"), "\(attempt): \(refused.stderr)")
        }
        // A first import that is kept says where its new database is, once it is there.
        let good = q.home.appendingPathComponent("accounts.csv")
        try "Account Name\r\nAcme Corp\r\n".write(to: good, atomically: true, encoding: .utf8)
        let kept = q.home.appendingPathComponent("kept.sqlite").path
        for attempt in [["import", "accounts", good.path], ["import", "all", notJSON.path]] {
            let result = try q.run(["--database", kept] + attempt)
            #expect(result.stderr.contains("created a new database at \(kept).") == (result.status == 0), "\(attempt): \(result.stderr)")
        }
        #expect(!leftovers(kept).isEmpty)
        // A database that was there before stays, whatever the import.
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try q.run(["import", "all", notJSON.path]).status == 1)
        #expect(try DatabaseQueue(path: q.databasePath).read { try String.fetchAll($0, sql: "SELECT name FROM account") } == ["Acme Corp"])
    }
}
