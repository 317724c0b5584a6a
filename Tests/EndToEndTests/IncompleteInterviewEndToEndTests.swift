import Foundation
import Testing

/// Enter at an empty `impact 1>` ends the list with no item: the interview
/// goes on, and at its end says what is missing instead of "complete".
@Suite struct IncompleteInterviewEndToEndTests {
    @Test func anEmptyListAtATerminalEndsWithWhatIsMissingNotComplete() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["We lose share", "I can't sleep", "reason 1", ""]).status == 0)
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["interview", "Acme - Forecasting"],
                                          environment: q.environment.merging(["TERM": "xterm", "COLUMNS": "200"]) { $1 })
        defer { terminal.terminate() }
        let said = try terminal.converse([
            (keys: "", until: "impact 1> "), (keys: "\r", until: "capability 1> "), (keys: "cap 1\r", until: "capability 2> "),
            (keys: "cap 2\r", until: "capability 3> "), (keys: "cap 3\r", until: "complete> "),
        ]).last!
        let end = said.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(end.contains("Every question was asked, but not captured yet: Impacts. /edit impacts asks it now, and the next `qualify interview` of this deal starts there."), "\(said)")
        #expect(!end.contains("The interview is complete"), "\(said)")
        // /edit impacts, one impact, Enter: now it is complete.
        let edited = try terminal.converse([(keys: "/edit impacts\r", until: "impact 1> "), (keys: "The CFO waits\r", until: "impact 2> "),
                                            (keys: "\r", until: "complete> ")]).last!
        #expect(edited.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("The interview is complete."), "\(edited)")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map(\.text).last == "The CFO waits")
    }
}
