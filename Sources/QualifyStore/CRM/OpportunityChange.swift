import Foundation
import GRDB
import QualifyKit

/// One dated change of stage, amount, probability or close date: the
/// forecast's history, shown by `opportunity show --history`.
public struct OpportunityChange: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "opportunityChange"

    public var id: Int64?
    public var uuid: UUID
    public var opportunityId: Int64
    /// Stored as the field's name (`close-date`), as the rep types it.
    public var field: OpportunityField
    /// As shown to the rep (`120000.50 EUR`, `2026-03-31`, the stage's name).
    public var oldValue: String?
    public var newValue: String?
    public var changedBy: String
    public var changedAt: Date

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let opportunityId = Column(CodingKeys.opportunityId)
    }

    public init(opportunityId: Int64, field: OpportunityField, oldValue: String?, newValue: String?,
                changedBy: String, changedAt: Date = Date()) {
        self.uuid = UUID()
        self.opportunityId = opportunityId
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}

extension OpportunityField: DatabaseValueConvertible {}
