import Foundation

/// Decides what the interview does next. Pure: it never touches the
/// terminal or the database; the driver performs the returned actions in
/// order (a `record` is committed before any later `ask` is shown).
///
/// Written the way postgres-nio writes its ConnectionStateMachine: a private
/// `State` whose cases carry the context that belongs to them, one mutating
/// method per event, each switching over every state and returning actions.
/// The sentences it says come from the interview script (`messages:`).
public struct InterviewMachine: Sendable {
    /// Longer than any spoken quote: a paste this large is an accident, and
    /// storing it would bury the real answers in reviews and letters.
    public static let maximumAnswerBytes = 64 * 1024

    public struct Question: Equatable, Sendable {
        public var field: Field
        /// 1-based item of a list being asked for, nil for a single field.
        public var item: Int?
        public var text: String
        /// What is stored for the field now, shown when a question is asked again.
        public var stored: [String]
        /// The item number of `stored[0]`: 1, or the item being replaced.
        public var firstStoredNumber = 1
        /// How to keep the stored answer, present when there is one.
        public var keepHint: String?
    }

    public enum Action: Equatable, Sendable {
        /// Print the question, then read an answer.
        case ask(Question)
        /// Store a new version of one item of a field (position is 1-based).
        case record(field: Field, position: Int, text: String)
        /// Print everything captured so far.
        case showCaptured
        case showHelp(Field)
        /// Print the commands available once the interview is complete.
        case showCommands
        /// Every question was visited but `missing` have no answer (an
        /// empty list closed, a /skip): say so and how to come back to them,
        /// where `showCommands` would call the interview complete.
        case showIncomplete(missing: [Field])
        case showSummary
        case draftLetter
        /// Change a field of the CRM record; the store validates the value.
        case setField(OpportunityField, value: String)
        case showOpportunity
        /// `/plan`: show or change the evaluation plan.
        case plan(PlanRequest)
        /// What the coach makes of the answer just stored (judgments with
        /// their words, notes, the next probe); the answer stays as typed.
        case coach(CoachReport)
        /// The coach's advice: on a list just closed, or why it is not the coach configured.
        case advise(String)
        /// A list just closed, read back in the buyer's words for them to confirm.
        case confirmList(String)
        /// `/probe`: the method's questions for the field being asked.
        case showProbes([Probe])
        /// Something the rep typed was not accepted; nothing was stored.
        case reject(String)
        case finish
    }

    private enum State: Equatable, Sendable {
        /// Asking for `field`; `replacing` is an item of a list being
        /// corrected. `returnTo` is where an `/edit` came from, resumed once
        /// the field is answered; nil when asking in the method's order.
        case asking(Field, replacing: Int?, returnTo: ReturnPoint?)
        /// Every question has been visited and every field has an answer:
        /// only commands are expected.
        case complete
        /// Every question has been visited, but `missing` (the first field in
        /// the method's order without an answer) has none: words typed now are
        /// filed there, as if `/edit` had asked for it, and its prompt says so.
        /// Never "complete": the rep must not think the interview is.
        case incomplete(missing: Field)
        case finished
    }

    /// Where `/edit` returns once the edited field is answered.
    private enum ReturnPoint: Equatable, Sendable {
        /// The question that was open, a list still accepting items included.
        case field(Field)
        case complete
    }

    private var state: State
    public private(set) var captured: CapturedAnswers
    private let script: InterviewScript
    /// Judges every answer as it is recorded; never blocks or changes it.
    /// Built at its first judgment, not before the first question.
    private let coach: CoachOnCall
    /// This run resumed a deal with answers after its first gap: a field answered
    /// or closed goes on to the next field without an answer, not the next in order.
    private let fillsGaps: Bool
    private var messages: InterviewScript.Messages { script.messages }

    /// The starting point is derived from what is stored: the first field
    /// without an answer. Resuming after a crash needs no saved state.
    public init(script: InterviewScript, coach: CoachOnCall, captured: CapturedAnswers) {
        self.script = script
        self.coach = coach
        self.captured = captured
        if let field = captured.firstUnanswered {
            // Resuming a deal with answered fields after its first gap (Pain
            // skipped, Reasons given): each gap leads to the next one. Going on in
            // the method's order asked Reasons again, and the words meant for
            // Impacts were filed as a second reason (or a 4th of 3 capabilities).
            fillsGaps = Field.allCases.drop { $0 != field }.dropFirst().contains(where: captured.has)
            state = .asking(field, replacing: nil, returnTo: nil)
        } else {
            fillsGaps = false
            state = .complete
        }
    }

