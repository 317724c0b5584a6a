/// The words of the interview: questions, probes, help and the manual's
/// examples. Loaded from Prompts/interview.yaml so that sales enablement can
/// change the wording without touching code.
public struct InterviewScript: Codable, Equatable, Sendable {
    public struct FieldScript: Codable, Equatable, Sendable {
        /// Asked when the field has no answer yet.
        public var question: String
        /// Asked for the second and later items of a list ("{n}" is the item number).
        public var more: String?
        /// Shown by /help: what the field means and how to get the buyer to say it.
        public var help: String
        /// The manual's example answer.
        public var example: String?

        public init(question: String, more: String? = nil, help: String, example: String? = nil) {
            self.question = question
            self.more = more
            self.help = help
            self.example = example
        }
    }

    /// Messages of the coach, keyed by check (see `Coach`).
    public struct CoachScript: Codable, Equatable, Sendable {
        public var paraphrase: String
        public var problemAsPain: String
        public var fewCapabilities: String
        public var manyCapabilities: String
    }

    public var fields: [String: FieldScript]
    public var coach: CoachScript
    /// Shown with the stored text when a question is asked again.
    public var keepHint: String
    /// Shown under the stored items of a list: Enter there ends the list and
    /// a typed line adds an item, so keepHint's "replace" would mislead.
    /// Optional so an override written before it existed still loads.
    public var listHint: String?

    public func script(for field: Field) -> FieldScript {
        // Validated at load time (see `validate()`), so a missing entry is a programming error.
        fields[field.rawValue]!
    }

    /// Names every field the YAML must define, so a broken override is
    /// reported when it is loaded, not in the middle of a call.
    public func missingFields() -> [Field] {
        Field.allCases.filter { fields[$0.rawValue] == nil }
    }
}
