/// The rep who signs the letter and sends it: `sender:` in config.yaml.
public struct Sender: Equatable, Sendable {
    public var name: String
    public var email: String?
    public var title: String?
    public var company: String?

    public init(name: String, email: String? = nil, title: String? = nil, company: String? = nil) {
        self.name = name
        self.email = email
        self.title = title
        self.company = company
    }
}

/// Where a quoted passage came from: the statement version it reproduces.
public struct QuoteSource: Equatable, Sendable {
    public var field: Field
    public var position: Int
    public var statementId: Int64
    public var capturedBy: String
    /// `YYYY-MM-DD HH:MM UTC`.
    public var capturedAt: String

    public init(field: Field, position: Int, statementId: Int64, capturedBy: String, capturedAt: String) {
        self.field = field
        self.position = position
        self.statementId = statementId
        self.capturedBy = capturedBy
        self.capturedAt = capturedAt
    }

    /// "Pain, captured by Ana Kovač on 2026-12-01 14:03 UTC (statement 12)".
    public var summary: String {
        let item = field.isList ? "\(field.itemTitle) \(position)" : field.title
        return "\(item), captured by \(capturedBy) on \(capturedAt) (statement \(statementId))"
    }
}
