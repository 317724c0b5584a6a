import Foundation
import GRDB
import Testing

/// At a colour terminal qualify sends its own colours raw; a colour code or a direction
/// override that came with a buyer's words, a CSV or a teammate's sync must not act too.
@Suite struct ColourTerminalEndToEndTests {
    static let name = "Acme - Forecasting"
    static let red = "\u{1B}[31m"
    static let shownRed = "\\u{1B}[31m"
    static let override = "\u{202E}"
    static let shownOverride = "\\u{202E}"

    /// An interviewed deal with a sponsor, a plan step, a close date and a next milestone,
    /// then text written straight into the file, as an older qualify or another tool could have.
    func hostileDeal() throws -> QualifyBinary {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.name], lines: WorkedExample.lines).status == 0)
        #expect(try q.run(["contact", "add", "Mojca Zagar", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["opportunity", "set", Self.name, "sponsor", "Mojca Zagar", "close", "+10d",
                           "next-milestone", "Demo", "description", "Forecast"]).status == 0)
        #expect(try q.run(["plan", "add", Self.name, "Pilot", "--who", "buyer", "--due", "+5d"]).status == 0)
        let colour = "We are \(Self.red)losing\u{1B}[0m money, \(Self.override)detsurt ton\u{202C}"
        try DatabaseQueue(path: q.databasePath).write { db in
            try db.execute(sql: "UPDATE statement SET text = ? WHERE field = 'pain'", arguments: [colour])
            try db.execute(sql: "UPDATE opportunity SET nextMilestone = ?, description = ?",
                           arguments: ["Demo \(Self.red)red \(Self.override)x", "About \(Self.red)red \(Self.override)x"])
            try db.execute(sql: "UPDATE account SET name = ?", arguments: ["Acme \(Self.red)Corp \(Self.override)x"])
            try db.execute(sql: "UPDATE contact SET name = ?", arguments: ["Mojca \(Self.red)Zagar \(Self.override)x"])
            try db.execute(sql: "UPDATE planStep SET what = ?", arguments: ["Pilot \(Self.red)red \(Self.override)x"])
        }
        return q
    }

    func atColourTerminal(_ q: QualifyBinary, _ arguments: [String]) throws -> PseudoTerminal {
        // Tall enough that no pager starts: what reaches the terminal is qualify's own output.
        try PseudoTerminal(executable: QualifyBinary.path, arguments: arguments,
                           environment: q.environment.merging(["TERM": "xterm-256color", "LINES": "500"]) { $1 })
    }

    func expectShown(_ terminal: PseudoTerminal, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = String(decoding: terminal.raw, as: UTF8.self)
        #expect(!raw.contains(Self.red), "\(what) sent the stored colour code raw", sourceLocation: sourceLocation)
        #expect(!raw.contains(Self.override), "\(what) sent the stored direction override raw", sourceLocation: sourceLocation)
        #expect(terminal.output.contains(Self.shownRed) && terminal.output.contains(Self.shownOverride),
                "\(what): \(terminal.output)", sourceLocation: sourceLocation)
    }

    @Test func storedColourCodesAndOverridesAreShownInEveryTextOutputWhileQualifysColoursStillWork() throws {
        let q = try hostileDeal()
        let commands: [[String]] = [
            ["review"], ["review", "--format", "markdown"], ["review", "--search", "money"], ["letter", Self.name],
            ["opportunity", "show", Self.name], ["opportunity", "list", "--columns", "name,account,next-milestone"],
            ["home"], ["account", "list"], ["contact", "list"], ["plan", "list", Self.name],
        ]
        for arguments in commands {
            let terminal = try atColourTerminal(q, arguments)
            defer { terminal.terminate() }
            #expect(try terminal.waitForExit() == 0, "\(arguments): \(terminal.output)")
            expectShown(terminal, "\(arguments)")
        }
        // Its own colours still reach the terminal: the review's bold heading and its search hits.
        let review = try atColourTerminal(q, ["review", "--search", "money"])
        defer { review.terminate() }
        #expect(try review.waitForExit() == 0)
        let raw = String(decoding: review.raw, as: UTF8.self)
        #expect(raw.contains("\u{1B}[1m") && raw.contains("\u{1B}[1;33mmoney\u{1B}[0m"), "\(raw.debugDescription)")
    }

    /// CSV and JSONL keep their bytes for programs; printed to a terminal, a person reads them.
    @Test func dataFormatsPrintedToATerminalShowStoredCodesVisibly() throws {
        let q = try hostileDeal()
        for arguments in [["review", "--format", "csv"], ["export", "opportunities"], ["export", "all"]] {
            let terminal = try atColourTerminal(q, arguments)
            defer { terminal.terminate() }
            #expect(try terminal.waitForExit() == 0, "\(arguments): \(terminal.output)")
            #expect(!terminal.raw.contains(0x1B), "\(arguments) sent a raw escape to the terminal")
        }
        let piped = try q.run(["review", "--format", "csv"])
        #expect(piped.stdout.contains("We are \(Self.red)losing"), "a pipe still gets the bytes")
    }

    @Test func theInterviewShowsStoredCodesVisiblyInItsSummaryLetterAndProbes() throws {
        let q = try hostileDeal()
        let terminal = try atColourTerminal(q, ["interview", Self.name])
        defer { terminal.terminate() }
        try terminal.waitFor("complete> ")
        try terminal.converse([("/show\r", "complete> "), ("/letter\r", "complete> "), ("/opportunity\r", "complete> "),
                               ("/plan\r", "complete> "), ("/probe\r", "complete> ")])
        terminal.send("\u{4}")
        #expect(try terminal.waitForExit() == 0)
        expectShown(terminal, "the interview")
        #expect(String(decoding: terminal.raw, as: UTF8.self).contains("\u{1B}[1m"), "qualify's own bold is gone")
    }
}

