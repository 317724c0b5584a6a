import QualifyKit
import QualifyPrompts
import Testing

@Suite struct SponsorLetterTests {
    let letter = try! PromptLibrary().sponsorLetter()

    func facts(_ items: [Field: [String]], demo: Bool = false) -> SponsorLetter.Facts {
        SponsorLetter.Facts(accountName: "Šola & Co <EU>", opportunityName: "Renewal \"2027\"",
                            senderName: "Rep O'Neil", answers: CapturedAnswers(items), isDemo: demo)
    }

    @Test func theBuyersWordsComeOutByteForByte() {
        let pain = "I can't \"sleep\" <at all> & my šef is angry 😬"
        let reason = "It's <b>bold</b> & 'quoted'\nwith a second line\tand a tab"
        let text = letter.render(facts([.pain: [pain], .reasons: [reason], .impacts: ["č", "ž"], .capabilities: ["a&b"]]))
        #expect(text.contains("\"\(pain)\""))
        #expect(text.contains("\"\(reason)\""))
        #expect(text.contains("1. \"č\""))
        #expect(text.contains("2. \"ž\""))
        #expect(text.contains("\"a&b\""))
        #expect(text.contains("Šola & Co <EU>"))
        #expect(text.contains("Rep O'Neil"))
        #expect(!text.contains("&#39;"))
        #expect(!text.contains("&amp;"))
        #expect(!text.contains("&lt;"))
        #expect(!text.contains("&quot;"))
    }

    @Test func missingFieldsLeaveMarkedGaps() {
        let text = letter.render(facts([:]))
        #expect(text.contains("[GAP: no pain or problem captured yet"))
        #expect(text.contains("[GAP: no reasons captured yet"))
        #expect(text.contains("[GAP: no impacts captured yet"))
        #expect(text.contains("[GAP: no capabilities agreed yet"))
        #expect(text.contains("[GAP: recipient's name]"))
        #expect(!text.contains("\"\""))
    }

    @Test func painComesFirstAndProblemStandsInWhenNoPainIsAdmitted() {
        let both = letter.render(facts([.problem: ["PROBLEM-WORDS"], .pain: ["I hurt"]]))
        #expect(both.contains("\"I hurt\""))
        #expect(!both.contains("PROBLEM-WORDS"))
        let problemOnly = letter.render(facts([.problem: ["PROBLEM-WORDS"]]))
        #expect(problemOnly.contains("\"PROBLEM-WORDS\""))
        #expect(!problemOnly.contains("[GAP: no pain or problem"))
    }

    @Test func orderIsPainReasonsImpactsCapabilitiesThenNextStep() throws {
        let text = letter.render(facts([.pain: ["PAIN"], .reasons: ["REASON"], .impacts: ["IMPACT"], .capabilities: ["CAP"]]))
        let positions = try ["PAIN", "REASON", "IMPACT", "CAP", "next step", "correct me"].map {
            try #require(text.range(of: $0)).lowerBound
        }
        #expect(positions == positions.sorted())
    }

    @Test func demoLettersAreLabelled() {
        #expect(letter.render(facts([:], demo: true)).hasPrefix("[DEMO DATA"))
        #expect(!letter.render(facts([:])).contains("DEMO"))
    }

    @Test func aTemplateWithoutTheTextPragmaWouldEscapeAndIsCaught() throws {
        let html = try SponsorLetter(template: "{{#pain}}{{pain}}{{/pain}}", name: "test")
        #expect(html.render(facts([.pain: ["I can't"]])) == "I can&#39;t")
    }

    @Test func anInvalidTemplateIsAClearError() {
        #expect(throws: SponsorLetter.TemplateError.self) {
            try SponsorLetter(template: "{{#pain}} unclosed", name: "broken.mustache")
        }
    }
}
