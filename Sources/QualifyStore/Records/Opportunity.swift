import Foundation
import GRDB
import QualifyKit
import Synchronization

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
    /// Stored as two columns, hundredths and code, read through `amount`.
    private var amountHundredths: Int64?
    /// ISO 4217 code, e.g. "EUR": set with the amount, or alone (`/set currency USD`)
    /// before the buyer names a figure, so the figure is read in it.
    public var currency: String?
    /// The close date's `YYYY-MM-DD` text, which SQLite sorts and compares as the days compare.
    private var storedCloseDate: String?
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
    /// Which CRM the deal was imported from, and its id there.
    public var sourceCRM: String?
    public var sourceId: String?
    /// Its name in that CRM, when an import renamed it to keep names unique.
    public var sourceName: String?

    /// What the deal is worth, exact; nil until someone says. Setting it sets the deal's currency.
    public var amount: Amount? {
        get { amountHundredths.map { Amount(hundredths: $0, currency: currency ?? "") } }
        set {
            amountHundredths = newValue?.hundredths
            if let newValue { currency = newValue.currency }
        }
    }

    /// The Expected Close Date. Nil too when the stored text is no day (a
    /// hand-edited row): the deal reads as undated, and the text stays until
    /// the rep sets a date.
    public var closeDate: CalendarDay? {
        get { storedCloseDate.flatMap(CalendarDay.init(iso:)) }
        set { storedCloseDate = newValue?.description }
    }

    /// The close date's text as stored, written back as it is: no day read and formatted
    /// again for every imported row, and a hand-edited text an update leaves alone stays.
    var closeDateText: String? { storedCloseDate }

    /// Every column of the table, in one order: Codable reads and writes the
    /// record by them, the inserter binds them (all but `id`) by position, and
    /// the full export and sync carry them (`ExportedTable`). A new column is a
    /// migration and a case here; the compiler then asks the inserter how to bind it.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case uuid, name, isDemo, createdAt, amountHundredths, currency
        case storedCloseDate = "closeDate"
        case probability, nextMilestone, owner, leadSource, description, sourceCRM, sourceId, sourceName
        case accountId, sponsorId, powerSponsorId
        /// Travels in files as the stage's name, which every laptop has.
        case stageId

        /// A row of another table: a file carries its uuid under `key`.
        var reference: (key: String, table: String)? {
            switch self {
            case .accountId: ("account", "account")
            case .sponsorId: ("sponsor", "contact")
            case .powerSponsorId: ("powerSponsor", "contact")
            default: nil
            }
        }
    }

    /// The columns an insert writes: every one but the rowid SQLite assigns.
    static let storedColumns = CodingKeys.allCases.filter { $0 != .id }

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let accountId = Column(CodingKeys.accountId)
        static let createdAt = Column(CodingKeys.createdAt)
        static let amountHundredths = Column(CodingKeys.amountHundredths)
        static let currency = Column(CodingKeys.currency)
        static let closeDate = Column(CodingKeys.storedCloseDate)
        static let stageId = Column(CodingKeys.stageId)
        static let probability = Column(CodingKeys.probability)
        static let nextMilestone = Column(CodingKeys.nextMilestone)
        static let owner = Column(CodingKeys.owner)
    }

    static let account = belongsTo(Account.self)
    static let stage = belongsTo(Stage.self)
    // Two links to the contact table: each names its foreign key.
    static let sponsor = belongsTo(Contact.self, key: "sponsor", using: ForeignKey(["sponsorId"]))
    static let powerSponsor = belongsTo(Contact.self, key: "powerSponsor", using: ForeignKey(["powerSponsorId"]))

    public init(name: String, accountId: Int64, isDemo: Bool = false, createdAt: Date = Date(), uuid: UUID = UUID()) {
        self.uuid = uuid
        self.name = name
        self.accountId = accountId
        self.isDemo = isDemo
        self.createdAt = createdAt
    }
}

/// RFC 9562 version 7 uuids: Unix time in milliseconds, then random bits
/// that count up within one millisecond (the RFC's method 2). One import's
/// uuids thus ascend, and the unique index on uuid grows at its end instead
/// of at a random page for each row; the random start per millisecond keeps
/// them unique across machines. (Foundation's UUID() also opens
/// /dev/urandom once per uuid on Linux.)
struct TimeOrderedUUIDs {
    /// One sequence for the rows this process makes one at a time (a rep's answers).
    private static let shared = Mutex(TimeOrderedUUIDs())

    static func next(at now: Date) -> UUID { shared.withLock { $0.next(at: now) } }

    private var millis: UInt64 = 0
    /// 12 bits, then 62 bits, of the random part.
    private var high: UInt16 = 0
    private var low: UInt64 = 0

    mutating func next(at now: Date) -> UUID {
        let current = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        if current > millis {
            millis = current
            var random = SystemRandomNumberGenerator()
            high = UInt16.random(in: 0...0x0FFF, using: &random)
            // The top quarter is left for counting up, so a millisecond never runs out.
            low = UInt64.random(in: 0...(1 << 60), using: &random)
        } else if low < (1 << 62) - 1 {
            low += 1
        } else {
            low = 0
            if high < 0x0FFF { high += 1 } else { high = 0; millis += 1 }
        }
        let t = millis, h = high, l = low
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: t >> 40), UInt8(truncatingIfNeeded: t >> 32), UInt8(truncatingIfNeeded: t >> 24),
            UInt8(truncatingIfNeeded: t >> 16), UInt8(truncatingIfNeeded: t >> 8), UInt8(truncatingIfNeeded: t),
            0x70 | UInt8(truncatingIfNeeded: h >> 8), UInt8(truncatingIfNeeded: h),
            0x80 | UInt8(truncatingIfNeeded: l >> 56), UInt8(truncatingIfNeeded: l >> 48), UInt8(truncatingIfNeeded: l >> 40),
            UInt8(truncatingIfNeeded: l >> 32), UInt8(truncatingIfNeeded: l >> 24), UInt8(truncatingIfNeeded: l >> 16),
            UInt8(truncatingIfNeeded: l >> 8), UInt8(truncatingIfNeeded: l)))
    }
}
