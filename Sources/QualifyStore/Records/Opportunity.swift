import Foundation
import GRDB

/// A deal with one account, with the fields of the CRM manual's
/// Opportunities chapter (migration v2 added all but name and account).
public struct Opportunity: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "opportunity"

    public var id: Int64?
    public var uuid: UUID
    public var name: String
    public var accountId: Int64
    /// Loaded by /demo from the manual's worked example; reviews and letters label it.
    public var isDemo: Bool
    public var createdAt: Date
    /// Hundredths of the currency unit: exact, never a binary float.
    public var amountHundredths: Int64?
    /// ISO 4217 code, e.g. "EUR".
    public var currency: String?
    /// ISO date, YYYY-MM-DD.
    public var closeDate: String?
    public var stageId: Int64?
    /// 0-99, or 100 for a closed-won deal.
    public var probability: Int?
    public var nextMilestone: String?
    /// The rep who owns the deal.
    public var owner: String?
    public var leadSource: String?
    public var description: String?
    public var sponsorId: Int64?
    public var powerSponsorId: Int64?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let accountId = Column(CodingKeys.accountId)
        static let createdAt = Column(CodingKeys.createdAt)
        static let amountHundredths = Column(CodingKeys.amountHundredths)
        static let currency = Column(CodingKeys.currency)
        static let closeDate = Column(CodingKeys.closeDate)
        static let stageId = Column(CodingKeys.stageId)
        static let probability = Column(CodingKeys.probability)
        static let nextMilestone = Column(CodingKeys.nextMilestone)
        static let owner = Column(CodingKeys.owner)
    }

    static let account = belongsTo(Account.self)

    public init(name: String, accountId: Int64, isDemo: Bool = false, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.name = name
        self.accountId = accountId
        self.isDemo = isDemo
        self.createdAt = createdAt
    }
}

extension Opportunity {
    /// The insert an import repeats 100,000 times: one prepared statement
    /// instead of encoding the record through Codable for every row.
    mutating func insertFast(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO opportunity (uuid, name, accountId, isDemo, createdAt, amountHundredths, currency, closeDate,
                                     stageId, probability, nextMilestone, owner, leadSource, description, sponsorId, powerSponsorId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [uuid, name, accountId, isDemo, createdAt, amountHundredths, currency, closeDate,
                                          stageId, probability, nextMilestone, owner, leadSource, description, sponsorId, powerSponsorId])
        id = db.lastInsertedRowID
    }
}
