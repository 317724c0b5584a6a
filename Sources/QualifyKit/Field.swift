/// The five parts of the advanced Sales Information, in the order the
/// interview asks for them.
public enum Field: String, CaseIterable, Codable, Sendable, Comparable {
    case problem, pain, reasons, impacts, capabilities

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

    public var isEmpty: Bool { items.isEmpty }

    /// Stores `text` at the 1-based `position` of `field`, appending when the
    /// position is one past the end.
    public mutating func set(_ field: Field, position: Int, text: String) {
        var values = self[field]
        if position <= values.count {
            values[position - 1] = text
        } else {
            values.append(text)
        }
        items[field] = values
    }
}
