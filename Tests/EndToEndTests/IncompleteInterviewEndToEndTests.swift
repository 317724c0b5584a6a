import Foundation
import Testing

/// Enter at an empty `impact 1>` ends the list with no item: the interview
/// goes on, and at its end says what is missing instead of "complete", and
/// what the rep types next is filed to the missing field.
@Suite struct IncompleteInterviewEndToEndTests {
    @Test func anEmptyListAtATerminalEndsAtItsPromptAndTheWordsTypedThereAreFiledToIt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["We lose share", "I can't sleep", "reason 1", ""]).status == 0)
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["interview", "Acme - Forecasting"],
                                          environment: q.environment.merging(["TERM": "xterm", "COLUMNS": "200"]) { $1 })
        defer { terminal.terminate() }
        let said = try terminal.converse([
            (keys: "", until: "impact 1> "), (keys: "\r", until: "capability 1> "), (keys: "cap 1\r", until: "capability 2> "),
            (keys: "cap 2\r", until: "capability 3> "), (keys: "cap 3\r", until: "impact 1> "),
        ]).last!
        let end = said.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(end.contains("Every question was asked, but not captured yet: Impacts. What you type now is filed as Impacts, and the next `qualify interview` of this deal starts there."), "\(said)")
        #expect(!end.contains("complete"), "\(said)")
        // Typed at the missing field's prompt: filed to it. Enter closes the list: now it is complete.
        let filed = try terminal.converse([(keys: "The CFO waits\r", until: "impact 2> "), (keys: "\r", until: "complete> ")]).last!
        #expect(filed.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("The interview is complete."), "\(filed)")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        let stored = try statements(in: q.databasePath)
        #expect(stored.last.map { [$0.field, $0.text] } == ["impacts", "The CFO waits"])
    }

    /// A script's line after the last question lands in the field left empty, as at a terminal.
    @Test func aScriptsLineAfterTheQuestionsIsFiledToTheMissingField() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"],
                            lines: ["We lose share", "/skip", "reason 1", "", "impact", "", "cap 1", "cap 2", "cap 3", "I can't sleep", "/show"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Pain: \u{201C}I can't sleep\u{201D}"), "\(run.stdout)")
        let pain = try statements(in: q.databasePath).filter { $0.field == "pain" }.map(\.text)
        #expect(pain == ["I can't sleep"])
    }

    /// A deal whose only gap is Impacts (closed with no item): a resumed script's
    /// Enter closes it again and its next line is an impact, not Capability 4.
    @Test func resumingTheOnlyGapFilesTheNextLineThere() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["p", "q", "r", "", "", "c1", "c2", "c3"]).status == 0)
        let resumed = try q.run(["interview", "Acme - Forecasting", "--resume"], lines: ["", "a fourth one"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let stored = try statements(in: q.databasePath)
        #expect(stored.filter { $0.field == "impacts" }.map(\.text) == ["a fourth one"])
        #expect(stored.filter { $0.field == "capabilities" }.map(\.text) == ["c1", "c2", "c3"])
    }

    /// At a terminal: Enter at the resumed `impact 1>` and `/back` at the end both stay at Impacts.
    @Test func enterAndBackAtTheResumedGapStayAtItsPrompt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["p", "q", "r", "", "", "c1", "c2", "c3"]).status == 0)
        let terminal = try q.atTerminal(["interview", "Acme - Forecasting"])
        defer { terminal.terminate() }
        let said = try terminal.converse([(keys: "", until: "impact 1> "), (keys: "\r", until: "impact 1> "), (keys: "/back\r", until: "impact 1> ")])
        #expect(!said.joined().contains("Capability 4"), "\(said)")
        try terminal.converse([(keys: "The CFO waits\r", until: "impact 2> ")])
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).last.map { [$0.field, $0.text] } == ["impacts", "The CFO waits"])
    }
}
