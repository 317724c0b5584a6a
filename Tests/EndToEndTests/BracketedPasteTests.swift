import Foundation
import Testing

/// A paste is not an answer until the rep presses Enter: the terminal sends no
/// newline after it, and a paste that sent itself left the rep's Enter to answer
/// the next question (an empty line at `reason 2>` closed Reasons, and the next
/// words were filed as Impact 1).
@Suite struct BracketedPasteTests {
    private static func paste(_ text: String) -> String { "\u{1B}[200~" + text + "\u{1B}[201~" }

    @Test func aPasteStaysOnTheLineEditableUntilEnter() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try q.atTerminal(["interview", "Acme - Forecasting"])
        defer { terminal.terminate() }
        try terminal.converse([("", "problem> "), ("p\r", "pain> "), ("q\r", "reason 1> ")])

        terminal.send(Self.paste("Sales numbers are in five spreadsheets"))
        try terminal.waitFor("spreadsheets")
        #expect(throws: PseudoTerminalError.self, "the paste was sent without Enter") { try terminal.waitFor("reason 2> ", timeout: 0.5) }
        // Still on the line: Backspace and typing edit it.
        terminal.send("\u{7F}s!\r")
        try terminal.waitFor("reason 2> ")
        // Typed half, pasted the rest, and a paste of several lines: each waits for Enter.
        terminal.send("I typed half ")
        try terminal.waitFor("half ")
        terminal.send(Self.paste("and pasted the rest"))
        try terminal.waitFor("the rest")
        #expect(throws: PseudoTerminalError.self) { try terminal.waitFor("reason 3> ", timeout: 0.5) }
        terminal.send("\r")
        try terminal.waitFor("reason 3> ")
        terminal.send(Self.paste("Line one\r\nline two\r\n"))
        try terminal.waitFor("line two")
        #expect(throws: PseudoTerminalError.self) { try terminal.waitFor("reason 4> ", timeout: 0.5) }
        terminal.send("\r")
        try terminal.waitFor("reason 4> ")
        terminal.send("\r")
        try terminal.waitFor("impact 1> ")
        terminal.send("Our close slips\r")
        try terminal.waitFor("impact 2> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.field) == ["problem", "pain", "reasons", "reasons", "reasons", "impacts"])
        #expect(stored.map(\.text) == ["p", "q", "Sales numbers are in five spreadsheets!", "I typed half and pasted the rest",
                                       "Line one\nline two", "Our close slips"])
    }

    @Test func aPastedCommandAtTheHomePromptRunsOnlyWithEnter() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try q.atTerminal([])
        defer { terminal.terminate() }
        try terminal.waitFor("qualify> ")
        terminal.send(Self.paste("/open Acme - Forecasting"))
        try terminal.waitFor("Forecasting")
        #expect(throws: PseudoTerminalError.self, "the pasted command ran without Enter") { try terminal.waitFor("problem> ", timeout: 0.5) }
        terminal.send("\r")
        try terminal.waitFor("problem> ")
    }
}
