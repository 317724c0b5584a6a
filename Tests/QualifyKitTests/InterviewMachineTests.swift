import QualifyKit
import QualifyPrompts
import Synchronization
import Testing

typealias Action = InterviewMachine.Action

let script = try! PromptLibrary().interviewScript()

func machine(_ items: [Field: [String]] = [:]) -> InterviewMachine {
    InterviewMachine(script: script, coach: coach, captured: CapturedAnswers(items))
}

/// What the coach said in `actions`, one report per recorded answer.
func coached(_ actions: [Action]) -> [CoachReport] {
    actions.compactMap {
        if case .coach(let report) = $0 { return report }
        return nil
    }
}

/// The field and item of the last question in `actions`, nil if none was asked.
func asked(_ actions: [Action]) -> (Field, Int?)? {
    for action in actions.reversed() {
        if case .ask(let question) = action { return (question.field, question.item) }
    }
    return nil
}

func records(_ actions: [Action]) -> [(Field, Int, String)] {
    actions.compactMap {
        if case .record(let field, let position, let text) = $0 { return (field, position, text) }
        return nil
    }
}

func isReject(_ action: Action) -> Bool {
    if case .reject = action { return true }
    return false
}

@Suite struct InterviewMachineTests {
    @Test func freshInterviewAsksForTheProblemFirst() {
        var m = machine()
        let actions = m.start()
        #expect(actions.count == 1)
        guard case .ask(let question) = actions[0] else { Issue.record("expected ask"); return }
        #expect(question.field == .problem)
        #expect(question.text == script.script(for: .problem).question)
        #expect(question.stored.isEmpty)
        #expect(m.prompt == "problem> ")
    }

