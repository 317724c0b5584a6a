import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

@Suite struct ReviewGapsTests {
    /// bench/review compares qualify with the same query in the sqlite3 shell;
    /// the copy there must stay the query qualify runs, or the figures lie.
    @Test func theBenchmarkBaselineIsTheQueryQualifyRuns() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func normalised(_ sql: String) -> String {
            sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: " ")
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let queries = repository.appendingPathComponent("bench/review/queries")
        let shared = try String(contentsOf: queries.appendingPathComponent("qualification.sql"), encoding: .utf8)
        let gaps = try String(contentsOf: queries.appendingPathComponent("gaps.sql"), encoding: .utf8)
        let runs = Qualification.sql(where: "gapScore > 0 AND closed IS NULL", orderBy: "gapScore DESC, opportunity COLLATE NOCASE")
        #expect(normalised(shared + "\n" + gaps) == normalised(runs) + ";")
    }

    /// Five deals whose order is known: nothing < problem only < pain without
    /// capabilities < pain, 3 capabilities, no letter < complete (not listed).
    func pipeline() throws -> ReviewFixture {
        let fixture = try ReviewFixture()
        let db = fixture.db
        for (name, account) in [("Initech - Nothing yet", "Globex"), ("Umbrella - Complete", "Acme Corp"),
                                ("Acme - Letter only missing", "Acme Corp"), ("Hooli - Won", "Globex")] {
            try db.addOpportunity(named: name, account: account)
        }
        let at = "2026-03-10 09:00:00"
        for name in ["Umbrella - Complete", "Acme - Letter only missing", "Hooli - Won"] {
            try fixture.capture(name, .pain, "It hurts", by: "ana", on: at)
            try fixture.capture(name, .reasons, "No time", by: "ana", on: at)
            try fixture.capture(name, .impacts, "The CFO waits", by: "ana", on: at)
            for position in 1...3 { try fixture.capture(name, .capabilities, "Capability \(position)", position: position, by: "ana", on: at) }
        }
        try fixture.set("Hooli - Won", stage: "Closed Won", owner: "ana")
        try db.saveLetter("Dear sponsor", opportunityId: try db.opportunity(named: "Umbrella - Complete").id!, draftedBy: "ana")
        return fixture
    }

    func gaps(_ db: QualifyDatabase) throws -> [Qualification] {
        var entries: [Qualification] = []
        try db.qualificationGaps { entries.append($0) }
        return entries
    }

    @Test func worstFirstWithWhatIsMissing() throws {
        let fixture = try pipeline()
        let entries = try gaps(fixture.db)
        #expect(entries.map(\.opportunity) == ["Initech - Nothing yet", "Globex - CRM", "Acme - Forecasting", "Acme - Letter only missing"])
        #expect(entries[0].gaps == [.missing(.pain), .missing(.problem), .fewCapabilities, .missing(.reasons), .missing(.impacts), .noLetter])
        // Globex has a pain on record, so only capabilities, reasons, impacts and the letter are missing.
        #expect(entries[1].gaps == [.fewCapabilities, .missing(.reasons), .missing(.impacts), .noLetter])
        #expect(entries[2].gaps == [.fewCapabilities, .missing(.impacts), .noLetter] && entries[2].counts[.reasons] == 1)
        #expect(entries[3].gaps == [.noLetter] && entries[3].counts[.capabilities] == 3)
    }

    @Test func gapsNarrowToOneStageOrOneRep() throws {
        let fixture = try pipeline()
        var names: [String] = []
        try fixture.db.qualificationGaps(stage: "prospecting") { names.append($0.opportunity) }
        #expect(names == ["Globex - CRM"])
        names = []
        // ana owns Acme - Forecasting and captured first on Acme - Letter only missing.
        try fixture.db.qualificationGaps(rep: "ANA") { names.append($0.opportunity) }
        #expect(names == ["Acme - Forecasting", "Acme - Letter only missing"])
        #expect { try fixture.db.qualificationGaps(rep: "anne") { _ in } } throws: { "\($0)".contains("Did you mean \"ana\"") }
    }

    @Test func aProblemWithoutPainRanksAboveMissingCapabilities() throws {
        let fixture = try pipeline()
        try fixture.db.addOpportunity(named: "Stark - Problem only", account: "Globex")
        try fixture.capture("Stark - Problem only", .problem, "Costs are up", by: "bo", on: "2026-03-11 09:00:00")
        let entries = try gaps(fixture.db)
        #expect(entries.map(\.opportunity).prefix(2) == ["Initech - Nothing yet", "Stark - Problem only"])
        #expect(entries[1].gaps.first == .missing(.pain) && entries[1].counts[.problem] == 1)
    }

    @Test func statsCountPerStageAndRep() throws {
        let fixture = try pipeline()
        let report = try fixture.db.pipelineReport()
        #expect(report.total.opportunities == 6)
        let negotiation = try #require(report.stages.first { $0.name == "Negotiation/Review" })
        #expect(negotiation.opportunities == 1 && negotiation.answered[.pain] == 1 && negotiation.items[.reasons] == 1)
        #expect(report.stages.map(\.name) == ["Prospecting", "Negotiation/Review", "Closed Won", PipelineReport.noStage])
        let ana = try #require(report.reps.first { $0.name == "ana" })
        // ana owns Acme - Forecasting and Hooli, and captured first on Umbrella and Acme - Letter only missing.
        #expect(ana.opportunities == 4 && ana.answered[.pain] == 4 && ana.withLetter == 1 && ana.items[.capabilities] == 9)
        #expect(report.reps.map(\.name) == [PipelineReport.noRep, "ana", "bo"])
        #expect(abs(ana.share(answering: .pain) - 1) < 0.001 && abs(ana.letterShare - 0.25) < 0.001)
    }

    @Test func homeListsBigDealsClosingSoonAndPendingLetters() throws {
        let fixture = try pipeline()
        try fixture.db.write { db in
            try db.execute(sql: """
                UPDATE opportunity SET amountHundredths = 5000000, closeDate = '2026-03-20' WHERE name = 'Acme - Forecasting';
                UPDATE opportunity SET amountHundredths = 100, closeDate = '2026-03-15' WHERE name = 'Globex - CRM';
                UPDATE opportunity SET amountHundredths = 9000000, currency = 'USD', closeDate = '2026-03-16' WHERE name = 'Initech - Nothing yet';
                UPDATE opportunity SET amountHundredths = 9000000, closeDate = '2026-06-01' WHERE name = 'Umbrella - Complete';
                """)
        }
        let criteria = HomeCriteria(minimum: Amount(hundredths: 1_000_000, currency: "EUR"), defaultCurrency: "EUR",
                                    today: CalendarDay(iso: "2026-03-12")!, lastDay: CalendarDay(iso: "2026-04-11")!)
        var entries: [HomeEntry] = []
        try fixture.db.home(criteria) { entries.append($0) }
        // Largest first; a big deal with no next milestone is pending even far from its close date.
        #expect(entries.map(\.qualification.opportunity) == ["Umbrella - Complete", "Acme - Forecasting", "Acme - Letter only missing"])
        #expect(!entries[0].isUpcoming && entries[0].noNextMilestone && !entries[0].closingSoon)
        #expect(entries[1].isUpcoming && entries[1].closingSoon && !entries[1].letterPending)
        #expect(!entries[2].isUpcoming && entries[2].letterPending && !entries[2].noNextMilestone)
        #expect(try fixture.db.recordCompleteness() == RecordCompleteness(opportunities: 6, withAmount: 4, withCloseDate: 4))
    }

    @Test func homeListsOverdueDealsMostOverdueFirstAndSaysWhy() throws {
        let fixture = try pipeline()
        try fixture.db.write { db in
            try db.execute(sql: """
                UPDATE opportunity SET nextMilestone = 'Call back';
                UPDATE opportunity SET amountHundredths = 500000, closeDate = '2026-03-01' WHERE name = 'Acme - Forecasting';
                UPDATE opportunity SET amountHundredths = 9000000, closeDate = '2026-02-01' WHERE name = 'Globex - CRM';
                UPDATE opportunity SET amountHundredths = 100, closeDate = '2026-01-01' WHERE name = 'Initech - Nothing yet';
                UPDATE opportunity SET amountHundredths = 7000000, closeDate = '2026-03-20', nextMilestone = NULL WHERE name = 'Umbrella - Complete';
                """)
        }
        let criteria = HomeCriteria(minimum: Amount(hundredths: 200_000, currency: "EUR"), defaultCurrency: "EUR",
                                    today: CalendarDay(iso: "2026-03-12")!, lastDay: CalendarDay(iso: "2026-04-11")!)
        var entries: [HomeEntry] = []
        try fixture.db.home(criteria) { entries.append($0) }
        let listed = entries.filter { !$0.letterPending }
        // Globex is 39 days late, Acme 11; Initech is too small to list.
        #expect(listed.map(\.qualification.opportunity) == ["Globex - CRM", "Acme - Forecasting", "Umbrella - Complete"])
        #expect(listed[0].overdue && !listed[0].isUpcoming && listed[2].isUpcoming && listed[2].noNextMilestone)
    }
}
