import Foundation
import GRDB
import Testing

/// The interview at a real (pseudo-)terminal, keys sent as a rep presses
/// them. Each step waits for the prompt first: keys typed while qualify is
/// busy would meet the terminal in cooked mode.
@Suite struct TerminalInterviewTests {
    private func interview(_ q: QualifyBinary, _ arguments: [String] = ["interview", "Acme - Forecasting"]) throws -> PseudoTerminal {
        try q.atTerminal(arguments)
    }

    @Test func ctrlCDropsTheHalfTypedLineBackStoresANewVersionCtrlDQuits() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q)
        defer { terminal.terminate() }

        try terminal.waitFor("problem> ")
        terminal.send("Our forecast is a guess\r")
        try terminal.waitFor("pain> ")
        terminal.send("I can't half-typ")
        terminal.send("\u{03}")
        // Ctrl-C cancels the line, not the program: the same question is asked again.
        try terminal.waitFor("pain> ")
        #expect(throws: PseudoTerminalError.self) { _ = try terminal.waitForExit(timeout: 0.5) }

        terminal.send("/back\r")
        let back = try terminal.waitFor("problem> ")
        #expect(back.contains("\u{201C}Our forecast is a guess\u{201D}"), "/back shows what is stored: \(back)")
        terminal.send("Our forecast is a guess, and my šef (č, ž) says we're late 😬\r")
        try terminal.waitFor("pain> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.text) == ["Our forecast is a guess", "Our forecast is a guess, and my šef (č, ž) says we're late 😬"])
        #expect(stored.map(\.field) == ["problem", "problem"])
        #expect(stored[1].replaces == 1)
    }

    @Test func theCoachJudgesEachAnswerSuggestsTheNextQuestionAndProbeShowsMore() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q)
        defer { terminal.terminate() }

        try terminal.waitFor("problem> ")
        terminal.send("According to Luka, the plant loses a shift a week.\r")
        let problem = try terminal.waitFor("pain> ")
        #expect(problem.contains("Coach: voice: reported (hearsay “According to”)"), "\(problem)")
        #expect(problem.contains("Ask next: How would you put that in your own words?"))
        terminal.send("I'd say our biggest issue is the 10-week lead time.\r")
        let pain = try terminal.waitFor("reason 1> ")
        #expect(pain.contains("kind: problem (number “10-week”"), "\(pain)")
        #expect(pain.contains("Ask next: What does that mean for you personally?"))
        terminal.send("/probe\r")
        let probes = try terminal.waitFor("reason 1> ")
        #expect(probes.contains("Ask (open): Tell me what stops you from fixing it today."), "\(probes)")
        terminal.send("We need a tool that pulls it all together\r")
        let reason = try terminal.waitFor("reason 2> ")
        #expect(reason.contains("capability in disguise: yes (capability in disguise “need a tool”)"), "\(reason)")
        terminal.send("\r")
        let closed = try terminal.waitFor("impact 1> ")
        #expect(closed.contains("Confirm: So what I hear is: “We need a tool that pulls it all together”. Is that right?"))
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        // The coach never changes what was typed.
        #expect(try statements(in: q.databasePath).map(\.text) == [
            "According to Luka, the plant loses a shift a week.", "I'd say our biggest issue is the 10-week lead time.",
            "We need a tool that pulls it all together",
        ])
    }

    @Test func historyKeepsTheCommandsNotTheBuyersAnswers() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q)
        defer { terminal.terminate() }
        try terminal.waitFor("problem> ")
        terminal.send("Our forecast is a guess\r")
        try terminal.waitFor("pain> ")
        terminal.send("/back\r")
        try terminal.waitFor("problem> ")
        terminal.send("A replaced answer\r")
        try terminal.waitFor("pain> ")
        terminal.send("//usr is full\r")
        try terminal.waitFor("reason 1> ")
        // Up-arrow recalls the last command, not the answers.
        terminal.send("\u{1B}[A")
        try terminal.waitFor("/back")
        terminal.send("\u{15}\u{04}")
        #expect(try terminal.waitForExit() == 0)
        let history = try String(contentsOf: q.home.appendingPathComponent("state/qualify/history"), encoding: .utf8)
        #expect(history.contains("/back"))
        for answer in ["Our forecast is a guess", "A replaced answer", "usr is full"] {
            #expect(!history.contains(answer), "\(answer) is in the history: \(history)")
        }
    }

    @Test func aPasteOfSeveralLinesIsOneAnswerAndAMegabytePasteIsRefused() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q)
        defer { terminal.terminate() }

        try terminal.waitFor("problem> ")
        terminal.send("\u{1B}[200~We're late.\r\"Really\" late & <worried>\r\tšef said so 😬\u{1B}[201~\r")
        try terminal.waitFor("pain> ")
        terminal.send("\u{1B}[200~" + String(repeating: "I can't. ", count: 120_000) + "\u{1B}[201~\r")
        let refused = try terminal.waitFor("pain> ", timeout: 60)
        #expect(refused.contains("the limit is 65536"), "\(refused.suffix(300))")
        terminal.send("\"\"\"\r")
        try terminal.waitFor("... ")
        terminal.send("a quote cut short\r")
        try terminal.waitFor("... ")
        // Ctrl-C inside a quote block drops the whole block, as it drops a half-typed line.
        terminal.send("\u{03}")
        try terminal.waitFor("pain> ")
        terminal.send("I can't sleep\r")
        try terminal.waitFor("reason 1> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        #expect(try statements(in: q.databasePath).map(\.text) == ["We're late.\n\"Really\" late & <worried>\n\tšef said so 😬", "I can't sleep"])
    }

    @Test func backspaceAndArrowsEditWholeCharactersNotBytes() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q)
        defer { terminal.terminate() }
        try terminal.waitFor("problem> ")
        // Backspace removes "ž" (two bytes) whole; Left twice then typing inserts before "f!".
        terminal.send("Moj šež\u{7F}f!\u{1B}[D\u{1B}[Dse\r")
        try terminal.waitFor("pain> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["Moj šesef!"])
    }

    @Test func historyPersistsAcrossRunsInAnOwnerOnlyFile() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let first = try interview(q)
        defer { first.terminate() }
        try first.converse([("", "problem> "), ("Forecasts are guesses\r", "pain> "), ("/show\r", "pain> ")])
        first.send("\u{04}")
        #expect(try first.waitForExit() == 0)

        let history = q.home.appendingPathComponent("state/qualify/history").path
        #expect((try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // Up arrow in the next run recalls the command typed in the first (answers are not kept).
        let second = try interview(q)
        defer { second.terminate() }
        try second.converse([("", "pain> "), ("\u{1B}[A", "/show")])
    }

    @Test func setCompletesStoredNamesAndChangesTheRecordMidInterview() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let contact = try q.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp", "--title", "CFO"])
        #expect(contact.status == 0, "\(contact.stderr)")
        let terminal = try interview(q)
        defer { terminal.terminate() }

        try terminal.waitFor("problem> ")
        let said = try terminal.converse([
            ("/set stage Needs An\t", "Needs Analysis"), ("\r", "Set stage of \"Acme - Forecasting\"."), ("", "problem> "),
            ("/set sponsor Mo\t", "Mojca Žagar"), ("\r", "problem> "),
            ("/set probability 150\r", "problem> "),
            ("/opportunity\r", "problem> "),
        ])
        #expect(said[5].contains("probability"), "refused: \(said[5])")
        #expect(said[6].contains("Needs Analysis"))
        #expect(said[6].contains("Mojca Žagar, CFO"))
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)

        let show = try q.run(["opportunity", "show", "Acme - Forecasting", "--history"])
        #expect(show.stdout.contains("Needs Analysis"))
        #expect(show.stdout.contains("stage: Prospecting -> Needs Analysis"), "\(show.stdout)")
        #expect(!show.stdout.contains("150"))
    }

    /// Once every field is answered the prompt says so: `qualify> ` is the home's, and a rep
    /// who saw it could not tell the interview was over (or that /quit leads back home).
    @Test func aFinishedInterviewHasAPromptOfItsOwn() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines).status == 0)
        let terminal = try interview(q, [])
        defer { terminal.terminate() }
        try terminal.waitFor("qualify> ")
        try terminal.converse([("/open Acme - Fo\t", "Forecasting"), ("\r", "The interview is complete."), ("", "complete> "),
                               ("/quit\r", "qualify> ")])
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func anInterviewOpenedFromTheHomeCompletesInterviewWordsThenHomeWordsAgain() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let terminal = try interview(q, [])
        defer { terminal.terminate() }

        try terminal.waitFor("qualify> ")
        // Tab at the home completes opportunity names, in the interview its commands, then home words
        // again, and the stored names an option must be chosen from.
        try terminal.converse([
            ("/open Acme - Fo\t", "Forecasting"), ("\r", "problem> "),
            ("/opp\t", "/opportunity"), ("\r", "Prospecting"), ("", "problem> "),
            ("/quit\r", "qualify> "),
            ("/li\t", "/list"), ("\r", "missing: problem"), ("", "qualify> "),
            ("account add Half-typed\u{03}", "qualify> "),
            ("opportunity add \"Acme - Renewal\" --account Ac\t", "\"Acme Corp\" "),
            ("--stage Ne\t", "Negotiation/Review"), ("ed\t", "\"Needs Analysis\" "), ("\r", "Added opportunity \"Acme - Renewal\" for Acme Corp."), ("", "qualify> "),
            // A letter's and a plan's subcommands take the opportunity's name too.
            ("plan list \"Acme - F\t", "\"Acme - Forecasting\" "), ("\r", "No evaluation plan"), ("", "qualify> "),
            ("letter list \"Acme - F\t", "\"Acme - Forecasting\" "), ("\r", "No letter for"), ("", "qualify> "),
        ])
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        // Ctrl-C at the home prompt dropped the half-typed command.
        #expect(try !q.run(["account", "list"]).stdout.contains("Half-typed"))
    }
}

@Suite struct PipedRecordCommandTests {
    @Test func setAndOpportunityWorkInAScriptAndARefusedValueStopsIt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"], lines: [
            "The forecast is a guess", "/set amount 120 000", "/set close-date 2031-03-31", "/opportunity",
            "I can't sleep", "/set amount 1.200,50", "never stored",
        ])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("qualify: line 6: "), "\(run.stderr)")
        #expect(run.stderr.contains("Everything before this line is saved."))
        #expect(run.stdout.contains("Expected close 2031-03-31"), "\(run.stdout)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["The forecast is a guess", "I can't sleep"])
        let show = try q.run(["opportunity", "show", "Acme - Forecasting"])
        #expect(show.stdout.contains("Amount         120 000 EUR"), "\(show.stdout)")
    }
}
