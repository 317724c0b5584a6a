import Foundation
import GRDB
import Testing

/// The manager's commands, run as the built binary on a database filled by
/// a real piped interview.
@Suite struct ReviewEndToEndTests {
    func interviewed() throws -> QualifyBinary {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let interview = try q.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines)
        #expect(interview.status == 0, "\(interview.stderr)")
        return q
    }

    func sql(_ q: QualifyBinary, _ statements: String) throws {
        let db = try DatabaseQueue(path: q.databasePath)
        try db.write { try $0.execute(sql: statements) }
    }

    @Test func pipedReviewIsAPlainTableOfTheExactWords() throws {
        let q = try interviewed()
        let review = try q.run(["review"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(!review.stdout.contains("\u{1B}["))
        for quote in [WorkedExample.problem, WorkedExample.pain] + WorkedExample.capabilities {
            #expect(review.stdout.contains(quote), "table lacks \(quote)")
        }
        #expect(review.stdout.hasPrefix("When") && review.stdout.contains("Rep O'Neil"))
        #expect(review.stdout.hasSuffix("10 statements, newest first\n"))
    }

    @Test func searchFoldsAccentsAndBadSyntaxIsOneLine() throws {
        let q = try interviewed()
        let found = try q.run(["review", "--search", "sef furi", "--format", "jsonl"])
        #expect(found.status == 0, "\(found.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == WorkedExample.pain && object["field"] as? String == "pain")

        let bad = try q.run(["review", "--match", "\"unclosed"])
        #expect(bad.status == 1 && noCrash(bad))
        #expect(bad.stderr.hasPrefix("qualify: --match “\"unclosed” is not a valid FTS5 query") && bad.stderr.split(separator: "\n").count == 1)
        // Plain words are never syntax: `c++` and a stray quote just search.
        for words in ["c++", "\"unclosed"] {
            let plain = try q.run(["review", "--search", words])
            #expect(plain.status == 0 && plain.stderr.isEmpty, "\(words): \(plain.stderr)")
        }
    }

    @Test func badNamesAndDatesAreOneLineErrors() throws {
        let q = try interviewed()
        for (arguments, expected) in [(["--stage", "Nope"], "no sales stage called \"Nope\""),
                                      (["--account", "Acme"], "Did you mean \"Acme Corp\""),
                                      (["--rep", "Rep ONeil"], "Did you mean \"Rep O'Neil\""),
                                      (["--since", "2026-13-01"], "YYYY-MM-DD")] {
            let result = try q.run(["review"] + arguments)
            #expect(result.status == 1 && noCrash(result), "\(arguments)")
            #expect(result.stderr.hasPrefix("qualify: ") && result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let usage = try q.run(["review", "--field", "budget"])
        #expect(usage.status == 64 && usage.stderr.contains("not a field"))
    }

    @Test func jsonAndHTMLFilesKeepTheWordsAndStayPrivate() throws {
        let q = try interviewed()
        let json = try q.run(["review", "--field", "impacts", "--field", "pain", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect(Set(objects.compactMap { $0["text"] as? String }) == Set([WorkedExample.pain] + WorkedExample.impacts))

        let path = q.home.appendingPathComponent("pains.html").path
        let html = try q.run(["review", "--format", "html", "--output", path])
        #expect(html.status == 0 && html.stdout.isEmpty, "\(html.stderr)")
        #expect(html.stderr == "note: wrote \(path)\n", "the rep is told where the report went")
        let everything = q.home.appendingPathComponent("rep.jsonl").path
        #expect(try q.run(["export", "all", "-o", everything]).stderr == "note: wrote \(everything)\n")
        let report = try String(contentsOfFile: path, encoding: .utf8)
        #expect(report.contains("&lt;faster&gt; rivals &amp; it&#39;s getting worse"))
        #expect(report.contains("<h2>Acme - Forecasting</h2>") && !report.contains("<script"))
        let mode = try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
    }

    @Test func gapsStatsAndHomeDescribeThePipeline() throws {
        let q = try interviewed()
        #expect(try q.run(["opportunity", "add", "Globex - CRM", "--account", "Acme Corp"]).status == 0)
        let gaps = try q.run(["review", "gaps"])
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let lines = gaps.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("Globex - CRM"))
        #expect(lines[1] == "  missing: no pain admitted; no problem either; 0 of 3 capabilities; no reasons; no impacts; no sponsor letter drafted yet")
        // The interview drafted Acme's letter: nothing is missing there.
        #expect(lines.count == 3 && lines[2] == "1 open opportunity to coach, worst first")

        let gapsJSON = try q.run(["review", "gaps", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: gapsJSON.stdoutData) as? [[String: Any]])
        #expect(entries.map { $0["opportunity"] as? String } == ["Globex - CRM"])
        #expect((entries.first?["gaps"] as? [String])?.first == "noPain")

        let stats = try q.run(["stats", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: stats.stdoutData) as? [String: Any])
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["opportunities"] as? Int == 2 && total["painShare"] as? Double == 0.5)
        #expect(total["averageCapabilities"] as? Double == 1.5 && total["letterShare"] as? Double == 0.5)

        let soon = ISO8601DateFormatter.string(from: Date().addingTimeInterval(5 * 86_400), timeZone: .current,
                                               formatOptions: [.withFullDate])
        try sql(q, "UPDATE opportunity SET amountHundredths = 12000000, closeDate = '\(soon)' WHERE name = 'Globex - CRM'")
        let home = try q.run(["home", "--minimum", "100000"])
        #expect(home.status == 0, "\(home.stderr)")
        #expect(home.stdout.contains("\(soon)  Globex - CRM") && home.stdout.contains("120 000 EUR"))
        #expect(home.stdout.contains("closes in 5 days"))
        #expect(!home.stdout.contains("Acme - Forecasting"))
        #expect(home.stdout.contains("1 of 2 opportunities has no amount"))
        // The threshold follows the amount rule, currency included: Globex is in EUR.
        let inDollars = try q.run(["home", "--minimum", "100 000 USD"])
        #expect(inDollars.status == 0 && inDollars.stdout.contains("Open deals at 100 000 USD or more"))
        #expect(!inDollars.stdout.contains("closes in 5 days"))
        let ambiguous = try q.run(["home", "--minimum", "1.200,50"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("--minimum: \"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?)"))
    }

    /// A name with an emoji takes one terminal column more than its
    /// characters: home's columns still start at the same place on every row.
    @Test func homeLinesUpItsColumnsByTerminalColumnsAroundAnEmoji() throws {
        let q = try QualifyBinary()
        for (account, opportunity) in [("Acme Corp", "Acme 😬 deal"), ("Globex Ltd", "Globex deal")] {
            #expect(try q.run(["account", "add", account]).status == 0)
            #expect(try q.run(["opportunity", "add", opportunity, "--account", account]).status == 0)
        }
        let soon = ISO8601DateFormatter.string(from: Date().addingTimeInterval(5 * 86_400), timeZone: .current,
                                               formatOptions: [.withFullDate])
        try sql(q, "UPDATE opportunity SET amountHundredths = 12000000, closeDate = '\(soon)'")
        let home = try q.run(["home", "--minimum", "100000"])
        #expect(home.status == 0, "\(home.stderr)")
        /// The terminal column where `text` starts on the line that holds it.
        func column(of text: String) throws -> Int {
            let line = try #require(home.stdout.split(separator: "\n").first { $0.contains(text) })
            let before = line[..<line.range(of: text)!.lowerBound]
            return before.unicodeScalars.reduce(0) { $0 + ($1.properties.isEmojiPresentation ? 2 : 1) }
        }
        #expect(try column(of: "Acme Corp") == column(of: "Globex Ltd"))
        #expect(try column(of: "Acme Corp") == column(of: "Account"))
        #expect(try column(of: "120 000 EUR") == column(of: "Amount"))
    }

    @Test func aLongReviewOnATerminalIsPagedAndQuittingEndsItQuietly() throws {
        let q = try interviewed()
        try sql(q, """
            WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt)
            SELECT randomblob(16), 1, 'reasons', i, 'Reason number ' || i, 'Ana', '2026-01-01 00:00:00.000' FROM n
            """)
        // The pseudo-terminal has 40 rows; 68 statements do not fit.
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["review"],
                                          environment: q.environment.merging(["TERM": "xterm"]) { $1 })
        defer { terminal.terminate() }
        let firstPage = try terminal.waitFor("Reason number 40")
        // less -S chops lines at the terminal's 120 columns instead of wrapping them.
        #expect(firstPage.contains("Pain          Rep O'Neil  I can't get the forecast to the board on tim>\n"))
        // less waits for the reader: the report is not over by itself.
        #expect(throws: PseudoTerminalError.self) { _ = try terminal.waitForExit(timeout: 1) }
        terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// `less -F` quits by itself on a short text, so exiting is no proof that
    /// no pager ran: a stand-in `less` on PATH records each start.
    @Test func aShortReviewOnATerminalIsPrintedWithoutAPager() throws {
        let q = try interviewed()
        let bin = q.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let started = q.home.appendingPathComponent("pager-started")
        let fakeLess = bin.appendingPathComponent("less")
        try "#!/bin/sh\necho started >> '\(started.path)'\nexec cat\n".write(to: fakeLess, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeLess.path)
        func review(lines: String) throws {
            var environment = q.environment.merging(["TERM": "xterm", "LINES": lines]) { $1 }
            environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["review", "--field", "pain"],
                                              environment: environment)
            defer { terminal.terminate() }
            try terminal.waitFor(WorkedExample.pain)
            #expect(try terminal.waitForExit() == 0)
        }

        try review(lines: "40")
        #expect(!FileManager.default.fileExists(atPath: started.path), "a short review started the pager")
        // The same review on a two-line screen goes through the stand-in: the check above can fail.
        try review(lines: "2")
        #expect(FileManager.default.fileExists(atPath: started.path))
    }
}
