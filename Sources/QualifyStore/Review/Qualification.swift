import Foundation
import GRDB
import QualifyKit

/// What is captured for one opportunity, counted over the current version
/// of each statement: the raw material of `review gaps`, `stats` and `home`.
public struct Qualification: Equatable, Sendable {
    public var opportunity: String
    public var account: String
    public var stage: String?
    public var isDemo: Bool
    /// The owner, else whoever captured the first statement.
    public var rep: String?
    /// In the deal's currency, else the one the reader takes for deals stored without one.
    public var amount: Amount?
    public var closeDate: CalendarDay?
    /// Current statements per field (items of a list, 0 or 1 otherwise).
    public var counts: FieldCounts
    public var lastCapturedAt: Date?
    public var lastLetterAt: Date?
    /// What is missing, worst first.
    public var gaps: [QualificationGap]

    /// `defaultCurrency` is what the reader takes a deal stored without a currency to be in.
    init(row: Row, defaultCurrency: String = "") {
        opportunity = row["opportunity"]
        account = row["account"]
        stage = row["stage"]
        isDemo = row["isDemo"]
        rep = row["rep"]
        amount = (row["amountHundredths"] as Int64?).map { Amount(hundredths: $0, currency: row["currency"] ?? defaultCurrency) }
        // A stored text that is no day (a hand-edited row) reads as undated, as the record reads it.
        closeDate = (row["closeDate"] as String?).flatMap(CalendarDay.init(iso:))
        counts = FieldCounts()
        for field in Field.allCases { counts[field] = row[field.countName] }
        lastCapturedAt = row[time: "lastCapturedAt"]
        lastLetterAt = row[time: "lastLetterAt"]
        let score: Int = row["gapScore"]
        gaps = QualificationGap.allCases.filter { score & $0.bit != 0 }
    }
}

/// A hole in an opportunity's qualification, in the order a manager coaches
/// it: a deal without an admitted pain sorts before any deal that has one,
/// whatever else it lacks. Each gap is one bit of a score SQLite sorts by.
public enum QualificationGap: Hashable, Sendable {
    /// No current statement for the field.
    case missing(Field)
    /// Fewer capabilities than the method's target.
    case fewCapabilities
    case noLetter

    /// Worst first: pain, then problem (which matters only while pain is
    /// missing), too few capabilities, every other field in the method's
    /// order, and the letter.
    public static let allCases: [QualificationGap] =
        [.missing(.pain), .missing(.problem), .fewCapabilities]
        + Field.allCases.filter { ![.pain, .problem, .capabilities].contains($0) }.map(QualificationGap.missing)
        + [.noLetter]

    /// The score bit: a higher bit is a worse gap.
    var bit: Int { 1 << (Self.allCases.count - 1 - Self.allCases.firstIndex(of: self)!) }

    /// The gap's name in JSON: "noPain", "fewCapabilities", "noLetter".
    public var name: String {
        switch self {
        case .missing(let field): "no" + field.title.filter { !$0.isWhitespace }
        case .fewCapabilities: "fewCapabilities"
        case .noLetter: "noLetter"
        }
    }

    /// The rule, over the columns of `Qualification.sql`, so SQLite can sort by it.
    var condition: String {
        switch self {
        // Problem matters only while pain is missing: pain, once admitted, is worth more.
        case .missing(.problem): "\(Field.pain.countName) = 0 AND \(Field.problem.countName) = 0"
        case .missing(let field): "\(field.countName) = 0"
        case .fewCapabilities: "\(Field.capabilities.countName) < \(Field.capabilityTarget)"
        case .noLetter: "lastLetterAt IS NULL"
        }
    }

    static var scoreSQL: String {
        allCases.map { "(CASE WHEN \($0.condition) THEN \($0.bit) ELSE 0 END)" }.joined(separator: " + ")
    }
}

extension Qualification {
    /// One row per opportunity. `captured` walks the statement index once,
    /// grouped by opportunity, instead of probing it per opportunity and field.
    static func sql(columns: String = "*", where condition: String = "1", orderBy: String? = nil) -> String {
        """
        WITH captured AS (
            SELECT s.opportunityId,
                   \(Field.allCases.map { "count(CASE s.field WHEN '\($0.rawValue)' THEN 1 END) AS \($0.countName)," }.joined(separator: "\n"))
                   max(s.capturedAt) AS lastCapturedAt
            FROM statement s
            WHERE NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)
            GROUP BY s.opportunityId
        ), qualification AS (
            SELECT o.id AS opportunityId, o.name AS opportunity, a.name AS account,
                   st.name AS stage, st.position AS stagePosition, st.closed AS closed,
                   o.isDemo, o.amountHundredths, o.currency, o.closeDate, o.stageId,
                   coalesce(o.owner, (SELECT s.capturedBy FROM statement s
                                      WHERE s.opportunityId = o.id ORDER BY s.id LIMIT 1)) AS rep,
                   \(Field.allCases.map { "coalesce(c.\($0.countName), 0) AS \($0.countName)," }.joined(separator: " "))
                   c.lastCapturedAt,
                   (SELECT max(l.draftedAt) FROM letter l WHERE l.opportunityId = o.id) AS lastLetterAt
            FROM opportunity o
            JOIN account a ON a.id = o.accountId
            LEFT JOIN stage st ON st.id = o.stageId
            LEFT JOIN captured c ON c.opportunityId = o.id
        ), scored AS (
            SELECT *, \(QualificationGap.scoreSQL) AS gapScore FROM qualification
        )
        SELECT \(columns) FROM scored WHERE \(condition)
        \(orderBy.map { "ORDER BY \($0)" } ?? "")
        """
    }
}

extension QualifyDatabase {
    /// Whether any opportunity is at an open stage: with none, "every open
    /// opportunity is qualified" would be a sentence about nothing.
    public func hasOpenOpportunities() throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM opportunity o LEFT JOIN stage s ON s.id = o.stageId WHERE s.closed IS NULL)
                """) ?? false
        }
    }

    /// Open opportunities whose qualification is incomplete, worst first;
    /// optionally one sales stage's or one rep's, for a coaching session.
    public func qualificationGaps(stage: String? = nil, rep: String? = nil,
                                  each: (Qualification) throws -> Void) throws {
        try stream { db in
            var condition = "gapScore > 0 AND closed IS NULL"
            var arguments = StatementArguments()
            if let stage {
                condition += " AND stageId = ?"
                arguments += [try ReviewNames.stageId(named: stage, in: db)]
            }
            if let rep {
                condition += " AND rep = ?"
                arguments += [try ReviewNames.owner(named: rep, in: db)]
            }
            let sql = Qualification.sql(where: condition, orderBy: "gapScore DESC, opportunity COLLATE NOCASE")
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try consume(Qualification(row: row), with: each) }
        }
    }
}
