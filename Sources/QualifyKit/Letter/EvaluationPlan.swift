/// Who does a step of the evaluation plan: the buyer's side, our side, or a
/// named person (either side's).
public enum PlanOwner: Equatable, Sendable, CustomStringConvertible {
    case buyer
    case us
    case person(String)

    /// `buyer`, `us` (any case), else the person's name as typed.
    public init(_ raw: String) throws(FieldError) {
        let text = raw.trimmedSpaces
        switch text.lowercased() {
        case "": throw FieldError("--who needs buyer, us or a person's name")
        case "buyer", "customer", "them": self = .buyer
        case "us", "we", "seller": self = .us
        default: self = .person(text)
        }
    }

    /// How it is stored: `buyer`, `us`, or the name.
    public var description: String {
        switch self {
        case .buyer: "buyer"
        case .us: "us"
        case .person(let name): name
        }
    }

    /// Read back from storage: a stored `buyer` or `us` is the side, anything else a name.
    public init(stored: String) {
        switch stored {
        case "buyer": self = .buyer
        case "us": self = .us
        default: self = .person(stored)
        }
    }
}

/// One step of the evaluation plan a power sponsor agrees to: what, who, by when.
/// The decision step is the go/no-go the plan ends with.
public struct PlanStep: Equatable, Sendable {
    /// 1-based, in the order the plan is listed (by due date).
    public var number: Int
    public var what: String
    public var owner: PlanOwner
    /// Nil when the stored text is no day (a hand-edited or synced row):
    /// shown as having no date, never as a made-up one.
    public var due: CalendarDay?
    public var isDecision: Bool
    public var isDone: Bool
    /// Stable across machines: the calendar's UID.
    public var uuid: String

    public init(number: Int, what: String, owner: PlanOwner, due: CalendarDay?, isDecision: Bool = false,
                isDone: Bool = false, uuid: String) {
        self.number = number
        self.what = what
        self.owner = owner
        self.due = due
        self.isDecision = isDecision
        self.isDone = isDone
        self.uuid = uuid
    }

    /// Whether the letter and the calendar put "Go/no-go decision:" before the words:
    /// not when the words already say it (the README and the plan's own gap suggest
    /// naming the step "Go/no-go decision", which then read twice).
    public var needsDecisionLabel: Bool {
        isDecision && !what.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("go/no-go decision")
    }
}

/// A due date takes the forms a close date takes (YYYY-MM-DD, today, +30d, +6w).
public enum DueDateParser {
    public static func parse(_ raw: String, today: CalendarDay) throws(FieldError) -> CloseDateParser.Parsed {
        do {
            var parsed = try CloseDateParser.parse(raw, today: today)
            if parsed.warning != nil {
                parsed.warning = "the due date \(parsed.day) is in the past; it was kept. Change it with plan set if the step slipped."
            }
            return parsed
        } catch {
            throw FieldError(error.description.replacingOccurrences(of: "close date", with: "due date"))
        }
    }
}
