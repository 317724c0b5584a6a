import Foundation
import GRDB

/// A person at an account; an opportunity's sponsor and power sponsor are
/// contacts, and the sponsor letter is addressed to them.
public struct Contact: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "contact"

    public var id: Int64?
    public var uuid: UUID
    public var accountId: Int64
    public var name: String
    public var title: String?
    public var email: String?
    public var phone: String?
    public var createdAt: Date
    /// Which CRM the contact was imported from, and its id there.
    public var sourceCRM: String?
    public var sourceId: String?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountId = Column(CodingKeys.accountId)
        static let name = Column(CodingKeys.name)
    }

    public init(accountId: Int64, name: String, title: String? = nil, email: String? = nil,
                phone: String? = nil, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.accountId = accountId
        self.name = name
        self.title = title
        self.email = email
        self.phone = phone
        self.createdAt = createdAt
    }
}
