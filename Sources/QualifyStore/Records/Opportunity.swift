import Foundation
import GRDB

/// A deal with one account. The CRM fields beyond name and account (amount,
/// close date, stage…) arrive in later migrations as columns of this table.
public struct Opportunity: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "opportunity"

    public var id: Int64?
    public var uuid: UUID
    public var name: String
    public var accountId: Int64
    /// Loaded by /demo from the manual's worked example; reviews and letters label it.
    public var isDemo: Bool
    public var createdAt: Date

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let accountId = Column(CodingKeys.accountId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    static let account = belongsTo(Account.self)

    public init(name: String, accountId: Int64, isDemo: Bool = false, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.name = name
        self.accountId = accountId
        self.isDemo = isDemo
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
