/// How a stage ends a deal; nil while the deal is open.
public enum StageOutcome: String, Codable, Sendable, CaseIterable {
    case won, lost
}

/// The Probability (%) rule: a whole number 0-99; 100 only for a closed-won
/// stage (a deal is certain only once it is won).
public enum ProbabilityRule {
    /// The number a cell or argument gives, 0 to 100; whether a 100 suits the
    /// deal's stage is ``check(_:outcome:)``'s, once the stage is known.
    public static func parse(_ raw: String) throws(FieldError) -> Int {
        var text = raw.trimmedSpaces
        if text.hasSuffix("%") { text = text.dropLast().trimmedSpaces }
        // Salesforce's Data Loader writes a percent field as a decimal ("10.0"): a zero fraction is the whole number.
        if let mark = text.firstIndex(where: { $0 == "." || $0 == "," }), text.index(after: mark) < text.endIndex,
           text[text.index(after: mark)...].allSatisfy({ $0 == "0" }) {
            text = String(text[..<mark])
        }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let value = Int(text), value <= 100 else {
            throw FieldError("\"\(raw)\" is not a probability; give a whole number from 0 to 99, e.g. 40")
        }
        return value
    }

    public static func check(_ value: Int, outcome: StageOutcome?) throws(FieldError) {
        if value == 100 && outcome != .won {
            throw FieldError("a probability of 100 is kept for a closed-won stage; give 0 to 99, or move the deal to a won stage",
                             summary: "probability 100 at a stage not closed won",
                             fix: "give those deals 0 to 99, or a closed-won stage (--map-stage 'From=Closed Won')")
        }
        guard (0...100).contains(value) else {
            throw FieldError("\(value) is not a probability; give a whole number from 0 to 99, e.g. 40")
        }
    }
}
