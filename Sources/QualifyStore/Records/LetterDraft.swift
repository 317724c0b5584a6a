import Foundation
import GRDB

/// A sponsor letter as it was drafted, so a manager can see which deals
/// have had one and what it said.
public struct LetterDraft: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "letter"

    public var id: Int64?
    public var uuid: UUID
    public var opportunityId: Int64
    public var body: String
    public var draftedBy: String
    public var draftedAt: Date

    public enum Columns {
        static let opportunityId = Column(CodingKeys.opportunityId)
        static let draftedAt = Column(CodingKeys.draftedAt)
    }

    public init(opportunityId: Int64, body: String, draftedBy: String, draftedAt: Date = Date()) {
        self.uuid = UUID()
        self.opportunityId = opportunityId
        self.body = body
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
    }
}