    @Test func wholeInterviewInOrderThenSummaryThenLetter() {
        var m = machine()
        _ = m.start()
        var all: [Action] = []
        for line in ["We lose share", "I can't sleep", "reason 1", "reason 2", "", "impact 1", "", "cap 1", "cap 2", "cap 3"] {
            all += m.answered(line)
        }
        #expect(records(all).map { "\($0.0.rawValue)#\($0.1)=\($0.2)" } == [
            "problem#1=We lose share", "pain#1=I can't sleep",
            "reasons#1=reason 1", "reasons#2=reason 2", "impacts#1=impact 1",
            "capabilities#1=cap 1", "capabilities#2=cap 2", "capabilities#3=cap 3",
        ])
        #expect(Array(all.suffix(3)) == [.showSummary, .draftLetter, .showCommands])
        #expect(m.currentField == nil)
        #expect(m.prompt == "complete> ")
    }

    /// The script's `more` is asked from the second item on, its {n} and
    /// {target} filled in; a script with its own words, so the shipped
    /// wording may change without this test.
    @Test func listPromptsCountItems() {
        var custom = script
        custom.fields["reasons"]?.more = "Item {n} of at most {target}"
        var m = InterviewMachine(script: custom, coach: coach, captured: CapturedAnswers([.problem: ["p"], .pain: ["I"]]))
        guard case .ask(let first)? = m.start().last else { Issue.record("expected ask"); return }
        #expect(first.text == custom.script(for: .reasons).question)
        #expect(m.prompt == "reason 1> ")
        let actions = m.answered("first")
        #expect(m.prompt == "reason 2> ")
        guard case .ask(let question)? = actions.last else { Issue.record("expected ask"); return }
        #expect(question.text == "Item 2 of at most \(Field.capabilityTarget)")
    }

    @Test func resumeStartsAtFirstFieldWithoutAnAnswer() {
        var m = machine([.problem: ["p"], .pain: ["I hurt"], .reasons: ["r"]])
        let actions = m.start()
        #expect(actions.first == .showCaptured)
        #expect(asked(actions)! == (.impacts, 1))
    }

    @Test func resumeOfACompleteInterviewWaitsForCommands() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .impacts: ["i"], .capabilities: ["c"]])
        #expect(m.start() == [.showCaptured, .showCommands])
        #expect(m.answered("stray text").allSatisfy(isReject))
        #expect(m.answered("") == [])
    }

    @Test func backShowsWhatIsStoredAndANewAnswerIsANewVersion() {
        var m = machine()
        _ = m.start()
        _ = m.answered("first problem")
        let back = m.command(.back)
        guard case .ask(let question)? = back.last else { Issue.record("expected ask"); return }
        #expect(question.field == .problem)
        #expect(question.stored == ["first problem"])
        #expect(question.keepHint == script.keepHint)
        let again = m.answered("second problem")
        #expect(records(again).map(\.2) == ["second problem"])
        #expect(records(again).map(\.1) == [1])
        #expect(asked(again)! == (.pain, nil))
        #expect(m.captured[.problem] == ["second problem"])
    }

    @Test func enterKeepsAStoredAnswer() {
        var m = machine([.problem: ["kept"]])
        _ = m.start()
        _ = m.command(.back)
        let actions = m.answered("")
        #expect(records(actions).isEmpty)
        #expect(asked(actions)! == (.pain, nil))
    }

    @Test func blankAnswerWithNothingStoredIsRefused() {
        var m = machine()
        _ = m.start()
        let actions = m.answered("   ")
        #expect(isReject(actions[0]))
        #expect(asked(actions)! == (.problem, nil))
    }

    @Test func backAtTheFirstQuestionIsRefused() {
        var m = machine()
        _ = m.start()
        let actions = m.command(.back)
        #expect(isReject(actions[0]))
        #expect(asked(actions)! == (.problem, nil))
    }

    @Test func skipLeavesAFieldForLater() {
        var m = machine([.problem: ["p"]])
        _ = m.start()
        let actions = m.command(.skip)
        #expect(records(actions).isEmpty)
        #expect(asked(actions)! == (.reasons, 1))
    }

    @Test func editJumpsToAFieldThenReturns() {
        var m = machine([.problem: ["p"], .pain: ["I"]])
        _ = m.start()
        _ = m.answered("reason one")
        let edit = m.command(.edit(.pain, item: nil))
        #expect(asked(edit)! == (.pain, nil))
        let answer = m.answered("I really hurt")
        #expect(records(answer).map(\.0) == [.pain])
        #expect(asked(answer)! == (.reasons, 2))
    }

    @Test func aListShowsItsItemsWithAHintThatTypingAddsOne() {
        var custom = script
        custom.listHint = "LIST HINT /edit {field} N"
        var m = InterviewMachine(script: custom, coach: coach, captured: CapturedAnswers([.problem: ["p"], .pain: ["I"]]))
        _ = m.start()
        guard case .ask(let question)? = m.answered("a").last else { Issue.record("expected ask"); return }
        #expect(question.stored == ["a"])
        // The list's hint, not keepHint: Enter here ends the list, a typed line adds an item.
        #expect(question.keepHint == "LIST HINT /edit reasons N")
    }

    @Test func editOneItemOfAListReplacesThatItem() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["a", "b", "c"]])
        _ = m.start()
        let edit = m.command(.edit(.reasons, item: 2))
        guard case .ask(let question)? = edit.last else { Issue.record("expected ask"); return }
        #expect(question.stored == ["b"])
        #expect(question.firstStoredNumber == 2)
        #expect(m.prompt == "reason 2> ")
        let answer = m.answered("B!")
        #expect(records(answer).map { "\($0.1)=\($0.2)" } == ["2=B!"])
        #expect(m.captured[.reasons] == ["a", "B!", "c"])
        #expect(asked(answer)! == (.impacts, 1))
    }

    /// Issue 11: correcting an item while the list is still open returns to
    /// the open list (its next item), not to the next field.
    @Test func editingAnItemOfTheOpenListReturnsToThatList() {
        var m = machine([.problem: ["p"], .pain: ["I"]])
        _ = m.start()
        _ = m.answered("a")
        _ = m.answered("b")
        #expect(m.prompt == "reason 3> ")
        let edit = m.command(.edit(.reasons, item: 1))
        #expect(asked(edit)! == (.reasons, 1))
        let answer = m.answered("A!")
        #expect(records(answer).map { "\($0.0.rawValue)#\($0.1)=\($0.2)" } == ["reasons#1=A!"])
        #expect(asked(answer)! == (.reasons, 3))
        #expect(m.prompt == "reason 3> ")
        // Enter on the replaced item keeps it and also returns to the open list.
        _ = m.command(.edit(.reasons, item: 2))
        #expect(asked(m.answered(""))! == (.reasons, 3))
        // The list still ends as before.
        #expect(asked(m.answered(""))! == (.impacts, 1))
        #expect(m.captured[.reasons] == ["A!", "b"])
    }

    @Test func editOfAMissingItemIsRefused() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["a"]])
        _ = m.start()
        let actions = m.command(.edit(.reasons, item: 4))
        #expect(isReject(actions[0]))
        // It says how to add one more, which a rep after the fourth reason means.
        if case .reject(let message) = actions[0] {
            #expect(message == "Reasons has 1 item; /edit reasons adds one more, /edit reasons 1 changes the last one.", "\(message)")
        }
        #expect(asked(actions)! == (.impacts, 1))
    }

    @Test func editFromTheCompleteInterviewReturnsToIt() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .impacts: ["i"], .capabilities: ["c"]])
        _ = m.start()
        _ = m.command(.edit(.problem, item: nil))
        #expect(m.answered("new problem").last == .showCommands)
        #expect(m.currentField == nil)
    }

    @Test func doneEndsAListButNotASingleField() {
        var m = machine()
        _ = m.start()
        #expect(isReject(m.command(.done)[0]))
        _ = m.answered("p")
        _ = m.answered("I")
        _ = m.answered("r")
        #expect(asked(m.command(.done))! == (.impacts, 1))
    }

    @Test func inlineBulletsBecomeSeparateItems() {
        var m = machine([.problem: ["p"], .pain: ["I"]])
        _ = m.start()
        let actions = m.answered("* Nobody owns the data * Reports are built by hand * It's \"fine\"")
        #expect(records(actions).map(\.2) == ["Nobody owns the data", "Reports are built by hand", "It's \"fine\""])
        #expect(records(actions).map(\.1) == [1, 2, 3])
    }

    @Test func capabilitiesStopAtThreeAndFewerAreAcceptedWithAdvice() {
        var full = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .impacts: ["i"]])
        _ = full.start()
        _ = full.answered("* one * two")
        #expect(full.answered("three").suffix(3) == [.showSummary, .draftLetter, .showCommands])

        var few = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .impacts: ["i"]])
        _ = few.start()
        _ = few.answered("only one")
        let end = few.answered("")
        #expect(end.first == .advise(coach.rules.messages.fewCapabilities))
        #expect(end.dropFirst().first == .confirmList("So what I hear is: “only one”. Is that right?"))
        #expect(end.suffix(3) == [.showSummary, .draftLetter, .showCommands])
    }

    @Test func anAnswerOverTheLimitIsRefusedAndNothingRecorded() {
        var m = machine()
        _ = m.start()
        let actions = m.answered(String(repeating: "x", count: InterviewMachine.maximumAnswerBytes + 1))
        #expect(isReject(actions[0]))
        #expect(records(actions).isEmpty)
        #expect(m.captured.isEmpty)
    }

    @Test func helpShowLetterKeepTheQuestion() {
        var m = machine()
        _ = m.start()
        #expect(m.command(.help).first == .showHelp(.problem))
        #expect(m.command(.show).first == .showCaptured)
        #expect(m.command(.letter).first == .draftLetter)
        #expect(asked(m.command(.letter))! == (.problem, nil))
    }

    @Test func setAndOpportunityTouchTheRecordAndKeepTheQuestion() {
        var m = machine([.problem: ["p"]])
        _ = m.start()
        let set = m.command(.set(.stage, value: "Needs Analysis"))
        #expect(set.first == .setField(.stage, value: "Needs Analysis"))
        #expect(asked(set)! == (.pain, nil))
        #expect(records(set).isEmpty)
        #expect(m.command(.opportunity).first == .showOpportunity)
        // The answer after /set still lands in the question that was open.
        #expect(records(m.answered("I can't sleep")).first?.0 == .pain)

        var complete = machine(full)
        _ = complete.start()
        #expect(complete.command(.set(.amount, value: "")) == [.setField(.amount, value: "")])
        #expect(complete.command(.opportunity) == [.showOpportunity])
    }

    @Test func quitAndEndOfInputFinish() {
        var quitting = machine()
        _ = quitting.start()
        #expect(quitting.command(.quit) == [.finish])
        #expect(quitting.isFinished)
        var ending = machine([.problem: ["p"]])
        _ = ending.start()
        #expect(ending.endOfInput() == [.finish])
        #expect(ending.interrupted() == [])
    }

    @Test func painThatSoundsLikeAProblemGetsCoached() {
        var m = machine([.problem: ["p"]])
        _ = m.start()
        let problem = m.answered("Revenue is down 10%")
        // Stored first, exactly as typed; the coach comes after and changes nothing.
        #expect(records(problem).map(\.2) == ["Revenue is down 10%"])
        #expect(coached(problem).map(\.kind) == [.problem])
        #expect(coached(problem).first?.nextProbe?.text == "What does that mean for you personally?")
        _ = m.command(.back)
        _ = m.command(.skip)
        _ = m.command(.back)
        #expect(coached(m.answered("I can't hit my number")).map(\.kind) == [.pain])
    }

    @Test func everyAnswerIsJudgedAndEachClosedListReadBack() {
        var m = machine([.problem: ["We lose share"], .pain: ["I can't sleep"]])
        _ = m.start()
        let inline = m.answered("* Nobody owns the data * We need a tool that merges the sheets")
        #expect(coached(inline).map { $0.reason?.capabilityInDisguise } == [.no, .yes])
        #expect(coached(inline).last?.nextProbe?.text == "What else stops you?")
        let closed = m.answered("")
        #expect(closed.first == .confirmList("So what I hear is: “Nobody owns the data” and “We need a tool that merges the sheets”. Is that right?"))
        #expect(asked(closed)! == (.impacts, 1))
    }

    /// A buyer's words that happen to look like a placeholder are quoted as typed,
    /// never filled in with another answer.
    @Test func wordsThatLookLikePlaceholdersAreQuotedAsTyped() {
        let braces = "We call it {problem} {pain} {reason} {impact} {capability} {nextReason} {last} {items}"
        var m = machine([.problem: ["We lose share"], .pain: ["I can't sleep"], .reasons: ["No data"], .impacts: ["The CFO"]])
        _ = m.start()
        let report = coached(m.answered(braces)).first
        #expect(report?.probes.contains(Probe(kind: .confirm, text: "So what you are saying is: you would need to “\(braces)”. Is that right?")) == true)
        #expect(m.answered("").contains(.confirmList("So what I hear is: “\(braces)”. Is that right?")))
        #expect("Reason {n} of {target}".filled(["n": "{target}", "target": "3"]) == "Reason {target} of 3")
    }

    @Test func probeShowsTheFieldsQuestionsAndKeepsTheQuestionOpen() {
        var m = machine([.problem: ["We lose share"], .pain: ["I can't sleep"]])
        _ = m.start()
        _ = m.answered("Nobody owns the data")
        let probes = m.command(.probe)
        guard case .showProbes(let shown) = probes.first else { Issue.record("expected probes"); return }
        #expect(shown == coach.probes(for: .reasons, captured: m.captured))
        #expect(shown.last == Probe(kind: .confirm, text: "So what I hear is: “Nobody owns the data”. Is that right?"))
        #expect(asked(probes)! == (.reasons, 2))
        #expect(records(probes).isEmpty)
    }

    /// Every state the machine can be in, with every command: it never
    /// traps, always leaves the rep with a question or the command prompt,
    /// and only the commands that record anything record.
    @Test(arguments: startingPoints, allCommands)
    func everyStateAcceptsEveryCommand(start: StartingPoint, command: InterviewCommand) {
        var m = start.machine()
        let actions = m.command(command)
        #expect(records(actions).isEmpty)
        if command == .quit {
            #expect(actions == [.finish])
            #expect(m.isFinished)
            return
        }
        #expect(!m.isFinished)
        let last = actions.last
        let endsAtPrompt: Bool
        switch last {
        case .ask?, .showCommands?, .showIncomplete?, .showCaptured?, .draftLetter?, .reject?, .setField?, .showOpportunity?, .showProbes?: endsAtPrompt = true
        default: endsAtPrompt = false
        }
        #expect(endsAtPrompt, "\(start) + \(command) ended with \(String(describing: last))")
        // An answer after any command lands in the field the prompt names.
        if let field = m.currentField {
            let answer = m.answered("words")
            #expect(records(answer).first?.0 == field)
        }
    }
}

