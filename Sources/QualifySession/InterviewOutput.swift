import QualifyKit
import QualifyStore

/// A script's first answer line, read ahead before anything runs, and the field it is filed to.
public struct FirstAnswer: Equatable, Sendable {
    public var line: Int
    public var field: Field
    /// It follows an `/edit FIELD`: the script itself says where it goes.
    public var followsEdit: Bool
}

/// Where an interview shows itself. The driver calls one method per thing
/// the rep should see; whether questions are shown and what a refused line
/// does depends on who types: ``TerminalInterviewOutput`` for a rep at a
/// terminal, ``ScriptInterviewOutput`` for a script on stdin.
public protocol InterviewOutput {
    /// The interview opens on `opportunity` of `accountName`.
    func opened(_ opportunity: Opportunity, accountName: String)
    func ask(_ question: InterviewMachine.Question)
    func showCaptured(_ answers: CapturedAnswers)
    func showSummary(_ answers: CapturedAnswers)
    func showHelp(_ field: Field, script: InterviewScript)
    /// What can be typed once every question has been visited.
    func showCommands()
    /// Every question was visited, but `missing` have no answer.
    func showIncomplete(_ missing: [Field])
    func showLetter(_ body: String)
    func showOpportunity(_ record: OpportunityRecord)
    /// `/plan`: the evaluation plan as it now is.
    func showPlan(_ steps: [PlanStepRecord], of opportunity: Opportunity)
    /// `/set` changed `field` of the record; `warnings` did not stop it.
    func changed(_ field: OpportunityField, of opportunity: Opportunity, warnings: [String])
    /// The coach on the answer just stored: never blocks, never changes it.
    func coach(_ report: CoachReport)
    func advise(_ advice: String)
    /// A list just closed, read back in the buyer's words.
    func confirm(_ line: String)
    /// `/probe`: the questions the rep could ask now.
    func showProbes(_ probes: [Probe])
    /// What was typed on input line `line` was refused and nothing was
    /// stored. Throws to stop the interview there, saying where `nextRun` starts.
    func refused(_ message: String, line: Int, nextRun: InterviewMachine.NextRun) throws
    /// The deal already has `answers`; `nextRun` says where the next run starts, and
    /// `firstAnswer` where the input's first answer line is filed (nil: the input holds
    /// only commands, or is not read ahead). Said before any line is run; throws to
    /// refuse the run before anything is filed.
    func resuming(_ answers: CapturedAnswers, nextRun: InterviewMachine.NextRun, firstAnswer: FirstAnswer?) throws
    /// Whether the session reads a script's opening commands ahead to find its first
    /// answer line before ``resuming(_:nextRun:firstAnswer:)``; never at a terminal.
    var readsAheadToFirstAnswer: Bool { get }
    func finished()
    /// The database did not take an answer (`reason`); `waiting` answers
    /// are kept in memory for `/retry`. Throws to stop a script there.
    func notSaved(_ reason: String, waiting: Int, line: Int) throws
    /// `/retry` stored `count` waiting answers (0: none was waiting).
    func savedWaiting(_ count: Int)
    /// Answers an earlier interview could not store, kept in `file`: true
    /// when the rep should be asked whether to store them now.
    func offerRecovered(_ answers: [UnsavedAnswer], file: String) -> Bool
    /// Answers still unsaved on the way out, kept in `file` (nil: it could not be written).
    func keptForLater(_ answers: [UnsavedAnswer], file: String?)
}

/// What both outputs print the same way, through a ``Console``.
public protocol ConsoleInterviewOutput: InterviewOutput {
    var console: Console { get }
    /// The sentences, from the interview script (interview.yaml `messages:`).
    var messages: InterviewScript.Messages { get }
}

extension ConsoleInterviewOutput {
    var transcript: Transcript { Transcript(console: console, messages: messages) }

    public func showSummary(_ answers: CapturedAnswers) {
        console.say()
        console.say(console.bold(messages.summary))
        transcript.showCaptured(answers)
    }

    public func showHelp(_ field: Field, script: InterviewScript) {
        transcript.showHelp(field, script: script)
    }

    public func showPlan(_ steps: [PlanStepRecord], of opportunity: Opportunity) {
        PlanListing(console: console, messages: messages).show(steps, of: opportunity)
    }

    public func showLetter(_ body: String) {
        console.say()
        console.document(body)
    }