/// "Trojan Source": a quote that holds a direction override is stored as typed, shown as its code.
@Suite struct DirectionOverrideEndToEndTests {
    static let name = "Acme - Forecasting"
    static let reversed = "We accept \u{202E}ytilibail on\u{202C} today"
    static let shown = "We accept \\u{202E}ytilibail on\\u{202C} today"

    func deal() throws -> QualifyBinary {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        var lines = WorkedExample.lines
        lines[1] = Self.reversed  // the pain, as pasted from a buyer's e-mail
        #expect(try q.run(["interview", Self.name], lines: lines).status == 0)
        return q
    }

    @Test func anOverrideInAnAnswerIsStoredByteForByteAndShownInTextAndHTML() throws {
        let q = try deal()
        #expect(try statements(in: q.databasePath).contains { $0.field == "pain" && Data($0.text.utf8) == Data(Self.reversed.utf8) })
        for arguments in [["review"], ["review", "--format", "markdown"], ["review", "--format", "html"],
                          ["letter", Self.name], ["letter", Self.name, "--format", "html"]] {
            let result = try q.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains("\u{202E}") && result.stdout.contains(Self.shown), "\(arguments): \(result.stdout)")
        }
        #expect(try q.run(["review", "--format", "json"]).stdout.contains(Self.reversed), "JSON keeps the characters")
        #expect(try q.run(["review", "--format", "csv"]).stdout.contains(Self.reversed), "CSV keeps the bytes")
    }

    /// Real right-to-left words are text: kept raw everywhere, and isolated in HTML so
    /// they neither turn the sentence around them nor are turned by it.
    @Test func hebrewWordsStayRawAndAreIsolatedInHTML() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let hebrew = "לא נוכל לסגור את הרבעון (Q4) \u{200F}"
        var lines = WorkedExample.lines
        lines[1] = hebrew
        #expect(try q.run(["interview", Self.name], lines: lines).status == 0)
        #expect(try q.run(["review", "--field", "pain"]).stdout.contains(hebrew))
        #expect(try q.run(["letter", Self.name]).stdout.contains(hebrew))
        let letter = try q.run(["letter", Self.name, "--format", "html"]).stdout
        #expect(letter.contains("<span class=\"quote\">“<bdi>\(hebrew)</bdi>”</span>"), "\(letter)")
        let review = try q.run(["review", "--field", "pain", "--format", "html"]).stdout
        #expect(review.contains("<blockquote dir=\"auto\">\(hebrew)</blockquote>"), "\(review)")
    }

    /// A paste is echoed the way qualify shows stored words, and stored as pasted.
    @Test func aPastedOverrideIsEchoedAsItsCodeAndStoredAsPasted() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["interview", Self.name],
                                          environment: q.environment.merging(["TERM": "xterm"]) { $1 })
        defer { terminal.terminate() }
        try terminal.waitFor("problem> ")
        terminal.send("\u{1B}[200~\(Self.reversed)\u{1B}[201~\r")
        let echoed = try terminal.waitFor("pain> ")
        #expect(echoed.contains(Self.shown), "\(echoed)")
        #expect(!String(decoding: terminal.raw, as: UTF8.self).unicodeScalars.contains("\u{202E}"), "the echo sent the override raw")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map { Data($0.text.utf8) } == [Data(Self.reversed.utf8)])
    }

    /// The letter as printed (override shown) and as stored (override kept) both check out as the buyer's words.
    @Test func aLetterSavedFromQualifyStillChecksOutAgainstTheStoredWords() throws {
        let q = try deal()
        let file = q.home.appendingPathComponent("letter.txt").path
        #expect(try q.run(["letter", Self.name, "--output", file]).status == 0)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains(Self.shown))
        let checked = try q.run(["letter", "check", Self.name, "--file", file])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("byte for byte"))
        let stored = try q.run(["letter", "check", Self.name])
        #expect(stored.status == 0, "\(stored.stdout)\(stored.stderr)")
        // A changed word inside the shown override is still caught.
        try saved.replacingOccurrences(of: "ytilibail", with: "ytilibaiL").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try q.run(["letter", "check", Self.name, "--file", file]).status == 1)
    }
}