struct StartingPoint: CustomStringConvertible, Sendable {
    let description: String
    let items: [Field: [String]]
    let steps: [String]
    var commands: [InterviewCommand] = []

    func machine() -> InterviewMachine {
        var m = InterviewMachine(script: script, coach: coach, captured: CapturedAnswers(items))
        _ = m.start()
        for step in steps { _ = m.answered(step) }
        for command in commands { _ = m.command(command) }
        return m
    }
}

let full: [Field: [String]] = [.problem: ["p"], .pain: ["I"], .reasons: ["r1", "r2"], .impacts: ["i"], .capabilities: ["c"]]

let startingPoints: [StartingPoint] = Field.allCases.flatMap { field -> [StartingPoint] in
    let before = Dictionary(uniqueKeysWithValues: Field.allCases.filter { $0 < field }.map { ($0, ["x"]) })
    var points = [StartingPoint(description: "asking \(field) fresh", items: before, steps: [])]
    if field.isList {
        points.append(StartingPoint(description: "asking \(field) item 2", items: before, steps: ["one"]))
    }
    return points
} + [
    StartingPoint(description: "complete", items: full, steps: []),
    // Impacts closed empty, then Capabilities: every question visited, Impacts still missing.
    StartingPoint(description: "incomplete", items: full.filter { $0.key != .impacts }, steps: ["", ""]),
    StartingPoint(description: "replacing reasons 2", items: full, steps: [], commands: [.edit(.reasons, item: 2)]),
]

