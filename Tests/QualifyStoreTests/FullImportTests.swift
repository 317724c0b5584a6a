import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// `import all` at scale: the search index is built once for the file,
/// and stays kept by its triggers afterwards.
@Suite struct FullImportTests {
    let scratch = Scratch()

    @Test func importedWordsAreSearchableAndLaterAnswersToo() throws {
        let rep = try QualifyDatabase.open(path: scratch.path("rep.sqlite"))
        try rep.addAccount(named: "Acme Corp")
        let deal = try rep.addOpportunity(named: "Acme - Rollout", account: "Acme Corp")
        try rep.record("Our forecast is a guess", field: .problem, position: 1, opportunityId: deal.id!, capturedBy: "ana")
        try rep.record("The board šef is furious", field: .pain, position: 1, opportunityId: deal.id!, capturedBy: "ana")
        var file = ""
        try rep.exportEverything(chunks: { file += $0 })

        let manager = try QualifyDatabase.open(path: scratch.path("manager.sqlite"))
        let triggersBefore = try manager.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
        let report = try manager.importEverything(file.split(separator: "\n").map(String.init))
        #expect(report.added["statement"] == 2)
        func hits(_ word: String) throws -> Int {
            try manager.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM statementSearch WHERE statementSearch MATCH ?", arguments: [word])! }
        }
        #expect(try hits("forecast") == 1 && hits("sef") == 1)
        #expect(try manager.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") } == triggersBefore)
        let copy = try manager.opportunity(named: "Acme - Rollout")
        try manager.record("Nobody trusts the pipeline", field: .reasons, position: 1, opportunityId: copy.id!, capturedBy: "bob")
        #expect(try hits("pipeline") == 1)
        // Importing the same file again adds nothing, to the table or to the index.
        let again = try manager.importEverything(file.split(separator: "\n").map(String.init))
        #expect(again.added.isEmpty && again.unchanged == 4)
        #expect(try hits("forecast") == 1)
    }

    @Test func aRefusedFileLeavesTheIndexAndItsTriggersAsTheyWere() throws {
        let manager = try QualifyDatabase.open(path: scratch.path("manager.sqlite"))
        let triggersBefore = try manager.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")! }
        #expect(throws: StoreError.self) {
            try manager.importEverything(["{\"kind\":\"account\",\"uuid\":\"0B8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9A11\",\"name\":\"Acme\",\"createdAt\":\"2026-01-01 00:00:00.000\"}", "not json"])
        }
        #expect(try manager.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")! } == triggersBefore)
        #expect(try manager.accounts().isEmpty)
    }

    @Test func aRecordWithoutAUuidIsNamedWithItsArticle() throws {
        let manager = try QualifyDatabase.open(path: scratch.path("manager.sqlite"))
        #expect(throws: StoreError(.invalid, "line 1: an account without a valid uuid; nothing was imported.")) {
            try manager.importEverything(["{\"kind\":\"account\",\"uuid\":\"nope\",\"name\":\"Acme\"}"])
        }
        #expect(try manager.accounts().isEmpty)
    }
}
