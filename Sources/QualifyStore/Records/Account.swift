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

    /// What a file whose header named no CRM (and no --crm) was imported as: its ids are the file's,
    /// of a CRM qualify was not told.
    public static let unnamedCRM = "csv"

    /// This account's CRM id as a record of `crm` (a deal, a contact) refers to it in an export.
    /// An id means something only in its own CRM: a deal from Zoho linked by name to an account
    /// from Salesforce gets none. A record typed here (no CRM) takes it, and so does one where either
    /// side came from a file that named no CRM: the import linked that record to this account by the
    /// id alone (`FieldResolver.accountId`), so the id the file gave goes back out and is read back so.
    public func sourceId(seenFrom crm: String?) -> String? {
        guard let crm, crm != sourceCRM else { return sourceId }
        return crm == Self.unnamedCRM || sourceCRM == Self.unnamedCRM ? sourceId : nil
    }
}