let allCommands: [InterviewCommand] = [.help, .back, .skip, .done, .show, .letter, .quit,
                                       .set(.amount, value: "120000"), .set(.nextMilestone, value: ""), .opportunity, .probe]
    + Field.allCases.map { .edit($0, item: nil) } + [.edit(.reasons, item: 2), .edit(.reasons, item: 9)]

@Suite struct CoachOnCallTests {
    @Test func theCoachIsBuiltAtTheFirstAnswerAndItsNoteSaidOnceBeforeItsWords() {
        let onCall = CoachOnCall(building: { (coach, note: "coach.yaml is broken. The built-in coach is used until it is fixed.") })
        var m = InterviewMachine(script: script, coach: onCall, captured: CapturedAnswers())
        _ = m.start()
        _ = m.command(.help)
        #expect(!onCall.isBuilt)
        let first = m.answered("We lose share")
        #expect(onCall.isBuilt)
        #expect(first.dropFirst().first == .advise("coach.yaml is broken. The built-in coach is used until it is fixed."))
        #expect(coached(first).count == 1)
        let second = m.answered("I can't sleep")
        #expect(!second.contains { if case .advise = $0 { true } else { false } })
        #expect(coached(second).count == 1)
    }

    /// At a terminal the coach is built while the rep types the first answer: once,
    /// and its note is still said once, with its first words.
    @Test func aCoachBuiltAheadIsBuiltOnceAndItsNoteStillSaidOnce() {
        let builds = Atomic<Int>(0)
        let onCall = CoachOnCall(building: {
            builds.add(1, ordering: .relaxed)
            return (coach, note: "coach.yaml is broken. The built-in coach is used until it is fixed.")
        })
        onCall.buildAhead()
        var m = InterviewMachine(script: script, coach: onCall, captured: CapturedAnswers())
        _ = m.start()
        let first = m.answered("We lose share")
        #expect(first.dropFirst().first == .advise("coach.yaml is broken. The built-in coach is used until it is fixed."))
        #expect(coached(first).count == 1)
        #expect(!m.answered("I can't sleep").contains { if case .advise = $0 { true } else { false } })
        onCall.buildAhead()
        #expect(coached(m.answered("Nobody owns the data")).count == 1)
        #expect(builds.load(ordering: .relaxed) == 1)
    }
}