    public func changed(_ field: OpportunityField, of opportunity: Opportunity, warnings: [String]) {
        warnings.forEach(console.note)
        console.say(messages.fieldSet.filled(["field": field.rawValue, "opportunity": opportunity.name]))
    }

    /// Asked for, so shown to a script too.
    public func showProbes(_ probes: [Probe]) {
        if probes.isEmpty { console.say(messages.noProbes) }
        for probe in probes { console.prose(console.accent(messages.probe.filled(["kind": probe.kind.rawValue])) + probe.text, indent: "  ") }
    }

    public func keptForLater(_ answers: [UnsavedAnswer], file: String?) {
        let count = ["count": String(answers.count)]
        guard let file else {
            // Not even the recovery file could be written: the screen is the last place they are.
            console.note((answers.count == 1 ? messages.keptNowhereOne : messages.keptNowhereMany).filled(count))
            for answer in answers { console.note("\(answer.field.rawValue) \(answer.position): \(answer.text)") }
            return
        }
        console.note((answers.count == 1 ? messages.keptForLaterOne : messages.keptForLaterMany).filled(count.merging(["file": file]) { $1 }))
    }
}

/// A rep at a terminal: questions are shown, and a mistake is explained and
/// asked again.
public struct TerminalInterviewOutput: ConsoleInterviewOutput {
    public let console: Console
    public let messages: InterviewScript.Messages

    public init(console: Console, messages: InterviewScript.Messages) {
        self.console = console
        self.messages = messages
    }

    public func opened(_ opportunity: Opportunity, accountName: String) {
        console.prose(console.bold(messages.opened.filled(["opportunity": opportunity.name])) + " (\(accountName))" + (opportunity.isDemo ? messages.demoData : ""))
        console.prose(console.dim(messages.openingHint))
    }

    public func ask(_ question: InterviewMachine.Question) { transcript.ask(question) }

    public func showCaptured(_ answers: CapturedAnswers) {
        console.say()
        transcript.showCaptured(answers)
    }

    public func showCommands() { transcript.showCommands() }

    public func showIncomplete(_ missing: [Field]) {
        console.say()
        console.prose(console.warning(messages.incompleteCommands.filled(["fields": missing.map(\.title).joined(separator: ", "),
                                                                          "title": missing[0].title, "field": missing[0].rawValue])))
    }

    public func showOpportunity(_ record: OpportunityRecord) {
        OpportunityCard(console: console, messages: messages).show(record)
    }

    /// What was judged and why on one dim line, what needs the rep's attention
    /// in colour, then the one question to ask next.
    public func coach(_ report: CoachReport) {
        console.prose(console.dim(messages.coach + report.judgmentLines.joined(separator: " · ")), indent: "  ")
        for note in report.notes { advise(note) }
        if let probe = report.nextProbe {
            console.prose(console.accent(messages.askNext) + probe.text + console.dim(messages.moreProbes), indent: "  ")
        }
    }

    public func advise(_ advice: String) { console.prose(console.warning(messages.coach) + advice, indent: "  ") }

    public func confirm(_ line: String) { console.prose(console.accent(messages.confirm) + line, indent: "  ") }

    public func refused(_ message: String, line: Int, nextRun: InterviewMachine.NextRun) throws { console.prose(console.warning(message)) }

    /// The rep sees the stored answers and the question: nothing to add.
    public func resuming(_ answers: CapturedAnswers, nextRun: InterviewMachine.NextRun, firstAnswer: FirstAnswer?) throws {}

    public var readsAheadToFirstAnswer: Bool { false }

    public func finished() { console.say(console.dim(messages.saved)) }

    public func notSaved(_ reason: String, waiting: Int, line: Int) throws {
        console.prose(console.warning(messages.notSaved) + reason)
        console.prose((waiting == 1 ? messages.keptHereOne : messages.keptHereMany).filled(["count": String(waiting)]))
    }

    public func savedWaiting(_ count: Int) {
        let said = count == 0 ? messages.savedNoneWaiting : count == 1 ? messages.savedOneWaiting : messages.savedManyWaiting
        console.prose(said.filled(["count": String(count)]))
    }

    public func offerRecovered(_ answers: [UnsavedAnswer], file: String) -> Bool {
        let said = answers.count == 1 ? messages.recoveredOne : messages.recoveredMany
        console.prose(console.warning(said.filled(["count": String(answers.count)])))
        for answer in answers { console.say("  \(answer.field.rawValue): \u{201C}\(answer.text)\u{201D}") }
        return true
    }
}

