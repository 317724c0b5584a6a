/// The five parts of the advanced Sales Information, in the order the
/// interview asks for them. Everything else that lists the fields (the
/// statement table's `field` lookup table, review SQL, stats, gaps, letter
/// keys, help text, completion) is derived from `allCases`.
///
/// To add a question to the method:
/// 1. Add the case here, where the interview should ask it, and its
///    `isList`, `title` and `itemTitle`.
/// 2. Add its entry under `fields:` in Prompts/interview.yaml (question,
///    help, and `more` for a list); an override folder lacking it is
///    refused at load with the field's name.
/// 3. Use it in Prompts/letters/sponsor-letter.txt.mustache if the letter
///    should quote it: the template sees `{{name}}` (a list of
///    `{{text}}`/`{{number}}` for a list) and `{{#hasName}}`.
/// Opening a database adds the new name to its `field` table; gaps report
/// "no <field>" after the method's own priorities; stats average a list.
public enum Field: String, CaseIterable, Codable, Sendable, Comparable {
    case problem, pain, reasons, impacts, capabilities

    /// The method's optimum number of capabilities: the interview stops
    /// asking after it, the coach and `review gaps` count against it.
    public static let capabilityTarget = 3

    /// A per-opportunity count of this field's current statements, as the
    /// review SQL and JSON name it: "problems", "pains", "reasons".
    public var countName: String { isList ? rawValue : rawValue + "s" }

    /// "problem, pain, reasons, impacts, capabilities", for help texts.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
    /// "problem, pain, reasons, impacts or capabilities", for error messages.
    public static let choices = allCases.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allCases.last!.rawValue

    /// "hasReasons": the letter template's key for whether it was captured.
    public var hasKey: String { "has" + title.filter { !$0.isWhitespace } }

    /// Reasons, impacts and capabilities are lists: each line one item.
    public var isList: Bool {
        switch self {
        case .problem, .pain: false
        case .reasons, .impacts, .capabilities: true
        }
    }

    public var title: String {
        switch self {
        case .problem: "Problem"
        case .pain: "Pain"
        case .reasons: "Reasons"
        case .impacts: "Impacts"
        case .capabilities: "Capabilities"
        }
    }

    /// One item of the list, for prompts like "Reason 2".
    public var itemTitle: String {
        switch self {
        case .problem: "Problem"
        case .pain: "Pain"
        case .reasons: "Reason"
        case .impacts: "Impact"
        case .capabilities: "Capability"
        }
    }

    public var next: Field? {
        let all = Field.allCases
        let index = all.firstIndex(of: self)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    public var previous: Field? {
        let all = Field.allCases
        let index = all.firstIndex(of: self)!
        return index > 0 ? all[index - 1] : nil
    }

    public static func < (lhs: Field, rhs: Field) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Accepts the field name in any case, singular or plural ("reason", "Reasons").
    public init?(userInput: String) {
        let word = userInput.lowercased()
        if let field = Field(rawValue: word) {
            self = field
        } else if let field = Field.allCases.first(where: { $0.itemTitle.lowercased() == word }) {
            self = field
        } else {
            return nil
        }
    }
}

/// What is captured for one opportunity: the current text of each field,
/// a list of items for list fields. Built from the store; the machine keeps
/// it current as it records.
public struct CapturedAnswers: Equatable, Sendable {
    private var items: [Field: [String]] = [:]

    public init(_ items: [Field: [String]] = [:]) {
        for (field, values) in items where !values.isEmpty {
            self.items[field] = values
        }
    }

    public subscript(field: Field) -> [String] {
        items[field] ?? []
    }

    public func has(_ field: Field) -> Bool { !self[field].isEmpty }

    /// The first field without an answer: where an interview resumes.
    public var firstUnanswered: Field? {
        Field.allCases.first { !has($0) }
    }

    /// The next field after `field`, in the method's order, without an answer.
    public func firstUnanswered(after field: Field) -> Field? {
        Field.allCases.drop { $0 != field }.dropFirst().first { !has($0) }
    }

    public var isEmpty: Bool { items.isEmpty }

    /// Stores `text` at the 1-based `position` of `field`, appending when the
    /// position is one past the end.
    public mutating func set(_ field: Field, position: Int, text: String) {
        // In place: a copy of the list at every answer made a long list quadratic.
        if position <= self[field].count {
            items[field]![position - 1] = text
        } else {
            items[field, default: []].append(text)
        }
    }
}

/// A number per field (statements captured, opportunities with an
/// answer); zero for a field not counted.
public struct FieldCounts: Equatable, Sendable {
    private var counts: [Field: Int] = [:]

    public init(_ counts: [Field: Int] = [:]) { self.counts = counts }

    public subscript(field: Field) -> Int {
        get { counts[field] ?? 0 }
        set { counts[field] = newValue }
    }

    public static func += (lhs: inout FieldCounts, rhs: FieldCounts) {
        for field in Field.allCases { lhs[field] += rhs[field] }
    }
}
