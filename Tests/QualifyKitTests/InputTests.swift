import QualifyKit
import Testing

@Suite struct InputTests {
    @Test func linesAreAnswersUnlessTheyStartWithASlash() {
        #expect(InterviewInput(line: "I can't") == .answer("I can't"))
        #expect(InterviewInput(line: "") == .answer(""))
        #expect(InterviewInput(line: "//etc/hosts is a file") == .answer("/etc/hosts is a file"))
        #expect(InterviewInput(line: "/back") == .command(.back))
        #expect(InterviewInput(line: "/HELP") == .command(.help))
        #expect(InterviewInput(line: "/edit Pain") == .command(.edit(.pain, item: nil)))
        #expect(InterviewInput(line: "/edit reason 2") == .command(.edit(.reasons, item: 2)))
    }

    @Test func setTakesTheRestOfTheLineAsTheValue() {
        #expect(InterviewInput(line: "/set stage Needs Analysis") == .command(.set(.stage, value: "Needs Analysis")))
        #expect(InterviewInput(line: "/set close-date  +30d ") == .command(.set(.closeDate, value: "+30d")))
        #expect(InterviewInput(line: "/set amount 120 000 EUR") == .command(.set(.amount, value: "120 000 EUR")))
        #expect(InterviewInput(line: "/SET next-milestone \"Demo on   Friday\"") == .command(.set(.nextMilestone, value: "Demo on   Friday")))
        #expect(InterviewInput(line: "/set power-sponsor \"\"") == .command(.set(.powerSponsor, value: "")))
        #expect(InterviewInput(line: "/opportunity") == .command(.opportunity))
        for line in ["/set", "/set amount"] {
            guard case .invalid(let message) = InterviewInput(line: line) else { Issue.record("expected invalid: \(line)"); continue }
            #expect(message.contains("/set amount 120000"))
        }
        guard case .invalid(let unknown) = InterviewInput(line: "/set budget 5") else { Issue.record("expected invalid"); return }
        #expect(unknown.contains("\"budget\" is not an opportunity field"))
        #expect(unknown.contains("close-date"))
        guard case .invalid = InterviewInput(line: "/opportunity now") else { Issue.record("expected invalid"); return }
    }

    @Test func badCommandsSayWhatToType() {
        guard case .invalid(let unknown) = InterviewInput(line: "/bakc") else { Issue.record("expected invalid"); return }
        #expect(unknown.contains("/help"))
        #expect(unknown.hasPrefix("Unknown command /bakc. Did you mean \"/back\"? Type /help"), "\(unknown)")
        guard case .invalid(let edti) = InterviewInput(line: "/edti pain") else { Issue.record("expected invalid"); return }
        #expect(edti.contains("Did you mean \"/edit\"?"), "\(edti)")
        guard case .invalid(let field) = InterviewInput(line: "/edit budget") else { Issue.record("expected invalid"); return }
        #expect(field.contains("problem, pain, reasons, impacts, capabilities"))
        guard case .invalid = InterviewInput(line: "/edit pain 2") else { Issue.record("expected invalid"); return }
        guard case .invalid = InterviewInput(line: "/back now") else { Issue.record("expected invalid"); return }
    }

    @Test func aQuoteBlockIsOneAnswerAndKeepsItsLines() {
        var block = QuoteBlockAssembler()
        #expect(block.feed("\"\"\"") == nil)
        #expect(block.isOpen)
        #expect(block.feed("/not a command") == nil)
        #expect(block.feed("") == nil)
        #expect(block.feed("\tsecond line  ") == nil)
        #expect(block.feed("\"\"\"") == .quote("/not a command\n\n\tsecond line  "))
        #expect(!block.isOpen)
        #expect(block.feed("plain") == .line("plain"))
    }

    @Test func aBlockCutOffByEndOfInputIsNotLost() {
        var block = QuoteBlockAssembler()
        _ = block.feed("\"\"\"")
        _ = block.feed("half a quote")
        #expect(block.flush() == "half a quote")
        var cancelled = QuoteBlockAssembler()
        _ = cancelled.feed("\"\"\"")
        cancelled.cancel()
        #expect(!cancelled.isOpen)
    }

    @Test func inlineBulletsSplitOnlyWhenTheLineStartsWithOne() {
        #expect(InlineList.items(in: "* a * b * c") == ["a", "b", "c"])
        #expect(InlineList.items(in: "• eins • zwei") == ["eins", "zwei"])
        #expect(InlineList.items(in: "costs 2 * 3 times more") == ["costs 2 * 3 times more"])
        #expect(InlineList.items(in: "- a - b") == ["- a - b"])
        #expect(InlineList.items(in: "* only one") == ["only one"])
    }

