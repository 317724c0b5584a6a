import Foundation
import GRDB
import Testing

/// Every version of a letter is kept with who and when; every quote is traced
/// to the statement version it reproduces, and `letter check` catches a quote
/// that is not the buyer's stored words.
@Suite struct LetterVersionTests {
    let name = "Acme - Forecasting"
    static let multiLine = "First line with “marks”\n  second & <last>"

    func prepared() throws -> QualifyBinary {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: name)
        #expect(try q.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["opportunity", "set", name, "sponsor", "Mojca Žagar"]).status == 0)
        let interview = try q.run(["interview", name], lines: [
            "We lose share", "\"Prekoračili smo\" & nihče ni opazil 😬", "Nobody owns the data", "\"\"\""]
            + Self.multiLine.components(separatedBy: "\n") + ["\"\"\"", "", "The CFO waits", "", "One click forecast", ""])
        #expect(interview.status == 0, "\(interview.stderr)")
        return q
    }

    /// An $EDITOR that runs `sed` with `expression` on the file it is given.
    func editor(_ q: QualifyBinary, _ expression: String) throws -> [String: String] {
        let script = q.home.appendingPathComponent("editor-\(UUID().uuidString).sh")
        try "#!/bin/sh\nsed -i '\(expression)' \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        return ["EDITOR": script.path]
    }

    func rows(_ q: QualifyBinary, _ sql: String) throws -> [Row] {
        try DatabaseQueue(path: q.databasePath).read { try Row.fetchAll($0, sql: sql) }
    }

    @Test func anUntouchedLetterPassesAndEachQuoteIsTracedToItsStatement() throws {
        let q = try prepared()
        let check = try q.run(["letter", "check", name])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("All 5 quotes are the buyer's stored words, byte for byte."))
        #expect(check.stdout.contains("Reason 2, captured by Rep O'Neil on "))
        // The stored version records, per quote, the statement it came from.
        let traced = try rows(q, """
            SELECT q.line, s.field, s.position, s.text FROM letterQuote q JOIN statement s ON s.id = q.statementId ORDER BY q.line
            """)
        #expect(traced.map { $0["field"] as String } == ["pain", "reasons", "reasons", "impacts", "capabilities"])
        #expect(traced[2]["text"] as String == Self.multiLine)
    }

    @Test func anEditIsANewVersionAndAChangedWordFailsNamingTheLineAndTheClosestStatement() throws {
        let q = try prepared()
        let edit = try q.run(["letter", "edit", name], extraEnvironment: try editor(q, "s/Nobody owns/Nobody really owns/; s/^Thank you/Many thanks/"))
        #expect(edit.status == 1)
        #expect(edit.stdout.contains("Saved version 2 of the sponsor letter, edited by Rep O'Neil."))
        #expect(edit.stderr.contains("line 12: «Nobody really owns the data» is not what the buyer said in \"\(name)\"; closest stored statement: Reason 1"))
        #expect(edit.stderr.contains("«Nobody owns the data»"))
        let versions = try rows(q, "SELECT origin, draftedBy, body FROM letter ORDER BY id")
        #expect(versions.map { $0["origin"] as String } == ["drafted", "edited"])
        #expect((versions[1]["body"] as String).contains("Many thanks for your time"))
        // The edit is now the current letter, and check fails on it too.
        let current = try q.run(["letter", name])
        #expect(current.stdout.contains("Many thanks") && current.stderr.contains("this is the version you edited"))
        let check = try q.run(["letter", "check", name])
        #expect(check.status == 1 && check.stderr.contains("1 of 5 quotes are not the buyer's stored words"))
        // --redraft goes back to the buyer's words as a third version.
        #expect(try q.run(["letter", name, "--redraft"]).stdout.contains("“Nobody owns the data”"))
        #expect(try q.run(["letter", "check", name]).status == 0)
        #expect(try rows(q, "SELECT id FROM letter").count == 3)
    }

    @Test func anAddedQuoteAndAQuoteFromAnotherOpportunityFail() throws {
        let q = try prepared()
        let added = try q.run(["letter", "edit", name], extraEnvironment: try editor(q, "s/^Best regards,/You also said: “We will sign this week”.\\n\\nBest regards,/"))
        #expect(added.status == 1)
        #expect(added.stderr.contains("«We will sign this week» is not what the buyer said"))

        // Another deal's words pasted into this deal's letter, checked as a file.
        #expect(try q.run(["opportunity", "add", "Other deal", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["interview", "Other deal"], lines: ["x", "Our board is blind", "", "", ""]).status != 64)
        let letter = try q.run(["letter", name, "--redraft"]).stdout
        let moved = letter.replacingOccurrences(of: "  1. “The CFO waits”", with: "  1. “Our board is blind”")
        let file = q.home.appendingPathComponent("moved.txt")
        try moved.write(to: file, atomically: true, encoding: .utf8)
        let check = try q.run(["letter", "check", "--file", file.path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("«Our board is blind» is not what the buyer said in \"\(name)\"; it is what a buyer said in \"Other deal\"; closest stored statement: "),
                "\(check.stderr)")
        // The same file untouched passes, the opportunity found from its Subject line.
        try letter.write(to: file, atomically: true, encoding: .utf8)
        #expect(try q.run(["letter", "check", "--file", file.path]).status == 0)
    }

    @Test func aMarkdownLetterIsCheckedThroughItsEscapes() throws {
        let q = try prepared()
        let file = q.home.appendingPathComponent("letter.md")
        #expect(try q.run(["letter", name, "--format", "markdown", "-o", file.path]).status == 0)
        let check = try q.run(["letter", "check", "--file", file.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("All 5 quotes"))
        let altered = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "second \\& \\<last\\>", with: "second \\& \\<first\\>")
        try altered.write(to: file, atomically: true, encoding: .utf8)
        let failed = try q.run(["letter", "check", name, "--file", file.path])
        #expect(failed.status == 1 && failed.stderr.contains("second & <first>"))
    }

    @Test func anUnchangedOrFailedEditStoresNothing() throws {
        let q = try prepared()
        let unchanged = try q.run(["letter", "edit", name], extraEnvironment: ["EDITOR": "true"])
        #expect(unchanged.status == 0 && unchanged.stdout.contains("No change"))
        let failed = try q.run(["letter", "edit", name], extraEnvironment: ["EDITOR": "false"])
        #expect(failed.status == 1 && failed.stderr.contains("exited with status 1; nothing was saved"))
        // VISUAL wins over EDITOR.
        let visual = try q.run(["letter", "edit", name], extraEnvironment: try editor(q, "s/Best regards/Kind regards/").merging(["VISUAL": "true"]) { $1 })
        #expect(visual.stdout.contains("No change"))
        #expect(try rows(q, "SELECT id FROM letter").count == 1)
    }

    @Test func anEmptiedLetterIsRefusedAndTheCurrentOneStays() throws {
        let q = try prepared()
        let before = try q.run(["letter", name]).stdout
        #expect(!before.isEmpty)
        for emptying in [": > \"$1\"", "printf ' \\n\\t\\n' > \"$1\""] {
            let script = q.home.appendingPathComponent("empty-\(UUID().uuidString).sh")
            try "#!/bin/sh\n\(emptying)\n".write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
            let emptied = try q.run(["letter", "edit", name], extraEnvironment: ["EDITOR": script.path])
            #expect(emptied.status == 1)
            #expect(emptied.stdout.isEmpty)
            #expect(emptied.stderr == "qualify: the edited letter is empty; nothing was saved and the current letter stays as it was.\n")
        }
        #expect(try rows(q, "SELECT id FROM letter").count == 1)
        #expect(try q.run(["letter", name]).stdout == before)
    }

    /// Looking at the power-sponsor letter before there is a power sponsor drafts a
    /// version with a gap for the name: it cannot be marked sent.
    @Test func aLetterWithAGapCannotBeMarkedSent() throws {
        let q = try prepared()
        #expect(try q.run(["letter", name, "--to", "power-sponsor"]).stdout.contains("[GAP: no power sponsor yet"))
        let marked = try q.run(["letter", "mark", name, "sent", "--to", "power-sponsor"])
        #expect(marked.status == 1)
        #expect(marked.stderr.contains("of the power-sponsor letter still has a gap on line "), "\(marked.stderr)")
        #expect(try rows(q, "SELECT id FROM letterMark").isEmpty)
        // Without --to, the letter `letter NAME` shows (the sponsor's: no power sponsor yet), not the newest version.
        #expect(try q.run(["letter", "mark", name, "sent"]).stdout.contains("Marked version 1 of the sponsor letter sent."))
    }

    /// A deal without a sponsor drafts a letter with a gap for the name: home does not send the rep
    /// to mark it sent, which letter mark refuses.
    @Test func homeDoesNotAskToMarkSentALetterWithAGap() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Globex - Pilot")
        let interview = try q.run(["interview", "Globex - Pilot"], lines: ["We lose share", "I can't sleep", "r", "", "i", "", "c", ""])
        #expect(interview.status == 0, "\(interview.stderr)")
        #expect(try q.run(["letter", "Globex - Pilot"]).stdout.contains("[GAP:"))
        #expect(try q.run(["letter", "mark", "Globex - Pilot", "sent"]).status == 1)
        let home = try q.run(["home"]).stdout
        #expect(!home.contains("letter drafted, not sent"), "\(home)")
    }

    /// `letter check` without --to checks the letter `letter NAME` shows, as `letter mark` marks it:
    /// a power-sponsor letter drafted for a look is not the one the rep is about to send.
    @Test func checkWithoutToChecksTheLetterThatLetterNameShows() throws {
        let q = try prepared()
        #expect(try q.run(["letter", name]).status == 0)
        _ = try q.run(["letter", "edit", name, "--to", "power-sponsor"], extraEnvironment: try editor(q, "s/The CFO waits/The CFO waited/"))
        #expect(try q.run(["letter", "check", name, "--to", "power-sponsor"]).status == 1)
        let check = try q.run(["letter", "check", name])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("Checking version 1 of the sponsor letter.\n"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("quotes are the buyer's stored words, byte for byte.\n"))
    }

    /// Sent is recorded as it happened; a quote edited away from the buyer's words went out
    /// with it, and the rep is told which, on standard error.
    @Test func markingSentALetterWithAnAlteredQuoteRecordsItAndNamesTheQuote() throws {
        let q = try prepared()
        #expect(try q.run(["letter", name]).status == 0)
        // A letter whose quotes are all the buyer's is marked without a word more.
        let untouched = try q.run(["letter", "mark", name, "sent"])
        #expect(untouched.status == 0 && untouched.stderr.isEmpty, "\(untouched.stderr)")
        // The edit is saved, and its check fails it (exit 1), as ever.
        #expect(try q.run(["letter", "edit", name], extraEnvironment: try editor(q, "s/The CFO waits/The CFO waited/")).status == 1)
        let marked = try q.run(["letter", "mark", name, "sent"])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.contains("Marked version 2 of the sponsor letter sent."), "\(marked.stdout)")
        #expect(marked.stderr.contains("version 2 quotes 1 passage that is not the buyer's stored words (line ") && marked.stderr.contains("The CFO waited")
                && marked.stderr.contains("qualify letter check \"\(name)\" names each."), "\(marked.stderr)")
        #expect(try rows(q, "SELECT status FROM letterMark").map { $0["status"] as String } == ["sent", "sent"])
    }

    @Test func versionsListWhoWhenAndStatusAndHomeListsTheUnsent() throws {
        let q = try prepared()
        let home = try q.run(["home"])
        #expect(home.stdout.contains("letter drafted, not sent"))
        #expect(try q.run(["letter", "edit", name], extraEnvironment: try editor(q, "s/Best regards/Kind regards/")).status == 0)
        #expect(try q.run(["letter", "mark", name, "sent"]).stdout.contains("Marked version 2 of the sponsor letter sent."))
        let twice = try q.run(["letter", "mark", name, "sent"])
        #expect(twice.status == 1 && twice.stderr.contains("already marked sent by Rep O'Neil"))
        #expect(try q.run(["letter", "mark", name, "confirmed"]).status == 0)
        let bad = try q.run(["letter", "mark", name, "lost"])
        #expect(bad.status == 64)
        let list = try q.run(["letter", "list", name]).stdout.split(separator: "\n").map(String.init)
        #expect(list[0].hasPrefix("#  Letter   Origin   By"))
        #expect(list[1].hasPrefix("1  sponsor  drafted  Rep O'Neil") && list[1].hasSuffix("draft"))
        #expect(list[2].hasPrefix("2  sponsor  edited   Rep O'Neil") && list[2].contains("sent ") && list[2].contains("; confirmed "))
        #expect(try rows(q, "SELECT status FROM letterMark ORDER BY id").map { $0["status"] as String } == ["sent", "confirmed"])
        #expect(!(try q.run(["home"]).stdout.contains("letter drafted, not sent")))
    }
}
