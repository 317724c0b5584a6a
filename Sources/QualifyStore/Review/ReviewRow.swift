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

    init(row: Row) {
        id = row["id"]
        uuid = row["uuid"]
        opportunity = row["opportunity"]
        account = row["account"]
        stage = row["stage"]
        isDemo = row["isDemo"]
        field = row["field"]
        position = row["position"]
        text = row["text"]
        capturedBy = row["capturedBy"]
        capturedAt = row["capturedAt"]
        replacesId = row["replacesId"]
        replacedById = row["replacedById"]
        highlighted = row["highlighted"]
        snippet = row["snippet"]
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
