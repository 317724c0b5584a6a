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

extension QualifyDatabase {
    /// Pending first, overdue deals most overdue first, then the largest;
    /// upcoming deals largest first.
    public func home(_ criteria: HomeCriteria, each: (HomeEntry) throws -> Void) throws {
        try stream { db in
            // A threshold compares amounts in its own currency; 0 lets every deal in, with or without an amount.
            let bigEnough = """
                (:minimum = 0 OR coalesce(amountHundredths >= :minimum AND coalesce(currency, :defaultCurrency) = :currency, 0))
                """
            let closingSoon = "(coalesce(closeDate BETWEEN :today AND :lastDay, 0) AND \(bigEnough))"
            let overdue = "(coalesce(closeDate < :today, 0) AND \(bigEnough))"
            let noNextMilestone = """
                ((SELECT coalesce(trim(o.nextMilestone), '') = '' FROM opportunity o WHERE o.id = opportunityId) AND \(bigEnough))
                """
            let letterPending = """
                (\(Field.pain.countName) + \(Field.problem.countName) > 0 AND \(Field.capabilities.countName) > 0
                 AND (lastLetterAt IS NULL OR lastCapturedAt > lastLetterAt))
                """
            let letterUnsent = """
                (NOT \(letterPending) AND (SELECT NOT EXISTS (SELECT 1 FROM letterMark m WHERE m.letterId = l.id AND m.status = 'sent')
                 FROM letter l WHERE l.opportunityId = scored.opportunityId ORDER BY l.id DESC LIMIT 1) AND \(bigEnough))
                """
            let sql = Qualification.sql(
                columns: "*, \(closingSoon) AS closingSoon, \(overdue) AS overdue, \(noNextMilestone) AS noNextMilestone, \(letterPending) AS letterPending, coalesce(\(letterUnsent), 0) AS letterUnsent",
                where: "closed IS NULL AND (\(closingSoon) OR \(overdue) OR \(noNextMilestone) OR \(letterPending) OR coalesce(\(letterUnsent), 0))",
                orderBy: """
                    \(overdue) DESC, CASE WHEN \(overdue) THEN closeDate END,
                    coalesce(amountHundredths, -1) DESC, closeDate IS NULL, closeDate, opportunity COLLATE NOCASE
                    """)
            let arguments: StatementArguments = [
                "minimum": criteria.minimum.hundredths, "currency": criteria.minimum.currency,
                "defaultCurrency": criteria.defaultCurrency, "today": criteria.today.description, "lastDay": criteria.lastDay.description,
            ]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                try consume(HomeEntry(qualification: Qualification(row: row, defaultCurrency: criteria.defaultCurrency), closingSoon: row["closingSoon"],
                                      overdue: row["overdue"], noNextMilestone: row["noNextMilestone"],
                                      letterPending: row["letterPending"], letterUnsent: row["letterUnsent"]), with: each)
            }
        }
    }

    public func recordCompleteness() throws(StoreError) -> RecordCompleteness {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, count(amountHundredths) AS amounts, count(closeDate) AS dates FROM opportunity")!
            return RecordCompleteness(opportunities: row["n"], withAmount: row["amounts"], withCloseDate: row["dates"])
        }
    }
}