/// A script on stdin: no questions are shown (the script knows them), advice
/// goes to stderr, and the first refused line stops the run with an error,
/// so no later answer is filed under the wrong question.
public struct ScriptInterviewOutput: ConsoleInterviewOutput {
    public let console: Console
    public let messages: InterviewScript.Messages
    /// The rep's --resume: the input's first line answers the first question
    /// without an answer. Without it a deal with answers refuses the script.
    public let resumes: Bool

    public init(console: Console, messages: InterviewScript.Messages, resumes: Bool = false) {
        self.console = console
        self.messages = messages
        self.resumes = resumes
    }

    public func opened(_ opportunity: Opportunity, accountName: String) {}

    public func ask(_ question: InterviewMachine.Question) {}

    /// Under a heading: no question comes before it, so a resumed run's first lines read as
    /// what it had just filed ("Pain: (not captured)" above the Pain it had stored).
    public func showCaptured(_ answers: CapturedAnswers) {
        console.say(messages.storedNow)
        transcript.showCaptured(answers)
    }

    public func showCommands() {}

    /// The script chose what to leave out; its summary shows "(not captured)".
    public func showIncomplete(_ missing: [Field]) {}

    public func showOpportunity(_ record: OpportunityRecord) { OpportunityCard(console: console, messages: messages).show(record) }

    /// A script reads no judgments; what needs attention goes to stderr.
    public func coach(_ report: CoachReport) { report.notes.forEach(advise) }

    public func advise(_ advice: String) { console.note(advice) }

    public func confirm(_ line: String) {}

    /// Fixing the line and running the same input again would file every
    /// answer one question late: say where the next run starts and from which line.
    public func refused(_ message: String, line: Int, nextRun: InterviewMachine.NextRun) throws {
        let next: String
        if let start = nextRun.start {
            // Nothing stored: the same input, fixed, replays the same way and needs no --resume.
            let sentence = !nextRun.hasAnswers ? messages.nextRunAgain : nextRun.asksItNow ? messages.nextRunFrom : messages.nextRunAt
            next = sentence.filled(["title": start.title, "line": String(line)])
        } else {
            next = messages.nextRunComplete
        }
        throw CommandFailure(messages.scriptRefused.filled(["line": String(line), "message": message]) + " " + next)
    }

    /// A script does not see the questions: the same input fed again after a
    /// failure would file every answer one question late. So on a deal with
    /// answers it is refused before anything is filed, unless the rep said
    /// --resume; then it is told which question its first answer line answers.
    /// Input of only commands (or none) files nothing and runs, and so does input
    /// whose first answer follows an `/edit FIELD`: it names where it goes.
    public func resuming(_ answers: CapturedAnswers, nextRun: InterviewMachine.NextRun, firstAnswer: FirstAnswer?) throws {
        guard !answers.isEmpty else { return }
        // Every field answered: an answer line is refused by itself, so nothing can land one field late;
        // one after an `/edit` goes to the field it names, said below.
        if nextRun.start == nil && firstAnswer?.followsEdit != true { return console.note(messages.resumingComplete) }
        guard let firstAnswer else { return }
        let titles = Field.allCases.filter(answers.has).map(\.title)
        let values = ["fields": titles.count == 1 ? titles[0] : titles.dropLast().joined(separator: ", ") + " and " + titles.last!,
                      "title": firstAnswer.field.title, "line": String(firstAnswer.line)]
        guard resumes || firstAnswer.followsEdit else {
            throw CommandFailure((titles.count == 1 ? messages.resumeRefusedOne : messages.resumeRefusedMany).filled(values))
        }
        console.note((titles.count == 1 ? messages.resumingOne : messages.resumingMany).filled(values))
    }

    /// A script's lines are all there: its opening commands can be read before any is run.
    public var readsAheadToFirstAnswer: Bool { true }

    public func finished() {}

    public func notSaved(_ reason: String, waiting: Int, line: Int) throws {
        throw CommandFailure(messages.scriptNotSaved.filled(["line": String(line), "reason": reason]))
    }

    public func savedWaiting(_ count: Int) {}

    /// A script's lines are answers: it is not asked, the file waits for a terminal.
    public func offerRecovered(_ answers: [UnsavedAnswer], file: String) -> Bool {
        let said = answers.count == 1 ? messages.scriptRecoveredOne : messages.scriptRecoveredMany
        console.note(said.filled(["count": String(answers.count), "file": file]))
        return false
    }
}
