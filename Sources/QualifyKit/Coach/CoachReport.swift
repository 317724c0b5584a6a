/// Three states, because the coach would rather say "not sure" than nag a
/// rep wrongly in the middle of a call.
public enum Verdict: String, Codable, Equatable, Sendable {
    case yes, unsure, no
}

/// Whose words these are: the buyer's, as spoken, or the rep's report of them.
public enum Voice: String, Codable, Equatable, Sendable {
    case verbatim, reported, unsure
}

/// Problem is objective (an organisation, process or metric); pain is personal.
public enum StatementKind: String, Codable, Equatable, Sendable {
    case pain, problem, unsure
}

/// The words of the answer that decided a judgment, as typed.
public struct Evidence: Codable, Equatable, Sendable {
    /// voice, kind, who, howMuch, reason or capability.
    public var judgment: String
    /// What the words say: "reported", "first person", "number", …
    public var finding: String
    public var words: String

    public init(judgment: String, finding: String, words: String) {
        self.judgment = judgment
        self.finding = finding
        self.words = words
    }
}

/// A question the rep could ask next, by the method's type.
public struct Probe: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Equatable, Sendable {
        /// Asked because of what the answer lacks (who, how much, pain…).
        case followUp = "follow-up"
        case open, control, confirm
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Everything the coach has to say about one answer. It never changes the
/// answer: it explains itself and suggests the next question.
public struct CoachReport: Codable, Equatable, Sendable {
    public struct Impact: Codable, Equatable, Sendable {
        public var who: Verdict
        public var howMuch: Verdict

        public init(who: Verdict, howMuch: Verdict) {
            self.who = who
            self.howMuch = howMuch
        }
    }

    public struct Reason: Codable, Equatable, Sendable {
        public var capabilityInDisguise: Verdict
        /// Reasons stored, this one included.
        public var count: Int

        public init(capabilityInDisguise: Verdict, count: Int) {
            self.capabilityInDisguise = capabilityInDisguise
            self.count = count
        }
    }

    public struct Capability: Codable, Equatable, Sendable {
        /// Phrased as what the buyer could do, not as a product feature.
        public var buyerAction: Verdict
        public var count: Int

        public init(buyerAction: Verdict, count: Int) {
            self.buyerAction = buyerAction
            self.count = count
        }
    }

    public var field: Field
    public var voice: Voice
    /// Only for the Problem and Pain fields.
    public var kind: StatementKind?
    public var impact: Impact?
    public var reason: Reason?
    public var capability: Capability?
    public var evidence: [Evidence]
    /// What the rep should know, in the rules' words.
    public var notes: [String]
    /// The first is the one to ask next.
    public var probes: [Probe]

    public var nextProbe: Probe? { probes.first }

    enum CodingKeys: String, CodingKey {
        case field, voice, kind, impact, reason, capability, evidence, notes, probes
    }

    /// `kind` is written as null for lists, so every answer has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(voice, forKey: .voice)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(impact, forKey: .impact)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(capability, forKey: .capability)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(notes, forKey: .notes)
        try container.encode(probes, forKey: .probes)
    }
}

extension CoachReport {
    /// One line per judgment: its state, then the words that decided it.
    public var judgmentLines: [String] {
        var lines = [line("voice", voice.rawValue, evidence: ["voice"])]
        if let kind { lines.append(line("kind", kind.rawValue, evidence: ["kind"])) }
        if let impact {
            lines.append(line("who", impact.who.rawValue, evidence: ["who"]))
            lines.append(line("how much", impact.howMuch.rawValue, evidence: ["howMuch"]))
        }
        if let reason {
            lines.append(line("capability in disguise", reason.capabilityInDisguise.rawValue, evidence: ["reason"]))
        }
        if let capability {
            lines.append(line("what the buyer could do", capability.buyerAction.rawValue, evidence: ["capability"]))
        }
        return lines
    }

    private func line(_ name: String, _ state: String, evidence judgments: Set<String>) -> String {
        let words = evidence.filter { judgments.contains($0.judgment) }.map { "\($0.finding) “\($0.words)”" }
        return "\(name): \(state)" + (words.isEmpty ? "" : " (" + words.joined(separator: "; ") + ")")
    }
}