    public init(script: InterviewScript, coach: SalesCoach, captured: CapturedAnswers) {
        self.init(script: script, coach: CoachOnCall(coach), captured: captured)
    }

    /// The short prompt shown where the rep types: the field (and item) what
    /// is typed is filed to.
    public var prompt: String {
        switch state {
        case .asking(let field, let replacing, _):
            return prompt(for: field, replacing: replacing)
        case .incomplete(let missing):
            return prompt(for: missing, replacing: nil)
        case .complete, .finished:
            // Not the home's `qualify> `: the rep must see the interview is over but still open.
            return messages.completePrompt
        }
    }

    private func prompt(for field: Field, replacing: Int?) -> String {
        if let item = replacing ?? (field.isList ? captured[field].count + 1 : nil) {
            return "\(field.itemTitle.lowercased()) \(item)> "
        }
        return "\(field.rawValue)> "
    }

    /// The field an answer typed now is filed to; nil when only commands are expected.
    public var currentField: Field? {
        switch state {
        case .asking(let field, _, _): field
        case .incomplete(let missing): missing
        case .complete, .finished: nil
        }
    }

    public var isFinished: Bool { state == .finished }

    /// Where the next interview of this deal starts: it resumes at the first
    /// unanswered field (nil: every field is answered).
    public struct NextRun: Equatable, Sendable {
        public var start: Field?
        /// True when the question open now is the one the next run asks
        /// first, so a script stopped here goes on from the same line.
        public var asksItNow: Bool
        /// Something is stored: a script resuming the deal needs --resume.
        public var hasAnswers: Bool
    }

    public var nextRun: NextRun {
        let start = captured.firstUnanswered
        switch state {
        case .asking(let field, let replacing, _):
            return NextRun(start: start, asksItNow: replacing == nil && field == start, hasAnswers: !captured.isEmpty)
        case .incomplete(let missing):
            return NextRun(start: start, asksItNow: missing == start, hasAnswers: !captured.isEmpty)
        case .complete, .finished:
            return NextRun(start: start, asksItNow: start == nil, hasAnswers: !captured.isEmpty)
        }
    }

    // MARK: Events

    public mutating func start() -> [Action] {
        switch state {
        case .asking:
            return (captured.isEmpty ? [] : [.showCaptured]) + [.ask(question())]
        case .complete, .incomplete:
            return [.showCaptured] + endOfQuestions()
        case .finished:
            return []
        }
    }

    public mutating func answered(_ text: String) -> [Action] {
        switch state {
        case .asking(let field, let replacing, let returnTo):
            return answered(text, for: field, replacing: replacing, returnTo: returnTo)
        case .complete:
            return isBlank(text) ? [] : [.reject(messages.complete)]
        case .incomplete(let missing):
            guard !isBlank(text) else { return [] }
            // The words the rep typed at the missing field's prompt belong to it.
            state = .asking(missing, replacing: nil, returnTo: .complete)
            return answered(text, for: missing, replacing: nil, returnTo: .complete)
        case .finished:
            return []
        }
    }

    public mutating func command(_ command: InterviewCommand) -> [Action] {
        switch state {
        case .asking(let field, _, let returnTo):
            return commandWhileAsking(command, field: field, returnTo: returnTo)
        case .complete:
            return commandAfterQuestions(command, missing: nil)
        case .incomplete(let missing):
            return commandAfterQuestions(command, missing: missing)
        case .finished:
            return []
        }
    }

    /// Ctrl-C: the editor already dropped the half-typed line; the question stands.
    public mutating func interrupted() -> [Action] {
        []
    }

    /// End of input (Ctrl-D, or the end of a piped script): everything is already stored.
    public mutating func endOfInput() -> [Action] {
        switch state {
        case .asking, .complete, .incomplete:
            state = .finished
            return [.finish]
        case .finished:
            return []
        }
    }

    // MARK: Transitions

