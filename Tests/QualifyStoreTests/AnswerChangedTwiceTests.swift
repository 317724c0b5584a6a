import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// Two reps' files, each with its own change of one shared answer: a manager who imports them
/// in either order, and each rep who imports the other's, end with the same line of versions,
/// ordered by when each was captured, and the same current words.
@Suite struct AnswerChangedTwiceTests {
    let scratch = Scratch()

    private func file(of database: QualifyDatabase) throws -> [String] {
        var text = ""
        try database.exportEverything(chunks: { text += $0 })
        return text.split(separator: "\n").map(String.init)
    }

    private func line(in database: QualifyDatabase) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE line(id, text) AS (
                    SELECT id, text FROM statement WHERE field = 'problem' AND replacesId IS NULL
                    UNION ALL SELECT s.id, s.text FROM statement s JOIN line ON s.replacesId = line.id)
                SELECT text FROM line
                """)
        }
    }

    @Test func everyOrderOfImportEndsWithTheSameLineAndTheLaterWordsCurrent() throws {
        let shared = try QualifyDatabase.open(path: scratch.path("shared.sqlite"))
        try shared.addAccount(named: "Initech")
        let deal = try shared.addOpportunity(named: "Initech - CRM", account: "Initech")
        try shared.record("Reports take a day", field: .problem, position: 1, opportunityId: deal.id!, capturedBy: "Ana")
        let base = try file(of: shared)

        let ana = try QualifyDatabase.open(path: scratch.path("ana.sqlite"))
        let marko = try QualifyDatabase.open(path: scratch.path("marko.sqlite"))
        for laptop in [ana, marko] { _ = try laptop.importEverything(base) }
        try ana.record("Reps lose a day a week", field: .problem, position: 1,
                       opportunityId: try ana.opportunity(named: "Initech - CRM").id!, capturedBy: "Ana")
        Thread.sleep(forTimeInterval: 0.01)
        try marko.record("Reporting eats a day per week", field: .problem, position: 1,
                         opportunityId: try marko.opportunity(named: "Initech - CRM").id!, capturedBy: "Marko")
        let (hers, his) = (try file(of: ana), try file(of: marko))
        let expected = ["Reports take a day", "Reps lose a day a week", "Reporting eats a day per week"]

        let first = try QualifyDatabase.open(path: scratch.path("manager1.sqlite"))
        _ = try first.importEverything(hers)
        let second = try first.importEverything(his)
        #expect(second.answersChangedTwice == ["Problem of \"Initech - CRM\" was changed on two laptops from the same words; both are kept, the later current: «Reporting eats a day per week» (the other: «Reps lose a day a week»)"])
        let other = try QualifyDatabase.open(path: scratch.path("manager2.sqlite"))
        _ = try other.importEverything(his)
        let earlier = try other.importEverything(hers)
        #expect(earlier.answersChangedTwice.count == 1)
        _ = try ana.importEverything(his)
        _ = try marko.importEverything(hers)
        for database in [first, other, ana, marko] {
            #expect(try line(in: database) == expected)
            #expect(try database.capturedAnswers(opportunityId: try database.opportunity(named: "Initech - CRM").id!)[.problem] == [expected[2]])
        }
        // The same file again changes nothing.
        #expect(try first.importEverything(hers).answersChangedTwice.isEmpty)
        #expect(try line(in: first) == expected)
    }
}
