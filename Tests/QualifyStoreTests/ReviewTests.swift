import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// A small pipeline with known words, dates, stages and reps.
struct ReviewFixture {
    let db: QualifyDatabase
    let scratch = Scratch()

    static let forecastPain = "I can't get the forecast to the board on time; my šef is furious"

    init() throws {
        db = try QualifyDatabase.open(path: scratch.path())
        try db.addAccount(named: "Acme Corp")
        try db.addAccount(named: "Globex")
        try db.addOpportunity(named: "Acme - Forecasting", account: "Acme Corp")
        try db.addOpportunity(named: "Globex - CRM", account: "Globex")
        try set("Acme - Forecasting", stage: "Negotiation/Review", owner: "ana")
        try set("Globex - CRM", stage: "Prospecting", owner: "bo")
        try capture("Acme - Forecasting", .pain, Self.forecastPain, by: "ana", on: "2026-03-01 09:00:00")
        try capture("Acme - Forecasting", .reasons, "Five spreadsheets, no owner", by: "ana", on: "2026-03-02 09:00:00")
        try capture("Globex - CRM", .problem, "Churn is up 4% & rising", by: "bo", on: "2026-03-03 09:00:00")
        try capture("Globex - CRM", .pain, "Nobody sees the forecast until it is too late", by: "bo", on: "2026-03-04 09:00:00")
    }

    func set(_ opportunity: String, stage: String, owner: String) throws {
        try db.write { db in
            try db.execute(sql: """
                UPDATE opportunity SET stageId = (SELECT id FROM stage WHERE name = ?), owner = ? WHERE name = ?
                """, arguments: [stage, owner, opportunity])
        }
    }

    /// Stores a statement (a new version when the item exists) at a fixed time.
    @discardableResult
    func capture(_ opportunity: String, _ field: Field, _ text: String, position: Int = 1,
                 by rep: String, on time: String) throws -> QualifyStore.Statement {
        let id = try db.opportunity(named: opportunity).id!
        var statement = try db.record(text, field: field, position: position, opportunityId: id, capturedBy: rep)
        try db.write { db in
            try db.execute(sql: "UPDATE statement SET capturedAt = ? WHERE id = ?", arguments: [time + ".000", statement.id])
        }
        statement.capturedAt = try db.read { try Date.fetchOne($0, sql: "SELECT capturedAt FROM statement WHERE id = ?", arguments: [statement.id])! }
        return statement
    }

    func review(_ configure: (inout ReviewFilter) -> Void = { _ in }) throws -> [ReviewRow] {
        var filter = ReviewFilter()
        configure(&filter)
        var rows: [ReviewRow] = []
        try db.review(filter) { rows.append($0) }
        return rows
    }
}

@Suite struct ReviewQueryTests {
    @Test func listsCurrentStatementsNewestFirstWithTheirDeal() throws {
        let fixture = try ReviewFixture()
        let rows = try fixture.review()
        #expect(rows.map(\.text) == ["Nobody sees the forecast until it is too late", "Churn is up 4% & rising",
                                     "Five spreadsheets, no owner", ReviewFixture.forecastPain])
        let first = try #require(rows.last)
        #expect(first.opportunity == "Acme - Forecasting" && first.account == "Acme Corp")
        #expect(first.stage == "Negotiation/Review" && first.capturedBy == "ana" && first.field == .pain)
    }

    @Test func aCorrectionHidesTheOldVersionUnlessHistoryIsAsked() throws {
        let fixture = try ReviewFixture()
        let corrected = try fixture.capture("Acme - Forecasting", .pain, "I can't get the forecast out; my boss is furious",
                                            by: "ana", on: "2026-03-05 09:00:00")
        let current = try fixture.review { $0.fields = [.pain]; $0.opportunity = "Acme - Forecasting" }
        #expect(current.map(\.text) == ["I can't get the forecast out; my boss is furious"])

        let history = try fixture.review { $0.history = true; $0.opportunity = "Acme - Forecasting"; $0.fields = [.pain] }
        #expect(history.map(\.text) == [ReviewFixture.forecastPain, "I can't get the forecast out; my boss is furious"])
        #expect(history[0].replacedById == corrected.id && history[0].replacesId == nil)
        #expect(history[1].replacesId == history[0].id && history[1].isCurrent)
    }

    @Test func filtersCombine() throws {
        let fixture = try ReviewFixture()
        #expect(try fixture.review { $0.fields = [.pain, .problem]; $0.account = "globex" }.map(\.text)
            == ["Nobody sees the forecast until it is too late", "Churn is up 4% & rising"])
        #expect(try fixture.review { $0.fields = [.pain]; $0.stage = "negotiation/review" }.map(\.text)
            == [ReviewFixture.forecastPain])
        #expect(try fixture.review { $0.rep = "ANA"; $0.since = "2026-03-02"; $0.until = "2026-03-02" }.map(\.text)
            == ["Five spreadsheets, no owner"])
        #expect(try fixture.review { $0.rep = "bo"; $0.search = "forecast"; $0.until = "2026-03-03" }.isEmpty)
        #expect(try fixture.review { $0.stage = "Prospecting"; $0.search = "forecast" }.map(\.opportunity) == ["Globex - CRM"])
    }

    @Test func unknownNamesAndBadDatesAreErrorsThatSayWhatToDo() throws {
        let fixture = try ReviewFixture()
        func message(_ configure: @escaping (inout ReviewFilter) -> Void) -> String? {
            do { _ = try fixture.review(configure); return nil } catch { return "\(error)" }
        }
        #expect(message { $0.account = "Acme" }?.contains("Did you mean \"Acme Corp\"") == true)
        #expect(message { $0.opportunity = "Acme - Forecast" }?.contains("\"Acme - Forecasting\"") == true)
        #expect(message { $0.stage = "Won" }?.contains("\"Closed Won\"") == true)
        #expect(message { $0.rep = "anna" }?.contains("Did you mean \"ana\"") == true)
        #expect(message { $0.since = "2026-02-30" }?.contains("YYYY-MM-DD") == true)
        #expect(message { $0.until = "yesterday" }?.contains("YYYY-MM-DD") == true)
        #expect(message { $0.since = "2026-03-05"; $0.until = "2026-03-01" }?.contains("swap") == true)
    }
}