    private mutating func answered(_ text: String, for field: Field, replacing: Int?, returnTo: ReturnPoint?) -> [Action] {
        if text.utf8.count > Self.maximumAnswerBytes {
            let message = messages.tooLong.filled(["bytes": String(text.utf8.count), "limit": String(Self.maximumAnswerBytes)])
            return [.reject(message), .ask(question())]
        }
        if isBlank(text) {
            return blankAnswer(field: field, replacing: replacing, returnTo: returnTo)
        }
        if let item = replacing {
            return record(field, position: item, text: text) + advance(from: field, replaced: item, returnTo: returnTo)
        }
        guard field.isList else {
            return record(field, position: 1, text: text) + advance(from: field, returnTo: returnTo)
        }
        var actions: [Action] = []
        for item in InlineList.items(in: text) {
            actions += record(field, position: captured[field].count + 1, text: item)
        }
        if field == .capabilities, captured[field].count >= Field.capabilityTarget {
            return actions + closedList(field) + advance(from: field, returnTo: returnTo)
        }
        return actions + [.ask(question())]
    }

    private mutating func commandWhileAsking(_ command: InterviewCommand, field: Field, returnTo: ReturnPoint?) -> [Action] {
        switch command {
        case .help:
            return [.showHelp(field), .ask(question())]
        case .back:
            guard let previous = field.previous else {
                return [.reject(messages.firstQuestion), .ask(question())]
            }
            return go(to: previous, returnTo: returnTo)
        case .skip:
            return advance(from: field, returnTo: returnTo)
        case .done:
            guard field.isList else {
                return [.reject(messages.doneOutsideList.filled(["title": field.title])), .ask(question())]
            }
            return blankAnswer(field: field, replacing: nil, returnTo: returnTo)
        case .edit(let target, let item):
            return edit(target, item: item, returnTo: returnTo ?? .field(field))
        case .show:
            return [.showCaptured, .ask(question())]
        case .letter:
            return [.draftLetter, .ask(question())]
        case .set(let recordField, let value):
            return [.setField(recordField, value: value), .ask(question())]
        case .opportunity:
            return [.showOpportunity, .ask(question())]
        case .plan(let request):
            return [.plan(request), .ask(question())]
        case .probe:
            return coached { [.showProbes($0.probes(for: field, captured: captured))] } + [.ask(question())]
        case .quit:
            state = .finished
            return [.finish]
        }
    }

    /// Every question has been visited; `missing` is the first field still without an answer.
    private mutating func commandAfterQuestions(_ command: InterviewCommand, missing: Field?) -> [Action] {
        switch command {
        case .help: return endOfQuestions()
        case .show: return [.showCaptured]
        case .letter: return [.draftLetter]
        case .set(let recordField, let value): return [.setField(recordField, value: value)]
        case .opportunity: return [.showOpportunity]
        case .plan(let request): return [.plan(request)]
        // The end of the call: every field read back in the buyer's words.
        case .probe:
            return coached { coach in [.showProbes(Field.allCases.flatMap { coach.confirmations(for: $0, captured: captured) })] }
        // Back to the question still open (its prompt is the one shown), not to a
        // 4th of 3 capabilities whose words would be filed there.
        case .back: return missing.map { go(to: $0, returnTo: .complete) } ?? go(to: .capabilities, returnTo: nil)
        case .edit(let target, let item): return edit(target, item: item, returnTo: .complete)
        // Nothing to skip or close: say again what is missing, or that the interview is complete.
        case .skip, .done: return missing == nil ? [.reject(messages.complete)] : endOfQuestions()
        case .quit:
            state = .finished
            return [.finish]
        }
    }

    private mutating func edit(_ field: Field, item: Int?, returnTo: ReturnPoint) -> [Action] {
        guard let item else { return go(to: field, returnTo: returnTo) }
        let count = captured[field].count
        guard item <= count else {
            let values = ["title": field.title, "field": field.rawValue, "items": counted(count, "item"), "count": String(count)]
            let message = (count == 0 ? messages.noItemsYet : messages.noSuchItem).filled(values)
            return [.reject(message)] + reaskCurrent()
        }
        state = .asking(field, replacing: item, returnTo: returnTo)
        return [.ask(question())]
    }

    private mutating func go(to field: Field, returnTo: ReturnPoint?) -> [Action] {
        state = .asking(field, replacing: nil, returnTo: returnTo)
        return [.ask(question())]
    }