    @Test func fieldNamesInAnyFormResolve() {
        #expect(Field(userInput: "Reasons") == .reasons)
        #expect(Field(userInput: "capability") == .capabilities)
        #expect(Field(userInput: "budget") == nil)
    }

    @Test func closestNamesSuggestWhatWasMeant() {
        let names = ["Acme Corp", "Acme Industries", "Globex", "Initech"]
        #expect(NameMatcher.closest(to: "acme", in: names) == ["Acme Corp", "Acme Industries"])
        #expect(NameMatcher.closest(to: "Globx", in: names) == ["Globex"])
        #expect(NameMatcher.closest(to: "zzzzzz", in: names).isEmpty)
    }
}

@Suite struct CountedTests {
    @Test func countsReadAsEnglish() {
        #expect(counted(1, "account") == "1 account")
        #expect(counted(0, "bad row") == "0 bad rows")
        #expect(counted(2, "opportunity") == "2 opportunities")
        #expect(withArticle("account") == "an account")
        #expect(withArticle("opportunity") == "an opportunity")
        #expect(withArticle("contact") == "a contact")
        #expect(withArticle("uuid") == "a uuid")
        #expect(counted(3, "day") == "3 days")
        #expect(counted(2, "history row") == "2 history rows")
    }
}

@Suite struct TerminalWidthTests {
    @Test func wideCharactersTakeTwoColumns() {
        #expect("Acme".terminalWidth == 4)
        #expect("šef č ž".terminalWidth == 7)
        #expect("😬".terminalWidth == 2)
        #expect("東京".terminalWidth == 4)
        #expect("e\u{301}".terminalWidth == 1)
        #expect("😬 x".padded(to: 6) == "😬 x  ")
        #expect("longer".padded(to: 3) == "longer")
    }
}

@Suite struct WrappingTests {
    @Test func foldsAtSpacesNeverInsideAWord() {
        #expect("Type the buyer's exact words. /help for hints and commands; Ctrl-D saves and quits.".wrapped(toWidth: 80)
                == "Type the buyer's exact words. /help for hints and commands; Ctrl-D saves and\nquits.")
        #expect("aaa bbb ccc".wrapped(toWidth: 7) == "aaa bbb\nccc")
        // A word wider than the line stays whole.
        #expect("a verylongword b".wrapped(toWidth: 5) == "a\nverylongword\nb")
    }

    @Test func keepsIndentSpacingAndLinesAndIgnoresColours() {
        #expect("  one two three".wrapped(toWidth: 9) == "  one two\n  three")
        #expect("Coach: one two".wrapped(toWidth: 10, indent: "  ") == "Coach: one\n  two")
        #expect("a  b\nc d".wrapped(toWidth: 80) == "a  b\nc d")
        #expect("\u{1B}[36mAsk:\u{1B}[0m one two".wrapped(toWidth: 8) == "\u{1B}[36mAsk:\u{1B}[0m one\ntwo")
        // Wide characters take two columns.
        #expect("šef 😬😬 x".wrapped(toWidth: 8) == "šef 😬😬\nx")
    }
}

@Suite struct PlanCommandInputTests {
    @Test func planLinesBecomeRequests() {
        #expect(InterviewInput(line: "/plan") == .command(.plan(.show)))
        #expect(InterviewInput(line: "/plan done 2") == .command(.plan(.done(2))))
        #expect(InterviewInput(line: "/plan Pilot with ops --who Mojca Žagar --due +7d --decision")
                == .command(.plan(.add(what: "Pilot with ops", who: "Mojca Žagar", due: "+7d", decision: true))))
        #expect(InterviewInput(line: "/plan \"Reference call\" --due 2027-01-01 --who \"us\"")
                == .command(.plan(.add(what: "Reference call", who: "us", due: "2027-01-01", decision: false))))
        for bad in ["/plan Pilot --who us", "/plan --who us --due +7d", "/plan done", "/plan done x", "/plan Pilot --who --due +7d"] {
            guard case .invalid(let message) = InterviewInput(line: bad) else {
                Issue.record("\(bad) was accepted")
                continue
            }
            #expect(message.contains("/plan STEP --who buyer|us|PERSON --due DATE"))
        }
    }
}
