import Foundation
import Testing

/// A script re-run after a failure would resume at the first unanswered
/// question and file every answer one question late: on a deal that already
/// has answers a script is refused before anything is filed, unless the rep
/// says --resume, and a refused line says where the next run starts.
@Suite struct ScriptResumeTests {
    static let deal = "Acme - Forecasting"

    /// The deal of these tests with its Problem alone stored: the next answer is Pain's.
    private func dealWithProblemStored() throws -> QualifyBinary {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: ["We lose share"]).status == 0)
        return q
    }
    static let wholeInterview = ["We lose share", "I can't sleep", "reason 1", "", "impact", "", "cap 1", "cap 2", "cap 3"]

    @Test func theSameInputFedAgainIsRefusedAndWithResumeTheRestLandsInItsPlace() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        var broken = Self.wholeInterview
        broken[1] = "I can't sleep\u{1}"
        let failed = try q.run(["interview", Self.deal], lines: broken)
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("Everything before this line is saved. The next run starts at Pain: feed it this input from line 2 on, with --resume.\n"), "\(failed.stderr)")

        // The whole input again, fixed: its first line would land in Pain.
        let again = try q.run(["interview", Self.deal], lines: Self.wholeInterview)
        #expect(again.status == 1)
        #expect(again.stderr == "qualify: Problem is already stored, so this input's first answer would be filed as Pain; nothing was filed. Remove the lines that answer Problem and run again with --resume to file the rest from Pain on.\n")
        #expect(again.stdout.isEmpty)
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share"])

        let resumed = try q.run(["interview", Self.deal, "--resume"], lines: Array(Self.wholeInterview.dropFirst()))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.hasPrefix("note: Problem is captured; this input's first answer, line 1, answers Pain.\n"), "\(resumed.stderr)")
        let show = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(show.contains("Pain: \u{201C}I can't sleep\u{201D}"), "\(show)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep", "reason 1", "impact", "cap 1", "cap 2", "cap 3"])
    }

    /// Commands change the record too: a refused script runs none of them.
    @Test func aRefusedScriptRunsNoneOfItsCommands() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep"]).status == 0)
        let refused = try q.run(["interview", Self.deal], lines: ["/set amount 5000", "/plan Pilot --who us --due 2027-02-01", "reason 1"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: Problem and Pain are already stored, so this input's first answer would be filed as Reasons; nothing was filed. Remove the lines that answer Problem and Pain and run again with --resume to file the rest from Reasons on.\n")
        let show = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(!show.contains("5,000") && !show.contains("5000"), "\(show)")
        #expect(try q.run(["plan", "list", Self.deal]).stdout.contains("No evaluation plan"))
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    /// Reasons has an item, so the next run starts at Impacts, not at the
    /// refused reason: feeding the same line again would misfile it.
    @Test func aLineRefusedInsideAListSaysTheNextRunStartsAtTheNextField() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let failed = try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep", "reason 1", "reason\u{7} 2"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("The next run starts at Impacts, not at this line's question: run it with --resume on input whose first line answers Impacts.\n"), "\(failed.stderr)")
        let again = try q.run(["interview", Self.deal, "--resume"], lines: ["/show", "impact"])
        #expect(again.status == 0, "\(again.stderr)")
        // The note names the first answer line, not the command before it.
        #expect(again.stderr.hasPrefix("note: Problem, Pain and Reasons are captured; this input's first answer, line 2, answers Impacts.\n"), "\(again.stderr)")
        #expect(try statements(in: q.databasePath).last.map { [$0.field, $0.text] } == ["impacts", "impact"])
    }

    /// Nothing stored: the same input, its bad line fixed, replays the same way.
    @Test func aScriptRefusedBeforeAnyAnswerRunsAgainWithoutResume() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let failed = try q.run(["interview", Self.deal], lines: ["/show", "We lose\u{1B} share"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("Everything before this line is saved. Nothing is stored yet: fix line 2 and run the same input again.\n"), "\(failed.stderr)")
        let again = try q.run(["interview", Self.deal], lines: ["/show"] + Self.wholeInterview)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text).first == "We lose share")
    }

    /// Every field answered: an answer line is refused by itself, so commands need no --resume.
    @Test func aCompleteDealTakesCommandsWithoutResume() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: Self.wholeInterview).status == 0)
        let letter = try q.run(["interview", Self.deal], lines: ["/letter"])
        #expect(letter.status == 0, "\(letter.stderr)")
        #expect(letter.stderr == "note: Every field is captured; this input's lines can only be commands (/edit FIELD changes an answer).\n")
        #expect(letter.stdout.contains("I can't sleep"))
    }

    /// The home prompt fed by a script: `interview NAME --resume` as on the command line.
    @Test func theAssistantsInterviewLineTakesResumeToo() throws {
        let q = try dealWithProblemStored()
        let refused = try q.run([], lines: ["/open \(Self.deal)", "I can't sleep"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("qualify: Problem is already stored"), "\(refused.stderr)")
        let resumed = try q.run([], lines: ["interview \"\(Self.deal)\" --resume", "I can't sleep"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    /// The home prompt's `interview` line is parsed as the command's: the flag before the
    /// name works, and a mistyped flag stops the script instead of passing for no flag.
    @Test func theAssistantsInterviewLineIsParsedAsTheCommand() throws {
        let q = try dealWithProblemStored()
        let mistyped = try q.run([], lines: ["interview \"\(Self.deal)\" --resum", "I can't sleep"])
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.contains("--resum") && mistyped.stderr.contains("help interview shows how to write it."), "\(mistyped.stderr)")
        let resumed = try q.run([], lines: ["interview --resume \"\(Self.deal)\"", "I can't sleep"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    /// Lines are the script's own, counted from its start: "from line 4 on" must not refile line 3.
    @Test func theAssistantsInterviewNumbersTheScriptsLinesFromItsStart() throws {
        let q = try dealWithProblemStored()
        let run = try q.run([], lines: ["interview \"\(Self.deal)\" --resume", "/show", "I can't sleep", "/bogus"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("this input's first answer, line 3, answers Pain."), "\(run.stderr)")
        #expect(run.stderr.contains("line 4: "), "\(run.stderr)")
        #expect(run.stderr.contains("feed it this input from line 4 on, with --resume."), "\(run.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    @Test func theTeamsWordsForTheNextRunComeFromItsInterviewScript() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("team-prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let builtIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Prompts/interview.yaml")
        let original = try String(contentsOf: builtIn, encoding: .utf8)
        let script = original
            .replacingOccurrences(of: "  nextRunFrom: \"The next run starts at {title}: feed it this input from line {line} on, with --resume.\"",
                                  with: "  nextRunFrom: \"Resume at {title} with line {line}.\"")
            .replacingOccurrences(of: "  resumingOne: \"{fields} is captured; this input's first answer, line {line}, answers {title}.\"", with: "  resumingOne: \"Have {fields}; next {title}.\"")
            .replacingOccurrences(of: "  resumeRefusedOne: \"{fields} is already stored, so this input's first answer would be filed as {title}; nothing was filed. Remove the lines that answer {fields} and run again with --resume to file the rest from {title} on.\"",
                                  with: "  resumeRefusedOne: \"Have {fields}; say --resume for {title}.\"")
        #expect(script.count < original.count - 200, "every replaced line was found")
        try script.write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)
        let failed = try q.run(["interview", Self.deal, "--prompts", folder.path], lines: ["We lose share", "\u{1}"])
        #expect(failed.stderr.hasSuffix("saved. Resume at Pain with line 2.\n"), "\(failed.stderr)")
        let refused = try q.run(["interview", Self.deal, "--prompts", folder.path], lines: ["I can't sleep"])
        #expect(refused.stderr == "qualify: Have Problem; say --resume for Pain.\n", "\(refused.stderr)")
        let again = try q.run(["interview", Self.deal, "--prompts", folder.path, "--resume"], lines: ["I can't sleep"])
        #expect(again.stderr.hasPrefix("note: Have Problem; next Pain.\n"), "\(again.stderr)")
    }

    /// Only commands, or nothing at all, file no answer: such input runs on a
    /// partly answered deal without --resume; an answer after the commands is
    /// still refused, and none of the commands before it runs.
    @Test func aScriptOfOnlyCommandsRunsWithoutResume() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep"]).status == 0)
        let shown = try q.run(["interview", Self.deal], lines: ["/show"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Pain: \u{201C}I can't sleep\u{201D}"), "\(shown.stdout)")
        // What a run shows of the stored answers says what it is: no question stands above it.
        #expect(shown.stdout.hasPrefix("Stored now:\nProblem: \u{201C}We lose share\u{201D}\n"), "\(shown.stdout)")
        #expect(shown.stderr.isEmpty, "\(shown.stderr)")
        #expect(try q.run(["interview", Self.deal], input: Data()).status == 0)
        let edited = try q.run(["interview", Self.deal], lines: ["/edit pain", "/set amount 5000"])
        #expect(edited.status == 0, "\(edited.stderr)")
        let amount = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(amount.contains("5 000") || amount.contains("5,000"), "\(amount)")
        let refused = try q.run(["interview", Self.deal], lines: ["/show", "/set amount 7000", "reason 1"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.hasPrefix("qualify: Problem and Pain are already stored, so this input's first answer would be filed as Reasons"), "\(refused.stderr)")
        let unchanged = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(!unchanged.contains("7 000") && !unchanged.contains("7,000"), "\(unchanged)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    /// An answer after `/edit pain` goes to Pain, however often the script is fed:
    /// it runs without --resume, and the note names Pain, not the first gap.
    @Test func anAnswerAfterAnEditRunsWithoutResumeAndGoesToTheEditedField() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep"]).status == 0)
        let edited = try q.run(["interview", Self.deal], lines: ["/edit pain", "I can't sleep at night"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.hasPrefix("note: Problem and Pain are captured; this input's first answer, line 2, answers Pain.\n"), "\(edited.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep", "I can't sleep at night"])
        let show = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(show.contains("Pain: \u{201C}I can't sleep at night\u{201D}"), "\(show)")
        // Stepping with /back names no field: still refused, naming where the answer would go.
        let stepped = try q.run(["interview", Self.deal], lines: ["/back", "We lose share fast"])
        #expect(stepped.status == 1)
        #expect(stepped.stderr.hasPrefix("qualify: Problem and Pain are already stored, so this input's first answer would be filed as Pain;"), "\(stepped.stderr)")
    }

    /// A deal with two gaps (Pain skipped, Impacts closed empty): a resumed script's
    /// line after Pain goes to Impacts, the next gap, not to Reasons as a second reason.
    @Test func aResumedScriptGoesFromGapToGapPastTheAnsweredFields() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: ["We lose share", "/skip", "reason 1", "", "", "cap 1", "cap 2", "cap 3"]).status == 0)
        let resumed = try q.run(["interview", Self.deal, "--resume"], lines: ["I can't sleep", "The CFO waits", ""])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let stored = try statements(in: q.databasePath)
        #expect(stored.filter { $0.field == "reasons" }.map(\.text) == ["reason 1"])
        #expect(stored.filter { $0.field == "pain" }.map(\.text) == ["I can't sleep"])
        #expect(stored.filter { $0.field == "impacts" }.map(\.text) == ["The CFO waits"])
        // Every field answered: the interview ends as one run in order does, with the summary.
        #expect(resumed.stdout.contains("Summary"), "\(resumed.stdout)")
    }

    /// A mistyped command before the first answer is refused by its line, nothing filed,
    /// not taken for an answer the script would file one question late.
    @Test func aMistypedCommandIsRefusedByItsLineNotAsAResumedScript() throws {
        let q = try dealWithProblemStored()
        for typo in ["/edti pain", "/edit pian"] {
            let run = try q.run(["interview", Self.deal], lines: [typo, "I hurt"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("line 1: ") && !run.stderr.contains("already stored"), "\(run.stderr)")
        }
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share"])
    }

    /// On a deal with every field answered, the note names the field an `/edit` files to.
    @Test func anEditOnACompleteDealNamesItsField() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", Self.deal], lines: Self.wholeInterview).status == 0)
        let edited = try q.run(["interview", Self.deal], lines: ["/edit pain", "I can't sleep at night"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.hasPrefix("note: Problem, Pain, Reasons, Impacts and Capabilities are captured; this input's first answer, line 2, answers Pain.\n"), "\(edited.stderr)")
        let shown = try q.run(["interview", Self.deal], lines: ["/show"])
        #expect(shown.stderr.hasPrefix("note: Every field is captured"), "\(shown.stderr)")
    }

    /// The refusal at the home prompt says --resume: `/open NAME --resume` takes it too.
    @Test func theAssistantsOpenTakesResume() throws {
        let q = try dealWithProblemStored()
        let resumed = try q.run([], lines: ["/open \(Self.deal) --resume", "I can't sleep"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep"])
    }

    /// The rest of the line is the name as typed (Tab completes it so): an apostrophe is no quote to close.
    @Test func theAssistantsOpenTakesANameWithAnApostrophe() throws {
        let q = try QualifyBinary()
        let name = "O'Brien & Söhne - Pilot"
        #expect(try q.run(["account", "add", "O'Brien & Söhne"]).status == 0)
        #expect(try q.run(["opportunity", "add", name, "--account", "O'Brien & Söhne"]).status == 0)
        let typed = try q.run([], lines: ["/open \(name) ", "Their fleet sits idle"])
        #expect(typed.status == 0, "\(typed.stderr)")
        let quoted = try q.run([], lines: ["/open \"\(name)\" --resume", "I can't face the board"])
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["Their fleet sits idle", "I can't face the board"])
    }
}
