/// The manual's worked example, loaded by /demo so a newcomer can see a
/// complete interview and its letter before the first real call.
public struct WorkedExample: Codable, Equatable, Sendable {
    public var account: String
    public var opportunity: String
    public var answers: [String: [String]]

    public init(account: String, opportunity: String, answers: [String: [String]]) {
        self.account = account
        self.opportunity = opportunity
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