/// An empty first item closes a list with nothing in it; the end of the
/// questions then names what is missing instead of calling the interview complete.
@Suite struct IncompleteEndTests {
    @Test func theEndAfterAnEmptyListSaysWhatIsMissingUntilItIsAnswered() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"]])
        _ = m.start()
        #expect(asked(m.answered(""))! == (.capabilities, 1))
        #expect(m.answered("* a * b * c").suffix(3) == [.showSummary, .draftLetter, .showIncomplete(missing: [.impacts])])
        #expect(m.command(.help) == [.showIncomplete(missing: [.impacts])])
        _ = m.command(.edit(.impacts, item: nil))
        #expect(m.answered("").last == .showIncomplete(missing: [.impacts]))
        _ = m.command(.edit(.impacts, item: nil))
        _ = m.answered("The CFO waits")
        #expect(m.answered("").last == .showCommands)
        #expect(m.command(.help) == [.showCommands])
    }

    @Test func skippedFieldsAreNamedInTheMethodsOrder() {
        var m = machine()
        _ = m.start()
        _ = m.command(.skip)
        _ = m.command(.skip)
        _ = m.answered("r")
        _ = m.answered("")
        _ = m.answered("")
        #expect(m.answered("* a * b * c").last == .showIncomplete(missing: [.problem, .pain, .impacts]))
    }

    /// At the end with Impacts missing the prompt is Impacts', not "complete>",
    /// and what the rep types there is filed to Impacts.
    @Test func wordsTypedAfterTheQuestionsGoToTheFirstMissingField() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"]])
        _ = m.start()
        _ = m.answered("")
        #expect(m.answered("* a * b * c").last == .showIncomplete(missing: [.impacts]))
        #expect(m.prompt == "impact 1> ")
        #expect(m.currentField == .impacts)
        #expect(m.nextRun.start == .impacts && m.nextRun.asksItNow)
        #expect(m.answered("  ").isEmpty, "a blank line files nothing and asks nothing")
        let first = m.answered("The CFO waits")
        #expect(records(first).map { "\($0.0)#\($0.1)=\($0.2)" } == ["impacts#1=The CFO waits"])
        #expect(asked(first)! == (.impacts, 2))
        #expect(m.prompt == "impact 2> ")
        #expect(records(m.answered("Sales misses its number")).map(\.1) == [2])
        let closed = m.answered("")
        #expect(closed.last == .showCommands)
        #expect(!closed.contains(.showSummary), "the summary was shown at the end of the questions")
        #expect(m.prompt == "complete> ")
        #expect(m.answered("more words") == [.reject(script.messages.complete)])
    }

    /// Pain and Impacts missing: Pain's prompt first, then Impacts'.
    @Test func eachMissingFieldTakesItsWordsInTheMethodsOrder() {
        var m = machine([.problem: ["p"], .reasons: ["r"], .capabilities: ["a", "b", "c"]])
        _ = m.start()
        // Pain skipped: on to Impacts, the next gap; closed empty, both are missing.
        #expect(asked(m.command(.skip))! == (.impacts, 1))
        #expect(m.answered("").last == .showIncomplete(missing: [.pain, .impacts]))
        #expect(m.prompt == "pain> ")
        let pain = m.answered("I can't sleep")
        #expect(records(pain).map(\.0) == [.pain])
        #expect(pain.last == .showIncomplete(missing: [.impacts]))
        #expect(m.prompt == "impact 1> ")
    }

    /// Nothing to skip or close at the end: what is missing is said again, nothing is refused as "complete".
    @Test func skipDoneAndHelpAfterTheQuestionsSayWhatIsMissing() {
        var m = machine([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .capabilities: ["c"]])
        _ = m.start()
        _ = m.answered("")
        _ = m.answered("")
        for command in [InterviewCommand.skip, .done, .help] {
            #expect(m.command(command) == [.showIncomplete(missing: [.impacts])], "\(command)")
            #expect(m.prompt == "impact 1> ")
        }
        let tooLong = m.answered(String(repeating: "x", count: InterviewMachine.maximumAnswerBytes + 1))
        #expect(records(tooLong).isEmpty && isReject(tooLong[0]))
        #expect(asked(tooLong)! == (.impacts, 1))
    }

    /// Resuming a deal whose only gap is Impacts (closed with no item): Enter at
    /// `impact 1>` closes it again and the words after it go to Impacts, never to
    /// a 4th of 3 capabilities.
    @Test func resumingTheOnlyGapFilesTheNextWordsThereNotAsAFourthCapability() {
        var m = machine([.problem: ["p"], .pain: ["q"], .reasons: ["r"], .capabilities: ["c1", "c2", "c3"]])
        #expect(asked(m.start())! == (.impacts, 1))
        #expect(m.answered("") == [.showIncomplete(missing: [.impacts])])
        #expect(m.prompt == "impact 1> ")
        let words = m.answered("a fourth one")
        #expect(records(words).map { "\($0.0)#\($0.1)=\($0.2)" } == ["impacts#1=a fourth one"])
        #expect(asked(words)! == (.impacts, 2))
        #expect(m.answered("").last == .showCommands)
    }

    /// Resuming a deal with two gaps (Pain skipped, Impacts closed empty; Reasons
    /// given): Pain's answer leads to Impacts, the next gap, not to Reasons, where
    /// the words meant for Impacts were filed as a second reason.
    @Test func resumingSeveralGapsGoesFromGapToGapPastTheAnsweredFields() {
        var m = machine([.problem: ["p"], .reasons: ["r"], .capabilities: ["c1", "c2", "c3"]])
        #expect(asked(m.start())! == (.pain, nil))
        let pain = m.answered("I can't sleep")
        #expect(records(pain).map(\.0) == [.pain])
        #expect(asked(pain)! == (.impacts, 1))
        #expect(records(m.answered("The CFO waits")).map { "\($0.0)#\($0.1)" } == ["impacts#1"])
        // The last gap closed: every field has an answer, and the interview ends as in order.
        #expect(m.answered("").suffix(3) == [.showSummary, .draftLetter, .showCommands])
    }

    /// `/back` from the first gap asks the field before it; its answer leads back to the gap.
    @Test func backFromAResumedGapReturnsToIt() {
        var m = machine([.problem: ["p"], .reasons: ["r"], .capabilities: ["c1", "c2", "c3"]])
        _ = m.start()
        #expect(asked(m.command(.back))! == (.problem, nil))
        #expect(asked(m.answered("We lose share, said better"))! == (.pain, nil))
        // Skipping a gap goes on to the next one, and past the last one to what is missing.
        #expect(asked(m.command(.skip))! == (.impacts, 1))
        #expect(m.command(.skip) == [.showIncomplete(missing: [.pain, .impacts])])
    }

    /// `/back` at the end with Impacts missing asks Impacts' question, and what is
    /// typed then is filed to Impacts.
    @Test func backWithAFieldMissingAsksTheMissingField() {
        var m = machine([.problem: ["p"], .pain: ["q"], .reasons: ["r"], .capabilities: ["c1", "c2", "c3"]])
        _ = m.start()
        _ = m.answered("")
        #expect(asked(m.command(.back))! == (.impacts, 1))
        #expect(m.prompt == "impact 1> ")
        #expect(records(m.answered("The CFO waits")).map(\.0) == [.impacts])
        // Complete: /back still goes to the last question.
        #expect(m.answered("").last == .showCommands)
        #expect(asked(m.command(.back))! == (.capabilities, 4))
    }
}
