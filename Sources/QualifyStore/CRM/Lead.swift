import Foundation
import GRDB

/// Someone who may buy, before there is a deal. Conversion turns the company
/// into an account, the person into a contact and, optionally, opens an
/// opportunity; the lead keeps links to all three.
public struct Lead: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "lead"

    public var id: Int64?
    public var uuid: UUID
    public var person: String
    public var company: String?
    public var title: String?
    public var email: String?
    public var phone: String?
    public var source: String?
    public var notes: String?
    public var createdAt: Date
    public var convertedAt: Date?
    public var accountId: Int64?
    public var contactId: Int64?
    public var opportunityId: Int64?
    /// Which CRM the lead was imported from, and its id there.
    public var sourceCRM: String?
    public var sourceId: String?
    /// The CRM's status word (Open, Working, Converted…), as written.
    public var status: String?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let person = Column(CodingKeys.person)
    }

    public init(person: String, company: String? = nil, title: String? = nil, email: String? = nil,
                phone: String? = nil, source: String? = nil, notes: String? = nil, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.person = person
        self.company = company
        self.title = title
        self.email = email
        self.phone = phone
        self.source = source
        self.notes = notes
        self.createdAt = createdAt
    }
}
