import Foundation
import GRDB

/// One stored version of a letter: drafted from the buyer's words, or edited
/// by the rep. Versions are append-only, like statements: an edit is a new
/// row, so what was sent can always be shown as it was.
public struct LetterDraft: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "letter"

    public enum Origin: String, Codable, Sendable {
        case drafted, edited
    }

    public var id: Int64?
    public var uuid: UUID
    public var opportunityId: Int64
    /// The letter type of letters/letters.yaml: sponsor, power-sponsor, …
    public var type: String
    public var origin: Origin
    public var body: String
    public var draftedBy: String
    public var draftedAt: Date

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let opportunityId = Column(CodingKeys.opportunityId)
        static let type = Column(CodingKeys.type)
        static let draftedAt = Column(CodingKeys.draftedAt)
        static let draftedBy = Column(CodingKeys.draftedBy)
    }

    /// The order of a deal's versions, the same on every laptop: when each was drafted (to the
    /// millisecond; two in one millisecond are one laptop's, in the order it stored them). Local
    /// ids alone follow the order rows arrived, so sync numbered one version 3 on its author's
    /// laptop and 4 on a teammate's.
    static var teamOrder: [any SQLOrderingTerm] { [Columns.draftedAt, Columns.id] }
    static var newestFirst: [any SQLOrderingTerm] { [Columns.draftedAt.desc, Columns.id.desc] }

    /// How the letter templates mark what is missing ("[GAP: no power sponsor yet: …]"): a version
    /// that still has one is a preview, not a letter to send.
    public static let gapMark = "[GAP:"

    /// The first line (from 1) that still has a gap, if any.
    public var gapLine: Int? {
        body.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(Self.gapMark) }.map { $0 + 1 }
    }

    public init(opportunityId: Int64, type: String = "sponsor", origin: Origin = .drafted, body: String,
                draftedBy: String, draftedAt: Date = Date()) {
        self.uuid = UUID()
        self.opportunityId = opportunityId
        self.type = type
        self.origin = origin
        self.body = body
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
    }
}

/// Which statement version a quoted passage of a stored letter reproduces.
public struct LetterQuote: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "letterQuote"

    public var id: Int64?
    public var uuid: UUID
    public var letterId: Int64
    /// 1-based line of the letter where the quote starts.
    public var line: Int
    public var statementId: Int64

    public init(letterId: Int64, line: Int, statementId: Int64) {
        self.uuid = UUID()
        self.letterId = letterId
        self.line = line
        self.statementId = statementId
    }
}

/// What happened to a letter version: sent to the buyer, confirmed by them.
public struct LetterMark: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "letterMark"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case sent, confirmed
    }

    public var id: Int64?
    public var uuid: UUID
    public var letterId: Int64
    public var status: Status
    public var markedBy: String
    public var markedAt: Date

    public init(letterId: Int64, status: Status, markedBy: String, markedAt: Date = Date()) {
        self.uuid = UUID()
        self.letterId = letterId
        self.status = status
        self.markedBy = markedBy
        self.markedAt = markedAt
    }
}
