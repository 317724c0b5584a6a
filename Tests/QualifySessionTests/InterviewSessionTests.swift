import Foundation
import LineEditor
import QualifyKit
import QualifyPrompts
import QualifySession
import QualifyStore
import Testing

/// The interview driver in-process: lines in, a temporary database and
/// what the rep sees out, without spawning the binary.
@Suite struct InterviewSessionTests {
    static let problem = "We're losing \"share\" to <faster> rivals & it's getting worse"
    static let pain = "My šef is furious 😬\tand so am I  "
    static let reasons = ["Numbers are spread over five spreadsheets", "Nobody owns the data"]
    static let impacts = ["The CFO gets numbers two weeks late"]
    static let capabilities = ["See the whole pipeline", "Forecast with one click", "Know which deals slip"]
    static var wholeInterview: [String] {
        [problem, pain] + reasons + [""] + impacts + [""] + capabilities
    }

    @Test func aScriptedInterviewStoresEveryWordAsTypedAndEndsWithSummaryAndLetter() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        try scratch.interview(TypedLines(Self.wholeInterview), output: ScriptInterviewOutput(console: screen.console, messages: .shipped))

        let stored = try scratch.answers
        #expect(stored[.problem] == [Self.problem])
        #expect(stored[.pain] == [Self.pain])
        #expect(stored[.reasons] == Self.reasons)
        #expect(stored[.impacts] == Self.impacts)
        #expect(stored[.capabilities] == Self.capabilities)
        // A script is not shown the questions, only the summary and the letter.
        let question = try PromptLibrary().interviewScript().script(for: .problem).question
        #expect(!screen.output.contains(question))
        #expect(screen.output.contains("Summary\n"))
        #expect(screen.output.contains("\u{201C}\(Self.pain)\u{201D}"))
        let letter = try scratch.database.letters(opportunityId: scratch.opportunity.id!)
        #expect(letter.count == 1)
        #expect(screen.output.contains(letter[0].body))
        #expect(letter[0].body.contains(Self.capabilities[2]))
    }

    /// What the driver says comes from interview.yaml too: a team's override
    /// rewords it as it rewords a question.
    @Test func theSessionsSentencesFollowAnOverrideFile() throws {
        let shipped = try PromptLibrary().file(PromptLibrary.interviewPath).text
        let reworded = shipped.replacingOccurrences(of: "  saved: \"Saved.\"", with: "  saved: \"Alles gespeichert.\"")
            .replacingOccurrences(of: "  storedNow: \"Stored now:\"", with: "  storedNow: \"Bisher:\"")
        #expect(reworded.contains("Bisher:") && reworded.contains("Alles gespeichert."))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try reworded.write(to: folder.appendingPathComponent(PromptLibrary.interviewPath), atomically: true, encoding: .utf8)
        let prompts = PromptLibrary(overrideDirectories: [folder])
        let screen = CapturedConsole()
        try ScratchOpportunity().interview(TypedLines([Self.problem, "/skip", "Nobody owns the data"]),
                                           output: TerminalInterviewOutput(console: screen.console, messages: try prompts.interviewScript().messages),
                                           prompts: prompts)
        #expect(screen.output.contains("Bisher:\n  1. \u{201C}Nobody owns the data\u{201D}"), "\(screen.output)")
        #expect(screen.output.hasSuffix("Alles gespeichert.\n"))
        #expect(!screen.output.contains("Stored now:") && !screen.output.contains("Saved."))
    }

    @Test func aRepAtATerminalSeesEachQuestionAndIsAskedAgainAfterAMistake() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        let script = try PromptLibrary().interviewScript()
        // /done only ends a list: on Problem it is refused, and the next line is still the problem.
        let lines = TypedLines(["/done", Self.problem])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: screen.console, messages: .shipped))

        #expect(try scratch.answers[.problem] == [Self.problem])
        #expect(try scratch.answers[.pain].isEmpty)
        let output = screen.output
        #expect(output.hasPrefix("Interview: Acme - Forecasting (Acme Corp)\n"))
        let problemAsked = output.components(separatedBy: "Problem: " + script.script(for: .problem).question).count - 1
        #expect(problemAsked == 2, "asked once, then again after the refusal")
        #expect(output.contains("/done ends a list."))
        #expect(output.contains("Pain: " + script.script(for: .pain).question))
        #expect(output.hasSuffix("Saved.\n"))
        #expect(lines.prompts == ["problem> ", "problem> ", "pain> "])
    }

    @Test func aScriptStopsAtItsFirstRefusedLineWithEverythingBeforeItSaved() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        let lines = TypedLines([Self.problem, Self.pain, "/bogus", "Never stored"])
        #expect {
            try scratch.interview(lines, output: ScriptInterviewOutput(console: screen.console, messages: .shipped))
        } throws: { error in
            let message = (error as? CommandFailure)?.description ?? ""
            return message.hasPrefix("line 3: ") && message.hasSuffix(" Everything before this line is saved. The next run starts at Reasons: feed it this input from line 3 on, with --resume.")
        }
        #expect(try scratch.answers[.problem] == [Self.problem])
        #expect(try scratch.answers[.pain] == [Self.pain])
        #expect(try scratch.answers[.reasons].isEmpty)
    }

    @Test func resumingShowsWhatTheStoreHoldsAndAsksTheFirstUnansweredQuestion() throws {
        let scratch = try ScratchOpportunity()
        try scratch.database.record(Self.problem, field: .problem, position: 1,
                                    opportunityId: scratch.opportunity.id!, capturedBy: "Earlier Rep")
        let screen = CapturedConsole()
        let lines = TypedLines(["/show"])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: screen.console, messages: .shipped))

        // Shown twice (on opening and for /show), each time as the store holds it.
        #expect(screen.output.components(separatedBy: "Problem: \u{201C}\(Self.problem)\u{201D}").count - 1 == 2)
        #expect(screen.output.components(separatedBy: "Pain: (not captured)").count - 1 == 2)
        #expect(lines.prompts == ["pain> ", "pain> "])
    }

    @Test func theInterviewsCompleterIsOfferedDuringItAndTheHomesIsGivenBack() throws {
        let scratch = try ScratchOpportunity()
        let lines = TypedLines([Self.problem])
        try scratch.interview(lines, output: ScriptInterviewOutput(console: CapturedConsole().console, messages: .shipped),
                              completer: { _ in ["/edit"] })
        #expect(lines.completionsDuringInterview == ["/edit"])
        #expect(lines.completer("") == ["home"])
    }

    @Test func coachingGoesToTheRepOnScreenAndToStderrForAScript() throws {
        let terminal = CapturedConsole(), script = CapturedConsole()
        // Fewer capabilities than the method's target: the coach speaks when the list is closed.
        let lines = [Self.problem, Self.pain] + Self.reasons + [""] + Self.impacts + [""] + ["See the whole pipeline", ""]
        try ScratchOpportunity().interview(TypedLines(lines), output: TerminalInterviewOutput(console: terminal.console, messages: .shipped))
        try ScratchOpportunity().interview(TypedLines(lines), output: ScriptInterviewOutput(console: script.console, messages: .shipped))
        let advice = try PromptLibrary().coach().rules.messages.fewCapabilities
        #expect(terminal.output.contains("Coach: " + advice))
        #expect(!script.output.contains(advice))
        #expect(script.error.contains("note: " + advice))
        // At the terminal every answer is judged with its words, and one question is suggested.
        #expect(terminal.output.contains("Coach: voice: verbatim (first person “My šef is”) · kind: unsure\n"))
        #expect(terminal.output.contains("Coach: voice: verbatim · who: yes (role, person or department “CFO”) · how much: yes (amount “two weeks”)\n"))
        #expect(terminal.output.contains("Ask next: What else stops you? (/probe for more)\n"))
        #expect(terminal.output.contains("Confirm: So what I hear is: “See the whole pipeline”. Is that right?"))
        #expect(!script.output.contains("Ask next:"))
    }
}

