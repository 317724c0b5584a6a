import Foundation
import LineEditor
import QualifyKit
import QualifyPrompts
import QualifyStore

/// Drives one interview: feeds what the rep types to the machine and
/// performs the actions it returns, in order. A `record` is committed to
/// SQLite before anything after it is shown.
///
/// The lines come from any ``LineSource`` and everything shown goes to an
/// ``InterviewOutput``, so the same driver serves a terminal, a piped
/// script and the in-process tests.
public struct InterviewSession {
    let database: QualifyDatabase
    let opportunity: Opportunity
    let prompts: PromptLibrary
    /// Loaded by whoever built the output from it; else from `prompts` when the interview starts.
    let script: InterviewScript?
    let output: any InterviewOutput
    let rep: String
    /// What Tab offers during the interview (field names, stored names).
    let completer: @Sendable (String) -> [String]
    /// Ctrl-C during a write stops waiting for another qualify's lock.
    let interruption: WaitInterruption?
    /// Where answers the database could not take go when the rep quits.
    let recovery: RecoveryFile?
    /// A rep types for seconds before the first Enter: the coach is built meanwhile.
    /// A script's next line is already there, so it is not.
    let buildsCoachAhead: Bool

    public init(database: QualifyDatabase, opportunity: Opportunity, prompts: PromptLibrary,
                script: InterviewScript? = nil, output: any InterviewOutput, rep: String,
                completer: @escaping @Sendable (String) -> [String] = { _ in [] },
                interruption: WaitInterruption? = nil, recovery: RecoveryFile? = nil, buildsCoachAhead: Bool = false) {
        self.database = database
        self.opportunity = opportunity
        self.prompts = prompts
        self.script = script
        self.output = output
        self.rep = rep
        self.completer = completer
        self.interruption = interruption
        self.recovery = recovery
        self.buildsCoachAhead = buildsCoachAhead
    }

    public func run(source: LineSource) throws {
        // Inside the REPL the source completes the home's words; give it back when the interview ends.
        let homeCompleter = source.completer, homeHistory = source.keepsInHistory
        source.completer = completer
        // The buyer's answers are in the database already; history recalls commands.
        source.keepsInHistory = { InterviewInput.isCommandLine($0) }
        defer {
            source.completer = homeCompleter
            source.keepsInHistory = homeHistory
        }
        let script = try self.script ?? prompts.interviewScript()
        output.opened(opportunity, accountName: try database.accountName(of: opportunity))
        try offerRecovered(source: source, prompt: script.messages.storeRecovered)
        // Built after the recovered answers are stored: the machine resumes from what is stored.
        var run = try Run(session: self, script: script)
        run.lineNumber = source.linesRead
        let (ahead, firstAnswer) = try readAheadToFirstAnswer(source, resuming: run.machine)
        try output.resuming(run.machine.captured, nextRun: run.machine.nextRun, firstAnswer: firstAnswer)
        do {
            try run.perform(run.machine.start())
            if buildsCoachAhead { run.coach.buildAhead() }
            for event in ahead where !run.machine.isFinished { try run.read(event) }
            while !run.machine.isFinished {
                try run.read(source.readLine(prompt: run.prompt))
            }
        } catch {
            run.keepUnsaved()
            throw error
        }
        run.keepUnsaved()
    }

    /// A script resuming a deal with answers is refused only if it files an
    /// answer: its opening commands (`/show`, `/edit pain`) are read, not run,
    /// up to its first other line, which is returned with the field it is filed
    /// to (its commands run on a copy of the machine).
    /// Nothing is read at a terminal or on a new deal.
    private func readAheadToFirstAnswer(_ source: LineSource, resuming machine: InterviewMachine) throws -> ([LineEvent], FirstAnswer?) {
        guard output.readsAheadToFirstAnswer, machine.nextRun.hasAnswers else { return ([], nil) }
        var ahead: [LineEvent] = []
        var probe = machine
        _ = probe.start()
        var followsEdit = false
        while true {
            let event = try source.readLine(prompt: "")
            ahead.append(event)
            guard case .line(let text) = event else { return (ahead, nil) }
            guard InterviewInput.isCommandLine(text) else {
                return (ahead, probe.currentField.map { FirstAnswer(line: source.linesRead, field: $0, followsEdit: followsEdit) })
            }
            let command: InterviewCommand
            switch InterviewInput(line: text) {
            // A mistyped command is the run's to refuse, by its line, before any answer is filed.
            case .invalid: return (ahead, nil)
            // `/probe` moves nowhere, and would build the coach the run shares.
            case .command(.probe), .answer: continue
            case .command(let given): command = given
            }
            let field = probe.currentField
            _ = probe.command(command)
            // Named (`/edit pain`), the field is the script's choice; stepped to (`/back`, `/skip`), it is not.
            if case .edit = command { followsEdit = true } else if probe.currentField != field { followsEdit = false }
        }
    }