@Suite struct ReviewSearchTests {
    @Test func prefixAndAccentFoldedWordsFindTheStatement() throws {
        let fixture = try ReviewFixture()
        #expect(try fixture.review { $0.search = "sef" }.map(\.text) == [ReviewFixture.forecastPain])
        #expect(try fixture.review { $0.search = "ŠEF furi" }.map(\.text) == [ReviewFixture.forecastPain])
        // Typed with a combining caron instead of the precomposed letter.
        #expect(try fixture.review { $0.search = "s\u{30C}ef" }.map(\.text) == [ReviewFixture.forecastPain])
        #expect(try fixture.review { $0.search = "forec" }.count == 2)
        #expect(try fixture.review { $0.match = "\"too late\" OR spreadsheet*" }.count == 2)
    }

    @Test func plainWordsAreWordsAndFTS5SyntaxNeedsMatch() throws {
        let fixture = try ReviewFixture()
        try fixture.capture("Globex - CRM", .reasons, "Our C++ build takes 40 minutes", by: "bo", on: "2026-01-01 09:00:00")
        // Was an FTS5 syntax error; now "c++" is the word c, and the statement is found.
        #expect(try fixture.review { $0.search = "c++ build" }.map(\.text) == ["Our C++ build takes 40 minutes"])
        // A quote and OR are text to --search, syntax to --match.
        #expect(try fixture.review { $0.search = "\"build OR" }.isEmpty)
        #expect(try fixture.review { $0.match = "build OR sef" }.count == 2)
        #expect(try fixture.review { $0.match = "build OR sef"; $0.search = "minutes" }.map(\.text) == ["Our C++ build takes 40 minutes"])
    }

    @Test func hitsComeRankedWithHighlightAndSnippet() throws {
        let fixture = try ReviewFixture()
        let padding = String(repeating: "meetings and more meetings ", count: 10)
        let long = padding + "and then the forecast slips again " + padding
        try fixture.capture("Globex - CRM", .impacts, long, by: "bo", on: "2026-01-01 09:00:00")
        let repeated = "Forecast, forecast, forecast: that is all the board asks about"
        try fixture.capture("Globex - CRM", .impacts, repeated, position: 2, by: "bo", on: "2026-01-01 09:00:00")
        let rows = try fixture.review { $0.search = "forecast" }
        // Three mentions in a short statement rank first, although it is among the oldest.
        #expect(rows.first?.text == repeated)
        let hit = try #require(rows.first(where: { $0.text == ReviewFixture.forecastPain }))
        #expect(hit.highlighted == "I can't get the \u{2}forecast\u{3} to the board on time; my šef is furious")
        let snippet = try #require(rows.first(where: { $0.text == long })?.snippet)
        #expect(snippet.contains("\u{2}forecast\u{3}") && snippet.count < 100)
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
    }

    @Test func badSearchSyntaxIsAClearError() throws {
        let fixture = try ReviewFixture()
        for bad in ["\"unclosed", "forecast AND", "(board"] {
            #expect { _ = try fixture.review { $0.match = bad } } throws: {
                ($0 as? StoreError)?.kind == .invalid && "\($0)".contains("is not a valid FTS5 query") && "\($0)".contains("--search for plain words")
            }
        }
        #expect { _ = try fixture.review { $0.search = "!!! ..." } } throws: { "\($0)".contains("no words") }
    }

    @Test func theIndexFollowsInsertNewVersionAndDelete() throws {
        let fixture = try ReviewFixture()
        try fixture.capture("Globex - CRM", .pain, "Nobody sees the pipeline until quarter end", by: "bo", on: "2026-03-06 09:00:00")
        #expect(try fixture.review { $0.search = "pipeline" }.map(\.opportunity) == ["Globex - CRM"])
        // The superseded version is still searchable in history, not in the current view.
        #expect(try fixture.review { $0.search = "late" }.isEmpty)
        #expect(try fixture.review { $0.search = "late"; $0.history = true }.count == 1)

        // Newest version first: a version another one replaces cannot go before it.
        try fixture.db.write { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT s.id FROM statement s JOIN opportunity o ON o.id = s.opportunityId
                WHERE o.name = 'Globex - CRM' ORDER BY s.id DESC
                """)
            for id in ids { try db.execute(sql: "DELETE FROM statement WHERE id = ?", arguments: [id]) }
        }
        #expect(try fixture.review { $0.search = "pipeline"; $0.history = true }.isEmpty)
        #expect(try fixture.review { $0.search = "churn"; $0.history = true }.isEmpty)
        // SQLite's own check that index and table agree, row for row.
        try fixture.db.write { db in
            try db.execute(sql: "INSERT INTO statementSearch(statementSearch, rank) VALUES('integrity-check', 1)")
        }
    }
}

@Suite struct ReviewGroupingTests {
    @Test func documentsReadEachDealInInterviewOrder() throws {
        let fixture = try ReviewFixture()
        var rows: [ReviewRow] = []
        try fixture.db.review(ReviewFilter(), order: .groupedByOpportunity) { rows.append($0) }
        #expect(rows.map(\.text) == [ReviewFixture.forecastPain, "Five spreadsheets, no owner",
                                     "Churn is up 4% & rising", "Nobody sees the forecast until it is too late"])
    }
}
