/// The manual's worked example, loaded by /demo so a newcomer can see a
/// complete interview and its letter before the first real call.
public struct WorkedExample: Codable, Equatable, Sendable {
    public var account: String
    public var opportunity: String
    /// The buyer the letter is addressed to; optional, so an override written
    /// before it existed still loads (its letter then shows the gap).
    public var sponsor: Sponsor?
    public var answers: [String: [String]]

    public struct Sponsor: Codable, Equatable, Sendable {
        public var name: String
        public var title: String?

        public init(name: String, title: String? = nil) {
            self.name = name
            self.title = title
        }
    }

    public init(account: String, opportunity: String, sponsor: Sponsor? = nil, answers: [String: [String]]) {
        self.account = account
        self.opportunity = opportunity
        self.sponsor = sponsor
        self.answers = answers
    }

    public var capturedAnswers: CapturedAnswers {
        var items: [Field: [String]] = [:]
        for (key, values) in answers {
            if let field = Field(rawValue: key) { items[field] = values }
        }
        return CapturedAnswers(items)
    }
}