    /// One answer, as a new version at its place (the versions before it stay in the history).
    func store(_ answer: UnsavedAnswer) throws(StoreError) {
        _ = try database.record(answer.text, field: answer.field, position: answer.position,
                                opportunityId: opportunity.id!, capturedBy: rep)
    }

    /// Answers an earlier interview could not store: stored now if the rep says so.
    private func offerRecovered(source: LineSource, prompt: String) throws {
        guard let recovery else { return }
        let answers = recovery.answers
        guard !answers.isEmpty, output.offerRecovered(answers, file: recovery.url.path) else { return }
        guard case .line(let reply) = try source.readLine(prompt: prompt),
              ["", "y", "yes"].contains(reply.trimmingCharacters(in: .whitespaces).lowercased()) else {
            return output.keptForLater(answers, file: recovery.url.path)
        }
        for answer in answers { try store(answer) }
        recovery.remove()
        output.savedWaiting(answers.count)
    }

    /// One interview's moving parts: the machine, an open multi-line quote
    /// and the input line number a script's error names.
    private struct Run {
        let session: InterviewSession
        let script: InterviewScript
        let coach: CoachOnCall
        let drafting: LetterDrafting
        let editor: OpportunityEditor
        var machine: InterviewMachine
        var block = QuoteBlockAssembler()
        var lineNumber = 0
        /// Answers the machine took but the database did not (yet), oldest first.
        var unsaved: [UnsavedAnswer] = []

        init(session: InterviewSession, script: InterviewScript) throws {
            self.session = session
            self.script = script
            coach = CoachOnCall(building: { [prompts = session.prompts, messages = script.messages] in Self.coach(from: prompts, messages: messages) })
            // The letter's templates are read when a letter is drafted; a broken one is said then, and the call goes on.
            drafting = LetterDrafting(database: session.database, prompts: session.prompts,
                                      sender: try Environment.sender(), rep: session.rep)
            editor = OpportunityEditor(database: session.database)
            machine = InterviewMachine(script: script, coach: coach, captured: try session.database.capturedAnswers(opportunityId: session.opportunity.id!))
        }

        /// A team's broken coach.yaml must not keep the rep from the call: the built-in coach speaks instead.
        private static func coach(from prompts: PromptLibrary, messages: InterviewScript.Messages) -> (coach: SalesCoach, note: String?) {
            do {
                return (try prompts.coach(), nil)
            } catch {
                let note = messages.coachFallback.filled(["problem": error.description.endingSentence])
                return (PromptLibrary.builtInCoach, note)
            }
        }

        var prompt: String { block.isOpen ? "... " : machine.prompt }

        mutating func read(_ event: LineEvent) throws {
            switch event {
            case .endOfInput:
                if let text = block.flush() { try perform(machine.answered(text)) }
                try perform(machine.endOfInput())
            case .interrupted:
                block.cancel()
                try perform(machine.interrupted())
            case .line(let line):
                let firstLine = lineNumber + 1
                lineNumber += 1 + line.count(where: { $0 == "\n" })
                // Refused before the machine sees it: nothing is stored and the same question is asked again.
                if let problem = ControlCharacters.firstProblem(in: line) {
                    return try refuse(script.messages.controlCharacter.filled(["column": String(problem.column), "reason": problem.reason]),
                                      line: firstLine + problem.line - 1)
                }
                try handle(line)
            }
        }

        private mutating func handle(_ line: String) throws {
            // A bracketed paste of several lines is one answer, unless it lands inside a block.
            if line.contains("\n"), !block.isOpen {
                try perform(machine.answered(line))
                return
            }
            for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
                switch block.feed(String(part)) {
                case nil:
                    continue
                case .quote(let text)?:
                    try perform(machine.answered(text))
                case .line(let text)?:
                    if text.utf8.contains(UInt8(ascii: "/")), text.trimmingCharacters(in: .whitespaces) == "/retry" {
                        let waiting = unsaved.count
                        if try saveUnsaved() { session.output.savedWaiting(waiting) }
                        continue
                    }
                    switch InterviewInput(line: text) {
                    case .answer(let answer): try perform(machine.answered(answer))
                    case .command(let command): try perform(machine.command(command))
                    case .invalid(let message): try perform([.reject(message)])
                    }
                }
            }
        }

