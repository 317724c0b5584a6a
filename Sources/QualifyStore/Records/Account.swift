import Foundation
import GRDB

/// A customer organisation. Opportunities choose their account from these:
/// the CRM manual forbids typing a free account name on an opportunity.
public struct Account: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "account"

    public var id: Int64?
    /// Stable across machines, so export and import are idempotent.
    public var uuid: UUID
    public var name: String
    public var createdAt: Date
    /// Which CRM the account was imported from, and its id there.
    public var sourceCRM: String?
    public var sourceId: String?
    /// Its name in that CRM, when another account had it here.
    public var sourceName: String?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let uuid = Column(CodingKeys.uuid)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    public init(name: String, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.name = name
        self.createdAt = createdAt
    }
}
