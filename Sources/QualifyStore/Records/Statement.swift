import Foundation
import GRDB
import QualifyKit

/// One version of the buyer's words for one item of one field. Statements are
/// append-only: a correction is a new row that `replaces` the previous
/// version, so nothing the buyer said is ever overwritten or lost.
public struct Statement: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "statement"

    public var id: Int64?
    public var uuid: UUID
    public var opportunityId: Int64
    public var field: Field
    /// 1-based position in the field's list; always 1 for problem and pain.
    public var position: Int
    /// Exactly as typed: only the line terminator was removed.
    public var text: String
    public var capturedBy: String
    public var capturedAt: Date
    /// The version this one supersedes, nil for the first.
    public var replacesId: Int64?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let opportunityId = Column(CodingKeys.opportunityId)
        static let field = Column(CodingKeys.field)
        static let position = Column(CodingKeys.position)
        static let replacesId = Column(CodingKeys.replacesId)
    }

    public init(opportunityId: Int64, field: Field, position: Int, text: String,
                capturedBy: String, capturedAt: Date = Date(), replacesId: Int64? = nil) {
        // Time-ordered, as imports make them: no /dev/urandom opened per answer, and the uuid index grows at its end.
        self.uuid = TimeOrderedUUIDs.next(at: capturedAt)
        self.opportunityId = opportunityId
        self.field = field
        self.position = position
        self.text = text
        self.capturedBy = capturedBy
        self.capturedAt = capturedAt
        self.replacesId = replacesId
    }
}

extension Field: DatabaseValueConvertible {}
