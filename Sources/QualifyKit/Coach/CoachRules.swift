/// The coach's rules as data: word lists, messages and probes, decoded from
/// Prompts/coach.yaml. The English file is one language; another language is
/// another file with the same keys. `SalesCoach` is only the engine.
public struct CoachRules: Codable, Equatable, Sendable {
    public struct Persons: Codable, Equatable, Sendable {
        public var firstPersonSingular: [String]
        public var firstPersonObject: [String]
        public var firstPersonPlural: [String]
        public var thirdPersonSubjects: [String]
        public var thirdPersonPossessives: [String]
        public var personNouns: [String]
        public var reporterNouns: [String]
        public var auxiliaries: [String]
        public var determiners: [String]
    }

    public struct Voice: Codable, Equatable, Sendable {
        public var reportingVerbs: [String]
        public var hearsay: [String]
    }

    public struct Kind: Codable, Equatable, Sendable {
        public var feelings: [String]
        public var personalStakes: [String]
        public var business: [String]
        public var numberWords: [String]
        public var units: [String]
        public var durations: [String]
        public var framings: [String]
    }

    public struct Impact: Codable, Equatable, Sendable {
        public var who: [String]
        public var vagueWho: [String]
        public var vagueAmounts: [String]
        public var currencySigns: [String]
    }

    public struct Reason: Codable, Equatable, Sendable {
        public var wants: [String]
        public var products: [String]
        public var reach: Int
        public var target: Int
    }

    public struct Capability: Codable, Equatable, Sendable {
        public var abilities: [String]
        public var openers: [String]
        public var actions: [String]
    }

    public struct Messages: Codable, Equatable, Sendable {
        public var reported: String
        public var unsureVoice: String
        public var problemInPain: String
        public var painInProblem: String
        public var reportedPain: String
        public var disguisedCapability: String
        public var featureCapability: String
        public var fewReasons: String
        public var manyCapabilities: String
        public var fewCapabilities: String
    }

    /// The method's three question types for one field.
    public struct FieldProbes: Codable, Equatable, Sendable {
        public var open: String
        public var control: String
        public var confirm: String
    }

    public struct Probes: Codable, Equatable, Sendable {
        public var reported: String
        public var askPersonal: String
        public var askWho: String
        public var askHowMuch: String
        public var askWhatElse: String
        public var askWhatYouWouldDo: String
        public var fields: [String: FieldProbes]
        public var confirmList: String
    }

    public var language: String
    public var persons: Persons
    public var voice: Voice
    public var kind: Kind
    public var impact: Impact
    public var reason: Reason
    public var capability: Capability
    public var messages: Messages
    public var probes: Probes

    /// Fields without probes, so a broken override is reported when it is loaded.
    public func missingFields() -> [Field] {
        Field.allCases.filter { probes.fields[$0.rawValue] == nil }
    }
}
