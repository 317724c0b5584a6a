import Foundation
import GRDB
import QualifyKit

/// An open opportunity on the home screen, and why it is there (the
/// manual's Home page: upcoming and pending).
public struct HomeEntry: Equatable, Sendable {
    public var qualification: Qualification
    /// Big enough and closing within the window.
    public var closingSoon: Bool
    /// Big enough and its expected close date has passed: pending.
    public var overdue: Bool
    /// Big enough and no next milestone: nobody knows what happens next.
    public var noNextMilestone: Bool
    /// Enough is captured for a sponsor letter, and none was drafted since.
    public var letterPending: Bool
    /// Big enough, and the newest letter version is drafted but not marked sent.
    public var letterUnsent: Bool = false

    /// Upcoming: closing soon. Everything else listed is pending.
    public var isUpcoming: Bool { closingSoon && !overdue }
}

/// What `qualify home` looks for; the threshold compares amounts in one currency.
public struct HomeCriteria: Sendable {
    /// Deals of at least this much in its currency; zero lets every deal in.
    public var minimum: Amount
    /// Opportunities stored without a currency are taken to be in this one.
    public var defaultCurrency: String
    public var today: CalendarDay
    public var lastDay: CalendarDay

    public init(minimum: Amount, defaultCurrency: String, today: CalendarDay, lastDay: CalendarDay) {
        self.minimum = minimum
        self.defaultCurrency = defaultCurrency
        self.today = today
        self.lastDay = lastDay
    }
}

/// How complete the CRM record is, so `home` can say what it cannot show yet.
public struct RecordCompleteness: Equatable, Sendable {
    public var opportunities: Int
    public var withAmount: Int
    public var withCloseDate: Int
}

/// Why a deal is on the home page, as SQL on `Qualification.sql`'s rows. The deal's own
/// reasons count only when `bigEnough` holds (the minimum); a letter to draft always does.
private struct HomeReasons {
    let closingSoon: String
    let overdue: String
    let noNextMilestone: String
    let letterUnsent: String

    static let letterPending = """
        (\(Field.pain.countName) + \(Field.problem.countName) > 0 AND \(Field.capabilities.countName) > 0
         AND (lastLetterAt IS NULL OR lastCapturedAt > lastLetterAt))
        """

    init(bigEnough: String) {
        closingSoon = "(coalesce(closeDate BETWEEN :today AND :lastDay, 0) AND \(bigEnough))"
        overdue = "(coalesce(closeDate < :today, 0) AND \(bigEnough))"
        noNextMilestone = """
            ((SELECT coalesce(trim(o.nextMilestone), '') = '' FROM opportunity o WHERE o.id = opportunityId) AND \(bigEnough))
            """
        // A letter that still says [GAP: …] cannot be marked sent (letter mark refuses it): it is no letter to send yet.
        letterUnsent = """
            coalesce((NOT \(Self.letterPending) AND (SELECT NOT EXISTS (SELECT 1 FROM letterMark m WHERE m.letterId = l.id AND m.status = 'sent')
             AND instr(l.body, '\(LetterDraft.gapMark)') = 0
             FROM letter l WHERE l.opportunityId = scored.opportunityId ORDER BY l.id DESC LIMIT 1) AND \(bigEnough)), 0)
            """
    }

    /// Any of the deal's own reasons.
    var any: String { "(\(closingSoon) OR \(overdue) OR \(noNextMilestone) OR \(letterUnsent))" }
}

extension QualifyDatabase {
    /// Pending first, overdue deals most overdue first, then the largest;
    /// upcoming deals largest first.
    public func home(_ criteria: HomeCriteria, each: (HomeEntry) throws -> Void) throws {
        try stream { db in
            // A threshold compares amounts in its own currency; 0 lets every deal in, with or without an amount.
            let reasons = HomeReasons(bigEnough: """
                (:minimum = 0 OR coalesce(amountHundredths >= :minimum AND coalesce(currency, :defaultCurrency) = :currency, 0))
                """)
            let (closingSoon, overdue) = (reasons.closingSoon, reasons.overdue)
            let sql = Qualification.sql(
                columns: "*, \(closingSoon) AS closingSoon, \(overdue) AS overdue, \(reasons.noNextMilestone) AS noNextMilestone, \(HomeReasons.letterPending) AS letterPending, \(reasons.letterUnsent) AS letterUnsent",
                where: "closed IS NULL AND (\(reasons.any) OR \(HomeReasons.letterPending))",
                orderBy: """
                    \(overdue) DESC, CASE WHEN \(overdue) THEN closeDate END,
                    coalesce(amountHundredths, -1) DESC, closeDate IS NULL, closeDate, opportunity COLLATE NOCASE
                    """)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: Self.arguments(criteria))
            while let row = try rows.next() {
                try consume(HomeEntry(qualification: Qualification(row: row, defaultCurrency: criteria.defaultCurrency), closingSoon: row["closingSoon"],
                                      overdue: row["overdue"], noNextMilestone: row["noNextMilestone"],
                                      letterPending: row["letterPending"], letterUnsent: row["letterUnsent"]), with: each)
            }
        }
    }

    /// The open deals a minimum left off the home page only because their amount is in
    /// another currency: closing soon, overdue, without a next milestone or with a letter
    /// unsent, whatever their amount (one with a letter to draft is listed all the same).
    /// Nil without a minimum.
    public func homeDealsInOtherCurrencies(_ criteria: HomeCriteria) throws -> UncomparedCurrencies? {
        guard criteria.minimum.hundredths > 0 else { return nil }
        return try read { db in
            let reasons = HomeReasons(bigEnough: "1")
            let sql = Qualification.sql(
                columns: "coalesce(currency, :defaultCurrency) AS currency, count(*) AS n",
                where: "closed IS NULL AND amountHundredths IS NOT NULL AND coalesce(currency, :defaultCurrency) <> :currency AND \(reasons.any) AND NOT \(HomeReasons.letterPending)")
                + " GROUP BY 1 ORDER BY n DESC, currency"
            return UncomparedCurrencies(minimum: criteria.minimum, rows: try Row.fetchAll(db, sql: sql, arguments: Self.arguments(criteria)))
        }
    }

    private static func arguments(_ criteria: HomeCriteria) -> StatementArguments {
        [
            "minimum": criteria.minimum.hundredths, "currency": criteria.minimum.currency,
            "defaultCurrency": criteria.defaultCurrency, "today": criteria.today.description, "lastDay": criteria.lastDay.description,
        ]
    }

    public func recordCompleteness() throws(StoreError) -> RecordCompleteness {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, count(amountHundredths) AS amounts, count(closeDate) AS dates FROM opportunity")!
            return RecordCompleteness(opportunities: row["n"], withAmount: row["amounts"], withCloseDate: row["dates"])
        }
    }
}