        /// Performs the actions of one event in order. `machine.captured`
        /// already holds every answer they record, and no action shows the
        /// answers before a `record` of the same event, so what is shown is
        /// what the store holds, plus any answer still waiting for /retry
        /// (which `notSaved` has told the rep about).
        mutating func perform(_ actions: [InterviewMachine.Action]) throws {
            let database = session.database, output = session.output, opportunity = session.opportunity
            for action in actions {
                switch action {
                case .ask(let question):
                    output.ask(question)
                case .record(let field, let position, let text):
                    unsaved.append(UnsavedAnswer(field: field, position: position, text: text))
                    try saveUnsaved()
                case .showCaptured:
                    output.showCaptured(machine.captured)
                case .showHelp(let field):
                    output.showHelp(field, script: script)
                case .showCommands:
                    output.showCommands()
                case .showIncomplete(let missing):
                    output.showIncomplete(missing)
                case .showSummary:
                    output.showSummary(machine.captured)
                case .draftLetter:
                    // Fetched again: /set may have renamed the opportunity or changed its sponsor.
                    do {
                        let current = try database.opportunity(id: opportunity.id!)
                        output.showLetter(try drafting.draft(for: current))
                    } catch let error as StoreError {
                        try output.notSaved(script.messages.letterNotSaved.filled(["reason": error.description]), waiting: unsaved.count, line: lineNumber)
                    } catch let error as CommandFailure {
                        // A team's broken letter template: the answers are stored, the call goes on.
                        try refuse(script.messages.letterNotDrafted.filled(["reason": error.description.endingSentence]), line: lineNumber)
                    }
                case .setField(let field, let value):
                    do {
                        let (updated, warnings) = try editor.set(field, to: value, on: opportunity)
                        output.changed(field, of: updated, warnings: warnings)
                    } catch let error as UserFacingError {
                        try refuse(error.description.endingSentence, line: lineNumber)
                    }
                case .showOpportunity:
                    output.showOpportunity(try editor.record(of: opportunity))
                case .plan(let request):
                    do {
                        try changePlan(request)
                        output.showPlan(try database.planSteps(opportunityId: opportunity.id!), of: opportunity)
                    } catch let error as UserFacingError {
                        try refuse(error.description.endingSentence, line: lineNumber)
                    }
                case .coach(let report):
                    output.coach(report)
                case .advise(let advice):
                    output.advise(advice)
                case .confirmList(let line):
                    output.confirm(line)
                case .showProbes(let probes):
                    output.showProbes(probes)
                case .reject(let message):
                    try refuse(message, line: lineNumber)
                case .finish:
                    if try saveUnsaved() { output.finished() }
                }
            }
        }

        private func refuse(_ message: String, line: Int) throws {
            try session.output.refused(message, line: line, nextRun: machine.nextRun)
        }

        /// Stores the waiting answers in order; at the first the database
        /// refuses (busy, full, read-only, damaged) that one and the rest stay
        /// waiting, and the rep is told. True when nothing is left waiting.
        @discardableResult
        mutating func saveUnsaved() throws -> Bool {
            while let answer = unsaved.first {
                do {
                    try waitingForTheLock { try session.store(answer) }
                } catch let error as StoreError {
                    try session.output.notSaved(error.description, waiting: unsaved.count, line: lineNumber)
                    return false
                }
                unsaved.removeFirst()
            }
            return true
        }

        /// `/plan STEP --who … --due …` and `/plan done N`, checked as `qualify plan` checks them.
        private func changePlan(_ request: PlanRequest) throws {
            let database = session.database, id = session.opportunity.id!
            switch request {
            case .show:
                return
            case .add(let what, let who, let due, let decision):
                let notes = Console(colors: false)
                try database.addPlanStep(what, owner: try PlanInput.owner(who), due: try PlanInput.due(due, console: notes),
                                         isDecision: decision, opportunityId: id, by: session.rep)
            case .done(let number):
                try database.changePlanStep(number, opportunityId: id, PlanStepChange(isDone: true), by: session.rep)
            }
        }

        private func waitingForTheLock<T>(_ body: () throws -> T) throws -> T {
            guard let interruption = session.interruption else { return try body() }
            return try interruption.listening(body)
        }

        /// On the way out: one more try, then the recovery file, else the screen.
        mutating func keepUnsaved() {
            while let answer = unsaved.first, (try? session.store(answer)) != nil { unsaved.removeFirst() }
            guard !unsaved.isEmpty else { return }
            let answers = unsaved
            unsaved = []
            guard let recovery = session.recovery else { return session.output.keptForLater(answers, file: nil) }
            do {
                try recovery.keep(answers)
                session.output.keptForLater(answers, file: recovery.url.path)
            } catch {
                session.output.keptForLater(answers, file: nil)
            }
        }
    }
}
