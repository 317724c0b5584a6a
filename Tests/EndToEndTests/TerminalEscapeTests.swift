import Foundation
import Testing

/// The buyer's words never hold an ESC. At a terminal a stray ESC key must not
/// change or drop what is typed after it (libedit's emacs keys took ESC with
/// the next key: a word back, a word deleted or upcased, the key eaten), and a
/// paste holding terminal escapes must not vanish from the line.
@Suite struct TerminalEscapeTests {
    @Test func aStrayEscKeyIsIgnoredAndEveryKeyAfterItIsTyped() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try q.atTerminal(["interview", "Acme - Forecasting"])
        defer { terminal.terminate() }
        try terminal.waitFor("problem> ")
        // ESC then Space: libedit ate the space.
        terminal.send("We lose\u{1B} share\r")
        try terminal.waitFor("pain> ")
        // ESC on its own key press, then the rest of the answer.
        terminal.send("I can't")
        try terminal.waitFor("I can't")
        terminal.send("\u{1B}")
        terminal.send(" sleep\r")
        try terminal.waitFor("reason 1> ")
        // ESC b moved the cursor a word back, so "X" landed inside the words; ESC u upcased a word, ESC d deleted one.
        terminal.send("Nobody owns\u{1B}b the data\u{1B}u\u{1B}d\r")
        try terminal.waitFor("reason 2> ")
        // Keys that send ESC with the rest of their sequence still edit: Left twice, End, Home, Delete (the X).
        terminal.send("ab\u{1B}[D\u{1B}[DX\u{1B}[FY\u{1B}OHZ\u{1B}[3~\r")
        try terminal.waitFor("reason 3> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep", "Nobody ownsb the dataud", "ZabY"])
    }

    @Test func aPasteWithEscapesStaysOnTheLineWithoutThemAndEnterSendsIt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try q.atTerminal(["interview", "Acme - Forecasting"])
        defer { terminal.terminate() }
        try terminal.waitFor("problem> ")
        terminal.send("Typed, ")
        try terminal.waitFor("Typed, ")
        // Copied from a terminal with its colours, and a bell.
        terminal.send("\u{1B}[200~we\u{1B}[1;31m lose\u{1B}[0m share\u{7}\u{1B}[201~")
        let noted = try terminal.waitFor("problem> Typed, we lose share")
        #expect(noted.contains("note: removed from the paste: the terminal code ESC[1;31m, the terminal code ESC[0m, U+0007 (BEL), which qualify cannot store. The rest is on the line: check it, then press Enter."), "\(noted)")
        #expect(!noted.contains("pain> "), "the paste was sent without Enter")
        terminal.send("!\r")
        try terminal.waitFor("pain> ")
        // Several lines: kept as one answer, sent with Enter.
        terminal.send("\u{1B}[200~I can't\u{1B}[0m sleep\r\u{1B}]0;title\u{7}my team waits\u{1B}[201~")
        try terminal.waitFor("Enter.")
        terminal.send("\r")
        try terminal.waitFor("reason 1> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["Typed, we lose share!", "I can't sleep\nmy team waits"])
    }
}
