import QualifyKit
import QualifyPrompts
import Testing

@Suite struct SponsorLetterTests {
    let letter = try! PromptLibrary().letter("sponsor")
    let powerLetter = try! PromptLibrary().letter("power-sponsor")

    func facts(_ items: [Field: [String]], demo: Bool = false, plan: [PlanStep] = [],
               recipient: SponsorLetter.Recipient = .sponsor) -> SponsorLetter.Facts {
        SponsorLetter.Facts(accountName: "Šola & Co <EU>", opportunityName: "Renewal \"2027\"", recipient: recipient,
                            sender: Sender(name: "Rep O'Neil", title: "Account Executive", company: "Qualify d.o.o."),
                            answers: CapturedAnswers(items), plan: plan, isDemo: demo)
    }

    @Test func theBuyersWordsComeOutByteForByte() {
        let pain = "I can't \"sleep\" <at all> & my šef is angry 😬"
        let text = letter.render(facts([.pain: [pain], .impacts: ["č", "ž"], .capabilities: ["a&b"]]))
        #expect(text.contains("  “\(pain)”\n"))
        #expect(text.contains("  1. “č”\n"))
        #expect(text.contains("  2. “ž”\n"))
        #expect(text.contains("“a&b”"))
        #expect(text.contains("Šola & Co <EU>"))
        #expect(text.hasSuffix("Best regards,\nRep O'Neil\nAccount Executive\nQualify d.o.o.\n"))
        for escaped in ["&#39;", "&amp;", "&lt;", "&quot;"] { #expect(!text.contains(escaped)) }
    }

    /// The issue's own example: Slovenian words already in straight quotes, with a `&`.
    @Test func wordsNeverGetASecondPairOfTheirOwnMarks() {
        let said = "\"Prekoračili smo proračun za 8 %\" & nihče ni opazil"
        #expect(letter.render(facts([.pain: [said]])).contains("  “\(said)”\n"))
        // Curly double quotes inside: the single curly pair.
        let curly = "Rekli so “ne” in šli"
        #expect(letter.render(facts([.reasons: [curly]])).contains("  1. ‘\(curly)’\n"))
        // Both curly pairs inside: guillemets.
        let both = "“a” and ‘b’"
        #expect(letter.render(facts([.reasons: [both]])).contains("  1. «\(both)»\n"))
        // Every pair inside: an indented block, the words untouched.
        let all = "“a” ‘b’ «c»"
        #expect(letter.render(facts([.reasons: [all]])).contains("  1.\n    > \(all)\n"))
    }

    @Test func aMultiLineQuoteIsAnIndentedBlockLineByLine() {
        let text = letter.render(facts([.pain: ["First line\n  second, indented\n\nafter a gap"]]))
        #expect(text.contains("delivering:\n    > First line\n    >   second, indented\n    > \n    > after a gap\n"))
    }

    @Test func theMarksComeFromTheLettersLanguage() throws {
        let slovenian = try SponsorLetter(template: "{{%CONTENT_TYPE:TEXT}}{{#pain}}{{open}}{{text}}{{close}}{{/pain}}", name: "t",
                                          marks: QuotationMarks(pairs: [.init(open: "„", close: "“"), .init(open: "»", close: "«")]))
        #expect(slovenian.render(facts([.pain: ["boli"]])) == "„boli“")
        #expect(slovenian.render(facts([.pain: ["rekel je “ne”"]])) == "»rekel je “ne”«")
    }

    @Test func everyGapNamesTheCommandThatFillsIt() {
        let text = letter.render(facts([:]))
        let gaps = text.split(separator: "\n").filter { $0.contains("[GAP:") }
        #expect(gaps.count == 5)
        for gap in gaps { #expect(gap.contains("qualify "), "\(gap)") }
        #expect(text.contains("Dear [GAP: no sponsor yet: qualify opportunity set \"Renewal \\\"2027\\\"\" sponsor \"NAME\""))
        #expect(text.contains("qualify contact add \"NAME\" --account \"Šola & Co <EU>\""))
        #expect(text.contains("[GAP: no reasons captured yet (qualify interview \"Renewal \\\"2027\\\"\", then /edit reasons)]"))
    }

    @Test func painComesFirstAndProblemStandsInWhenNoPainIsAdmitted() {
        let both = letter.render(facts([.problem: ["PROBLEM-WORDS"], .pain: ["I hurt"]]))
        #expect(both.contains("“I hurt”"))
        #expect(!both.contains("PROBLEM-WORDS"))
        let problemOnly = letter.render(facts([.problem: ["PROBLEM-WORDS"]]))
        #expect(problemOnly.contains("The critical issue you described:\n  “PROBLEM-WORDS”"))
        #expect(!problemOnly.contains("[GAP: no pain or problem"))
    }

    @Test func orderIsPainReasonsImpactsCapabilitiesThenNextStep() throws {
        let text = letter.render(facts([.pain: ["PAIN"], .reasons: ["REASON"], .impacts: ["IMPACT"], .capabilities: ["CAP"]]))
        let positions = try ["PAIN", "REASON", "IMPACT", "CAP", "person who owns this", "correct me"].map {
            try #require(text.range(of: $0)).lowerBound
        }
        #expect(positions == positions.sorted())
    }

    @Test func thePowerSponsorLetterCarriesThePlanEndingWithTheGoNoGo() throws {
        let plan = [
            PlanStep(number: 1, what: "Pilot with <5> reps & \"ops\"", owner: .us, due: CalendarDay(year: 2027, month: 1, day: 15)!, uuid: "a"),
            PlanStep(number: 2, what: "Reference call", owner: .person("Mojca Žagar"), due: CalendarDay(year: 2027, month: 1, day: 20)!, isDone: true, uuid: "b"),
            PlanStep(number: 3, what: "Decide", owner: .buyer, due: CalendarDay(year: 2027, month: 2, day: 1)!, isDecision: true, uuid: "c"),
        ]
        let text = powerLetter.render(facts([.pain: ["PAIN"], .capabilities: ["CAP"]], plan: plan, recipient: .powerSponsor))
        #expect(text.contains("""
            I suggest this evaluation plan:
              1. Pilot with <5> reps & "ops" (Qualify d.o.o., by 2027-01-15)
              2. Reference call (Mojca Žagar, by 2027-01-20) [done]
              3. Go/no-go decision: Decide (Šola & Co <EU>, by 2027-02-01)

            """))
        #expect(!text.contains("person who owns this"))
        #expect(!text.contains("[GAP".appending(": the plan")))
        let noPlan = powerLetter.render(facts([:], recipient: .powerSponsor))
        #expect(noPlan.contains("[GAP: no evaluation plan yet: qualify plan add \"Renewal \\\"2027\\\"\" \"STEP\" --who buyer|us|PERSON --due DATE]"))
        #expect(noPlan.contains("Dear [GAP: no power sponsor yet: qualify opportunity set"))
        let noDecision = powerLetter.render(facts([:], plan: [plan[0]], recipient: .powerSponsor))
        #expect(noDecision.contains("[GAP: the plan has no go/no-go step: qualify plan add"))
    }

    @Test func demoLettersAreLabelled() {
        #expect(letter.render(facts([:], demo: true)).hasPrefix("[DEMO DATA"))
        #expect(!letter.render(facts([:])).contains("DEMO"))
    }

    @Test func aTemplateWithoutTheTextPragmaWouldEscapeAndIsCaught() throws {
        let html = try SponsorLetter(template: "{{#pain}}{{text}}{{/pain}}", name: "test")
        #expect(html.render(facts([.pain: ["I can't"]])) == "I can&#39;t")
    }

    @Test func anInvalidTemplateIsAClearError() {
        #expect(throws: CommandFailure.self) {
            try SponsorLetter(template: "{{#pain}} unclosed", name: "broken.mustache")
        }
    }
}