    private mutating func blankAnswer(field: Field, replacing: Int?, returnTo: ReturnPoint?) -> [Action] {
        if replacing != nil || field.isList || captured.has(field) {
            let closing = field.isList && replacing == nil ? closedList(field) : []
            return closing + advance(from: field, replaced: replacing, returnTo: returnTo)
        }
        return [.reject(messages.blankAnswer.filled(["title": field.title])), .ask(question())]
    }

    /// A field is answered or skipped: return to where /edit came from, or
    /// go on in the method's order. `replaced` is the item just corrected.
    private mutating func advance(from field: Field, replaced: Int? = nil, returnTo: ReturnPoint?) -> [Action] {
        switch returnTo {
        case .field(let origin)?:
            // Correcting an item of the list that was open goes back to that
            // list; returning to the field just answered is going on.
            if origin != field || replaced != nil { return go(to: origin, returnTo: nil) }
        case .complete?:
            return endOfQuestions()
        case nil:
            break
        }
        if fillsGaps {
            if let gap = captured.firstUnanswered(after: field) { return go(to: gap, returnTo: nil) }
            // No gap after this one: the interview ends as in order once every field has an
            // answer; a gap closed empty again leaves the rep at `incomplete`, its prompt.
            return (captured.firstUnanswered == nil ? [.showSummary, .draftLetter] : []) + endOfQuestions()
        }
        guard let next = field.next else {
            return [.showSummary, .draftLetter] + endOfQuestions()
        }
        return go(to: next, returnTo: nil)
    }

    /// The questions are behind the rep: complete only when every field has
    /// an answer, else waiting for the first missing one.
    private mutating func endOfQuestions() -> [Action] {
        let missing = Field.allCases.filter { !captured.has($0) }
        guard let first = missing.first else {
            state = .complete
            return [.showCommands]
        }
        state = .incomplete(missing: first)
        return [.showIncomplete(missing: missing)]
    }

    private mutating func record(_ field: Field, position: Int, text: String) -> [Action] {
        captured.set(field, position: position, text: text)
        return [.record(field: field, position: position, text: text)]
            + coached { [.coach($0.judge(text, field: field, captured: captured))] }
    }

    /// A list the rep closed: read it back in the buyer's words, and say so
    /// when fewer capabilities than the method's three were agreed.
    private func closedList(_ field: Field) -> [Action] {
        let items = captured[field]
        return coached { coach in
            var actions: [Action] = []
            if field == .capabilities, !items.isEmpty, items.count < Field.capabilityTarget {
                actions.append(.advise(coach.rules.messages.fewCapabilities))
            }
            if let line = coach.confirmList(items) { actions.append(.confirmList(line)) }
            return actions
        }
    }

    /// What the coach says, after its build's note the first time it speaks.
    private func coached(_ says: (SalesCoach) -> [Action]) -> [Action] {
        let (coach, note) = self.coach.take()
        return (note.map { [.advise($0)] } ?? []) + says(coach)
    }

    private func reaskCurrent() -> [Action] {
        switch state {
        case .asking: [.ask(question())]
        case .complete, .incomplete, .finished: []
        }
    }

    /// The question of the field being asked; nothing outside `.asking`.
    private func question() -> Question {
        switch state {
        case .asking(let field, let replacing, _):
            return question(for: field, replacing: replacing)
        case .complete, .incomplete, .finished:
            preconditionFailure("a question is only asked while asking")
        }
    }

    private func question(for field: Field, replacing: Int?) -> Question {
        let fieldScript = script.script(for: field)
        let stored = captured[field]
        if let item = replacing {
            return Question(field: field, item: item,
                            text: messages.replaceItem.filled(["item": field.itemTitle, "n": String(item)]),
                            stored: [stored[item - 1]], firstStoredNumber: item, keepHint: script.keepHint)
        }
        guard field.isList else {
            return Question(field: field, item: nil, text: fieldScript.question,
                            stored: stored, keepHint: stored.isEmpty ? nil : script.keepHint)
        }
        let item = stored.count + 1
        var text = fieldScript.question
        if item > 1, let more = fieldScript.more {
            text = more.filled(["n": String(item), "target": String(Field.capabilityTarget)])
        }
        let listHint = script.listHint?.filled(["field": field.rawValue])
        return Question(field: field, item: item, text: text, stored: stored,
                        keepHint: stored.isEmpty ? nil : listHint)
    }

    private func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}