/// Control characters in what the rep types or pastes: refused, nothing stored, asked again.
@Suite struct ControlCharacterInterviewTests {
    @Test func aNulIsRefusedAtATerminalAndTheQuestionAskedAgain() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        let lines = TypedLines(["before\u{0}after", "before after"])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: screen.console, messages: .shipped))
        #expect(try scratch.answers[.problem] == ["before after"])
        #expect(screen.output.contains("column 7: U+0000 (NUL) is a control character; qualify stores text exactly and cannot keep it. Remove it and answer again."))
        #expect(lines.prompts == ["problem> ", "problem> ", "pain> "])
    }

    @Test func aScriptStopsAtTheLineWithTheControlCharacter() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        #expect {
            try scratch.interview(TypedLines(["The forecast is late", "title\u{1B}]0;pwned\u{7}"]),
                                  output: ScriptInterviewOutput(console: screen.console, messages: .shipped))
        } throws: {
            "\($0)" == "line 2: column 6: U+001B (ESC) is a control character; qualify stores text exactly and cannot keep it. Remove it and answer again. Everything before this line is saved. The next run starts at Pain: feed it this input from line 2 on, with --resume."
        }
        #expect(try scratch.answers[.problem] == ["The forecast is late"])
        #expect(try scratch.answers[.pain].isEmpty)
    }

    /// A paste of several lines is one answer; the message names the pasted line that holds the character.
    @Test func aPastedParagraphNamesTheLineOfTheCharacter() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        #expect {
            try scratch.interview(TypedLines(["one", "two\r\nthree\u{7}"]), output: ScriptInterviewOutput(console: screen.console, messages: .shipped))
        } throws: { "\($0)".hasPrefix("line 3: column 6: U+0007 (BEL)") }
    }
}

