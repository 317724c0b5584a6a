import Foundation

/// Decides what the interview does next. Pure: it never touches the
/// terminal or the database; the driver performs the returned actions in
/// order (a `record` is committed before any later `ask` is shown).
///
/// Written the way swift-nio writes protocol state machines: a private
/// `State`, one mutating method per event, each returning actions.
public struct InterviewMachine: Sendable {
    /// Longer than any spoken quote: a paste this large is an accident, and
    /// storing it would bury the real answers in reviews and letters.
    public static let maximumAnswerBytes = 64 * 1024
    /// The method's optimum; the interview stops asking for more after it.
    public static let capabilityTarget = 3

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
        case showSummary
        case draftLetter
        /// Change a field of the CRM record; the store validates the value.
        case setField(OpportunityField, value: String)
        case showOpportunity
        /// Advice about the answer just stored: the answer stays as typed.
        case coach(String)
        /// Something the rep typed was not accepted; nothing was stored.
        case reject(String)
        case finish
    }

    private enum State: Equatable, Sendable {
        /// Asking for `field`; `replacing` is an item of a list being corrected.
        case asking(Field, replacing: Int?)
        /// Every field has been visited: only commands are expected.
        case complete
        case finished
    }

    /// Where `/edit` returns once the edited field is answered.
    private enum ReturnPoint: Equatable, Sendable {
        case field(Field)
        case complete
    }

    private var state: State
    private var returnPoint: ReturnPoint?
    public private(set) var captured: CapturedAnswers
    private let script: InterviewScript

    /// The starting point is derived from what is stored: the first field
    /// without an answer. Resuming after a crash needs no saved state.
    public init(script: InterviewScript, captured: CapturedAnswers) {
        self.script = script
        self.captured = captured
        if let field = captured.firstUnanswered {
            state = .asking(field, replacing: nil)
        } else {
            state = .complete
        }
    }

    /// The short prompt shown where the rep types.
    public var prompt: String {
        switch state {
        case .asking(let field, let replacing):
            if let item = replacing ?? (field.isList ? captured[field].count + 1 : nil) {
                return "\(field.itemTitle.lowercased()) \(item)> "
            }
            return "\(field.rawValue)> "
        case .complete, .finished:
            return "qualify> "
        }
    }

    public var currentField: Field? {
        if case .asking(let field, _) = state { return field }
        return nil
    }

    public var isFinished: Bool { state == .finished }

    // MARK: Events

    public mutating func start() -> [Action] {
        switch state {
        case .asking:
            return (captured.isEmpty ? [] : [.showCaptured]) + [.ask(question())]
        case .complete:
            return [.showCaptured, .showCommands]
        case .finished:
            return []
        }
    }

    public mutating func answered(_ text: String) -> [Action] {
        guard case .asking(let field, let replacing) = state else {
            if state == .complete, !isBlank(text) {
                return [.reject("The interview is complete: /edit FIELD changes an answer, /letter drafts the letter, /quit leaves.")]
            }
            return []
        }
        if text.utf8.count > Self.maximumAnswerBytes {
            return [.reject("That answer is \(text.utf8.count) bytes; the limit is \(Self.maximumAnswerBytes) (about 10,000 words). Nothing was stored: type or paste a shorter quote."), .ask(question())]
        }
        if isBlank(text) {
            return blankAnswer(field: field, replacing: replacing)
        }
        if let item = replacing {
            return record(field, position: item, text: text) + advance(from: field)
        }
        guard field.isList else {
            return record(field, position: 1, text: text) + advance(from: field)
        }
        var actions: [Action] = []
        for item in InlineList.items(in: text) {
            actions += record(field, position: captured[field].count + 1, text: item)
        }
        if field == .capabilities, captured[field].count >= Self.capabilityTarget {
            return actions + advance(from: field)
        }
        return actions + [.ask(question())]
    }

    public mutating func command(_ command: InterviewCommand) -> [Action] {
        if command == .quit {
            state = .finished
            return [.finish]
        }
        guard case .asking(let field, _) = state else {
            return commandWhenComplete(command)
        }
        switch command {
        case .help:
            return [.showHelp(field), .ask(question())]
        case .back:
            guard let previous = field.previous else {
                return [.reject("This is the first question; there is nothing before it."), .ask(question())]
            }
            return go(to: previous)
        case .skip:
            return advance(from: field)
        case .done:
            guard field.isList else {
                return [.reject("/done ends a list. Type the buyer's words, or /skip to leave \(field.title) for later."), .ask(question())]
            }
            return blankAnswer(field: field, replacing: nil)
        case .edit(let target, let item):
            returnPoint = returnPoint ?? .field(field)
            return edit(target, item: item)
        case .show:
            return [.showCaptured, .ask(question())]
        case .letter:
            return [.draftLetter, .ask(question())]
        case .set(let recordField, let value):
            return [.setField(recordField, value: value), .ask(question())]
        case .opportunity:
            return [.showOpportunity, .ask(question())]
        case .quit:
            return [.finish]
        }
    }

    /// Ctrl-C: the editor already dropped the half-typed line; the question stands.
    public mutating func interrupted() -> [Action] {
        []
    }

    /// End of input (Ctrl-D, or the end of a piped script): everything is already stored.
    public mutating func endOfInput() -> [Action] {
        state = .finished
        return [.finish]
    }

    // MARK: Transitions

    private mutating func commandWhenComplete(_ command: InterviewCommand) -> [Action] {
        switch command {
        case .help: return [.showCommands]
        case .show: return [.showCaptured]
        case .letter: return [.draftLetter]
        case .set(let recordField, let value): return [.setField(recordField, value: value)]
        case .opportunity: return [.showOpportunity]
        case .back: return go(to: .capabilities)
        case .edit(let target, let item):
            returnPoint = returnPoint ?? .complete
            return edit(target, item: item)
        case .skip, .done:
            return [.reject("The interview is complete: /edit FIELD changes an answer, /letter drafts the letter, /quit leaves.")]
        case .quit:
            state = .finished
            return [.finish]
        }
    }

    private mutating func edit(_ field: Field, item: Int?) -> [Action] {
        guard let item else { return go(to: field) }
        let count = captured[field].count
        guard item <= count else {
            let message = count == 0
                ? "\(field.title) has no items yet: /edit \(field.rawValue) adds them."
                : "\(field.title) has \(counted(count, "item")); /edit \(field.rawValue) \(count) changes the last one."
            return [.reject(message)] + reaskCurrent()
        }
        state = .asking(field, replacing: item)
        return [.ask(question())]
    }

    private mutating func go(to field: Field) -> [Action] {
        state = .asking(field, replacing: nil)
        return [.ask(question())]
    }

    private mutating func blankAnswer(field: Field, replacing: Int?) -> [Action] {
        if replacing != nil || field.isList || captured.has(field) {
            var actions: [Action] = []
            let count = captured[field].count
            if field == .capabilities, replacing == nil, count > 0, count < Self.capabilityTarget {
                actions.append(.coach(script.coach.fewCapabilities))
            }
            return actions + advance(from: field)
        }
        return [.reject("Type the buyer's words for \(field.title), or /skip to leave it for later."), .ask(question())]
    }

    /// A field is answered or skipped: return to where /edit came from, or go on.
    private mutating func advance(from field: Field) -> [Action] {
        let back = returnPoint
        returnPoint = nil
        switch back {
        case .field(let origin)? where origin != field:
            return go(to: origin)
        case .complete?:
            state = .complete
            return [.showCommands]
        default:
            break
        }
        guard let next = field.next else {
            state = .complete
            return [.showSummary, .draftLetter, .showCommands]
        }
        return go(to: next)
    }

    private mutating func record(_ field: Field, position: Int, text: String) -> [Action] {
        captured.set(field, position: position, text: text)
        return [.record(field: field, position: position, text: text)]
            + Coach.advice(on: text, for: field, captured: captured, script: script.coach).map(Action.coach)
    }

    private func reaskCurrent() -> [Action] {
        if case .asking = state { return [.ask(question())] }
        return []
    }

    private func question() -> Question {
        guard case .asking(let field, let replacing) = state else {
            preconditionFailure("question() is only called while asking")
        }
        let fieldScript = script.script(for: field)
        let stored = captured[field]
        if let item = replacing {
            return Question(field: field, item: item,
                            text: "\(field.itemTitle) \(item) is stored as shown. Type the buyer's words to replace it.",
                            stored: [stored[item - 1]], firstStoredNumber: item, keepHint: script.keepHint)
        }
        guard field.isList else {
            return Question(field: field, item: nil, text: fieldScript.question,
                            stored: stored, keepHint: stored.isEmpty ? nil : script.keepHint)
        }
        let item = stored.count + 1
        var text = fieldScript.question
        if item > 1, let more = fieldScript.more {
            text = more.replacingOccurrences(of: "{n}", with: String(item))
        }
        let listHint = script.listHint?.replacingOccurrences(of: "{field}", with: field.rawValue)
        return Question(field: field, item: item, text: text, stored: stored,
                        keepHint: stored.isEmpty ? nil : listHint)
    }

    private func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}
