import Foundation
import GRDB
import QualifyKit

/// One statement as a manager reviews it: the buyer's words with the deal
/// around them.
public struct ReviewRow: Equatable, Sendable {
    public var id: Int64
    public var uuid: UUID
    public var opportunity: String
    public var account: String
    public var stage: String?
    public var isDemo: Bool
    public var field: Field
    public var position: Int
    /// Exactly as the rep typed it.
    public var text: String
    public var capturedBy: String
    public var capturedAt: Date
    /// The version this one corrected.
    public var replacesId: Int64?
    /// The version that corrected this one; nil for a current statement.
    public var replacedById: Int64?
    /// With `--search` only: the whole text and a short excerpt, the matching
    /// words between `ReviewRow.markStart` and `ReviewRow.markEnd`.
    public var highlighted: String?
    public var snippet: String?

    /// Control characters a rep cannot type into an answer, so they can
    /// only be SQLite's highlight markers.
    public static let markStart: Character = "\u{2}"
    public static let markEnd: Character = "\u{3}"

    public var isCurrent: Bool { replacedById == nil }

    /// Reads the columns by position, in `ReviewColumn` order: looking each
    /// one up by name costs more than the query at a million rows.
    init(row: Row) {
        typealias C = ReviewColumn
        let searched = row.count > C.highlighted.rawValue
        self.init(id: row[C.id.rawValue], uuid: row[C.uuid.rawValue], opportunity: row[C.opportunity.rawValue],
                  account: row[C.account.rawValue], stage: row[C.stage.rawValue], isDemo: row[C.isDemo.rawValue],
                  field: row[C.field.rawValue], position: row[C.position.rawValue], text: row[C.text.rawValue],
                  capturedBy: row[C.capturedBy.rawValue], capturedAt: row[moment: C.capturedAt.rawValue],
                  replacesId: row[C.replacesId.rawValue], replacedById: row[C.replacedById.rawValue],
                  highlighted: searched ? row[C.highlighted.rawValue] : nil,
                  snippet: searched ? row[C.snippet.rawValue] : nil)
    }

    public init(id: Int64, uuid: UUID, opportunity: String, account: String, stage: String?, isDemo: Bool,
                field: Field, position: Int, text: String, capturedBy: String, capturedAt: Date,
                replacesId: Int64? = nil, replacedById: Int64? = nil, highlighted: String? = nil, snippet: String? = nil) {
        self.id = id
        self.uuid = uuid
        self.opportunity = opportunity
        self.account = account
        self.stage = stage
        self.isDemo = isDemo
        self.field = field
        self.position = position
        self.text = text
        self.capturedBy = capturedBy
        self.capturedAt = capturedAt
        self.replacesId = replacesId
        self.replacedById = replacedById
        self.highlighted = highlighted
        self.snippet = snippet
    }
}

/// The review's SELECT list, in order. The search columns come last and
/// only when searching.
enum ReviewColumn: Int, CaseIterable {
    case id, uuid, opportunity, account, stage, isDemo, field, position, text
    case capturedBy, capturedAt, replacesId, replacedById, highlighted, snippet

    var sql: String {
        switch self {
        case .id, .uuid, .field, .position, .text, .capturedBy, .capturedAt, .replacesId: "s.\(self)"
        case .replacedById: "n.id"
        case .opportunity: "o.name"
        case .isDemo: "o.isDemo"
        case .account: "a.name"
        case .stage: "st.name"
        case .highlighted: "highlight(statementSearch, 0, char(2), char(3))"
        case .snippet: "snippet(statementSearch, 0, char(2), char(3), '…', 12)"
        }
    }

    static func selectList(searching: Bool) -> String {
        allCases.filter { searching || ($0 != .highlighted && $0 != .snippet) }
            .map { "\($0.sql) AS \($0)" }.joined(separator: ", ")
    }
}