/// Questions, hints and help fold at spaces to the terminal's width; the buyer's words are never folded.
@Suite struct WrappingInterviewTests {
    @Test func proseWrapsAtWordBoundariesToTheTerminalsWidth() throws {
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole(columns: 40)
        let long = String(repeating: "word ", count: 20) + "end"
        try scratch.interview(TypedLines([long, "/back"]), output: TerminalInterviewOutput(console: screen.console, messages: .shipped))
        let lines = screen.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("Type the buyer's exact words. /help for"))
        #expect(lines.contains("hints and commands; Ctrl-D saves and"))
        #expect(lines.contains("quits."))
        // Only the stored answer may be wider than the terminal, shown whole as typed.
        #expect(lines.filter { String($0).terminalWidth > 40 } == ["  \u{201C}\(long)\u{201D}"])
        #expect(try scratch.answers[.problem] == [long])
    }
}

@Suite struct BrokenCoachTests {
    @Test func aBrokenCoachFileNeverKeepsTheRepFromTheCall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "persons: [".write(to: folder.appendingPathComponent("coach.yaml"), atomically: true, encoding: .utf8)
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        try scratch.interview(TypedLines(["Apparently their backlog doubled."]), output: TerminalInterviewOutput(console: screen.console, messages: .shipped),
                              prompts: PromptLibrary(overrideDirectories: [folder]))
        #expect(try scratch.answers[.problem] == ["Apparently their backlog doubled."])
        #expect(screen.output.contains("Coach: \(folder.path)/coach.yaml is not a valid prompt file"))
        #expect(screen.output.contains("The built-in coach is used until it is fixed."))
        #expect(screen.output.contains("Coach: voice: reported (hearsay “Apparently”)"))
    }
}

@Suite struct CoachOnFirstUseTests {
    private func brokenPrompts(_ file: String, _ text: String) throws -> (PromptLibrary, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("letters"), withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return (PromptLibrary(overrideDirectories: [folder]), folder)
    }

    /// coach.yaml is read when the coach first speaks, not before the first question:
    /// a rep who opens the deal and leaves never waits for it (nor hears it is broken).
    @Test func theCoachIsReadAtItsFirstJudgmentNotBeforeTheFirstQuestion() throws {
        let (prompts, folder) = try brokenPrompts("coach.yaml", "persons: [")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = try ScratchOpportunity()
        let opened = CapturedConsole()
        try scratch.interview(TypedLines([]), output: TerminalInterviewOutput(console: opened.console, messages: .shipped), prompts: prompts)
        #expect(opened.output.contains("Problem: "))
        #expect(!opened.output.contains("coach.yaml"))

        let answered = CapturedConsole()
        try scratch.interview(TypedLines(["We lose share to faster rivals"]), output: TerminalInterviewOutput(console: answered.console, messages: .shipped),
                              prompts: prompts)
        #expect(try scratch.answers[.problem] == ["We lose share to faster rivals"])
        let note = try #require(answered.output.range(of: "The built-in coach is used until it is fixed."))
        let judgment = try #require(answered.output.range(of: "Coach: voice:"))
        #expect(note.lowerBound < judgment.lowerBound)
    }

    /// A team's broken letters.yaml no longer stops the interview at its start: the answers
    /// are stored, and /letter says what is wrong.
    @Test func aBrokenLetterListNeverKeepsTheRepFromTheCall() throws {
        let (prompts, folder) = try brokenPrompts("letters/letters.yaml", "letters: [")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scratch = try ScratchOpportunity()
        let screen = CapturedConsole()
        try scratch.interview(TypedLines(["We lose share", "/letter"]), output: TerminalInterviewOutput(console: screen.console, messages: .shipped),
                              prompts: prompts)
        #expect(try scratch.answers[.problem] == ["We lose share"])
        #expect(screen.output.contains("The letter was not drafted: \(folder.path)/letters/letters.yaml is not a valid letter list"))
    }
}
