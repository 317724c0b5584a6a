import Foundation
import QualifyKit
import QualifyPrompts
import Testing

/// One statement of the labelled set: what the coach should judge.
struct LabelledStatement: Decodable {
    var field: String
    var text: String
    var voice: String
    var kind: String?
    var who: Bool?
    var howMuch: Bool?
    var disguised: Bool?
    var buyerAction: Bool?

    static func load(_ name: String) throws -> [LabelledStatement] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(LabelledStatement.self, from: Data($0.utf8))
        }
    }
}

/// Expected against judged, for one judgment.
struct Confusion {
    private(set) var pairs: [(expected: String, judged: String)] = []

    mutating func add(_ expected: String, _ judged: String) { pairs.append((expected, judged)) }

    func precision(_ label: String) -> Double {
        let judged = pairs.filter { $0.judged == label }
        return judged.isEmpty ? 0 : Double(judged.filter { $0.expected == label }.count) / Double(judged.count)
    }

    func recall(_ label: String) -> Double {
        let expected = pairs.filter { $0.expected == label }
        return expected.isEmpty ? 0 : Double(expected.filter { $0.judged == label }.count) / Double(expected.count)
    }
}

let coach = try! PromptLibrary().coach()

func judged(_ statement: LabelledStatement) -> CoachReport {
    let field = Field(userInput: statement.field)!
    return coach.judge(statement.text, field: field, captured: CapturedAnswers([field: [statement.text]]))
}

@Suite struct CoachLabelledSetTests {
    static let statements = try! LabelledStatement.load("coach-statements.jsonl")

    static func confusion(_ judgment: (LabelledStatement, CoachReport) -> (String, String)?) -> Confusion {
        var confusion = Confusion()
        for statement in statements {
            if let (expected, got) = judgment(statement, judged(statement)) { confusion.add(expected, got) }
        }
        return confusion
    }

    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    @Test func theSetIsLargeAndCoversEveryField() {
        #expect(Self.statements.count >= 150)
        #expect(Set(Self.statements.map(\.field)) == Set(Field.allCases.map(\.rawValue)))
    }

    /// The coach rarely nags wrongly: when it says "report" or "problem", it is right.
    @Test func voiceRarelyCallsTheBuyersWordsAReport() {
        let voice = Self.confusion { statement, report in (statement.voice, report.voice.rawValue) }
        #expect(voice.precision("reported") >= 0.9)
        #expect(voice.recall("reported") >= 0.8)
        #expect(voice.precision("verbatim") >= 0.9)
        #expect(voice.recall("verbatim") >= 0.9)
    }

    @Test func kindTellsPainFromProblem() {
        let kind = Self.confusion { statement, report in statement.kind.map { ($0, report.kind!.rawValue) } }
        #expect(kind.precision("problem") >= 0.9)
        #expect(kind.recall("problem") >= 0.9)
        #expect(kind.precision("pain") >= 0.9)
        #expect(kind.recall("pain") >= 0.8)
    }

    @Test func impactFindsWhoAndHowMuch() {
        let who = Self.confusion { statement, report in statement.who.map { (Self.yesNo($0), report.impact!.who.rawValue) } }
        let howMuch = Self.confusion { statement, report in statement.howMuch.map { (Self.yesNo($0), report.impact!.howMuch.rawValue) } }
        #expect(who.precision("yes") >= 0.9 && who.recall("yes") >= 0.8)
        #expect(howMuch.precision("yes") >= 0.9 && howMuch.recall("yes") >= 0.8)
    }

    @Test func reasonsAndCapabilities() {
        let disguised = Self.confusion { statement, report in
            statement.disguised.map { (Self.yesNo($0), report.reason!.capabilityInDisguise.rawValue) }
        }
        let action = Self.confusion { statement, report in
            statement.buyerAction.map { (Self.yesNo($0), report.capability!.buyerAction.rawValue) }
        }
        #expect(disguised.precision("yes") >= 0.9 && disguised.recall("yes") >= 0.8)
        #expect(action.precision("yes") >= 0.9 && action.recall("yes") >= 0.8)
    }
}

/// The examples the issue gives for each kind of miss, judged one by one.
@Suite struct CoachIssueExampleTests {
    func report(_ text: String, _ field: Field = .pain) -> CoachReport {
        coach.judge(text, field: field, captured: CapturedAnswers([field: [text]]))
    }

    @Test(arguments: ["I'd say our biggest issue is the 10-week lead time.",
                      "My department processes 2,000 claims a week by hand."])
    func aProblemInTheFirstPersonIsAProblem(_ text: String) {
        let judged = report(text)
        #expect(judged.kind == .problem)
        #expect(judged.voice == .verbatim)
        #expect(judged.probes.first?.text == "What does that mean for you personally?")
    }

    @Test(arguments: ["They keep asking me for the numbers and I have nothing to show.",
                      "She told me straight out: one more slip and I'm done."])
    func theBuyersWordsAboutOthersStayTheBuyers(_ text: String) {
        let judged = report(text)
        #expect(judged.voice == .verbatim)
        #expect(judged.kind == .pain)
        #expect(judged.evidence.contains { $0.judgment == "voice" && $0.finding == "first person" })
    }

    @Test func aNounThatLooksLikeAReportIsAPlainProblem() {
        let judged = report("Customer returns went up 30 percent.", .problem)
        #expect(judged.voice == .verbatim)
        #expect(judged.kind == .problem)
        #expect(judged.evidence.contains(Evidence(judgment: "kind", finding: "number", words: "30 percent")))
        #expect(judged.notes.isEmpty)
    }

    @Test(arguments: [("According to Luka, the plant loses a shift a week.", "According to"),
                      ("Apparently their backlog doubled.", "Apparently")])
    func hearsayIsAReport(_ text: String, _ words: String) {
        let judged = report(text, .problem)
        #expect(judged.voice == .reported)
        #expect(judged.kind == .problem)
        #expect(judged.evidence.contains(Evidence(judgment: "voice", finding: "hearsay", words: words)))
        #expect(judged.probes.first?.text == "How would you put that in your own words?")
    }

    @Test func aReportedPainIsPainAndReported() {
        let judged = report("She's afraid she'll be blamed for the delay.")
        #expect(judged.voice == .reported)
        #expect(judged.kind == .pain)
        #expect(judged.evidence.contains(Evidence(judgment: "voice", finding: "someone else feels", words: "She's afraid")))
        #expect(judged.notes.contains { $0.hasPrefix("A pain, reported") })
    }
}

@Suite struct CoachProbeTests {
    @Test func anImpactWithoutWhoOrHowMuchAsksForBoth() {
        let judged = coach.judge("It hurts us.", field: .impacts, captured: CapturedAnswers([.impacts: ["It hurts us."]]))
        #expect(judged.impact == CoachReport.Impact(who: .unsure, howMuch: .no))
        #expect(judged.probes.prefix(2).map(\.text) == ["How much does that cost you per month?", "Who else feels this?"])
        let sized = coach.judge("The CFO loses 2 days a month.", field: .impacts, captured: CapturedAnswers([.impacts: ["x"]]))
        #expect(sized.impact == CoachReport.Impact(who: .yes, howMuch: .yes))
        #expect(sized.probes.allSatisfy { $0.kind != .followUp })
    }

    @Test func fewerThanThreeReasonsAsksWhatElse() {
        let captured = CapturedAnswers([.reasons: ["Nobody owns the data", "We need a tool that merges the sheets"]])
        let judged = coach.judge("We need a tool that merges the sheets", field: .reasons, captured: captured)
        #expect(judged.reason == CoachReport.Reason(capabilityInDisguise: .yes, count: 2))
        #expect(judged.evidence.contains(Evidence(judgment: "reason", finding: "capability in disguise", words: "need a tool")))
        #expect(judged.nextProbe?.text == "What else stops you?")
        let three = CapturedAnswers([.reasons: ["a", "b", "Nobody owns the data"]])
        #expect(!coach.judge("Nobody owns the data", field: .reasons, captured: three).probes.contains { $0.text == "What else stops you?" })
    }

    @Test func capabilitiesArePhrasedAsWhatTheBuyerCouldDo() {
        let feature = coach.judge("A dashboard with drill-down.", field: .capabilities, captured: CapturedAnswers([.capabilities: ["x"]]))
        #expect(feature.capability?.buyerAction == .no)
        #expect(feature.nextProbe?.text == "What would you do with it, if you had it?")
        let four = CapturedAnswers([.capabilities: ["See a", "See b", "See c", "See d"]])
        let many = coach.judge("See d", field: .capabilities, captured: four)
        #expect(many.capability == CoachReport.Capability(buyerAction: .yes, count: 4))
        #expect(many.notes.contains(coach.rules.messages.manyCapabilities))
    }

    @Test func controlAndConfirmAreBuiltFromTheBuyersStoredWords() {
        let captured = CapturedAnswers([.problem: ["We lose share."], .pain: ["I can't sleep."]])
        let probes = coach.methodProbes(for: .pain, captured: captured, last: "I can't sleep.")
        #expect(probes.map(\.kind) == [.confirm, .control, .open])
        #expect(probes[0].text == "So what you are saying is: “I can't sleep”. Is that right?")
        #expect(probes[1].text == "Is it because of “We lose share” that you cannot deliver what you promised?")
        // Nothing stored to build from: the probe is left out, never shown with a hole.
        #expect(coach.methodProbes(for: .pain, captured: CapturedAnswers(), last: nil).isEmpty)
    }

    @Test func eachCapabilityIsAskedAboutTheNextReason() {
        var captured = CapturedAnswers([.reasons: ["Five spreadsheets", "Nobody owns the data"], .capabilities: ["See it all"]])
        #expect(coach.judge("See it all", field: .capabilities, captured: captured).nextProbe?.text
                == "And “Nobody owns the data”: would it help if you could change that?")
        // Every reason has its capability: the open question instead.
        captured.set(.capabilities, position: 2, text: "Know who owns it")
        #expect(coach.judge("Know who owns it", field: .capabilities, captured: captured).nextProbe
                == Probe(kind: .open, text: "Tell me what you would need to be able to do to fix it."))
    }

    @Test func theEndOfAListConfirmsInTheBuyersWords() {
        #expect(coach.confirmList(["Nobody owns the data.", "Five spreadsheets", "IT is busy"])
                == "So what I hear is: “Nobody owns the data”, “Five spreadsheets” and “IT is busy”. Is that right?")
        #expect(coach.confirmList([]) == nil)
    }

    @Test func anotherLanguageIsAnotherFile() throws {
        // The engine knows no English: swap the reporting verbs and the judgment follows the file.
        var rules = coach.rules
        rules.voice.reportingVerbs = ["je rekla"]
        rules.voice.hearsay = ["baje"]
        let slovene = SalesCoach(rules: rules)
        let report = slovene.judge("Baje tovarna izgubi izmeno na teden.", field: .problem, captured: CapturedAnswers())
        #expect(report.voice == .reported)
        #expect(report.evidence.first == Evidence(judgment: "voice", finding: "hearsay", words: "Baje"))
    }
}
