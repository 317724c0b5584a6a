import Foundation
import GRDB

/// What is captured for one opportunity, counted over the current version
/// of each statement: the raw material of `review gaps`, `stats` and `home`.
public struct Qualification: Equatable, Sendable {
    public var opportunity: String
    public var account: String
    public var stage: String?
    public var isDemo: Bool
    /// The owner, else whoever captured the first statement.
    public var rep: String?
    public var amountHundredths: Int64?
    public var currency: String?
    public var closeDate: String?
    public var problems: Int
    public var pains: Int
    public var reasons: Int
    public var impacts: Int
    public var capabilities: Int
    public var lastCapturedAt: Date?
    public var lastLetterAt: Date?
    /// What is missing, worst first.
    public var gaps: [QualificationGap]

    init(row: Row) {
        opportunity = row["opportunity"]
        account = row["account"]
        stage = row["stage"]
        isDemo = row["isDemo"]
        rep = row["rep"]
        amountHundredths = row["amountHundredths"]
        currency = row["currency"]
        closeDate = row["closeDate"]
        problems = row["problems"]
        pains = row["pains"]
        reasons = row["reasons"]
        impacts = row["impacts"]
        capabilities = row["capabilities"]
        lastCapturedAt = row["lastCapturedAt"]
        lastLetterAt = row["lastLetterAt"]
        let score: Int = row["gapScore"]
        gaps = QualificationGap.allCases.filter { score & $0.rawValue != 0 }
    }
}

/// A hole in an opportunity's qualification. The raw values are bits of a
/// score whose order is the coaching priority: a deal without an admitted
/// pain sorts before any deal that has one, whatever else it lacks.
public enum QualificationGap: Int, CaseIterable, Sendable {
    case noPain = 32
    case noProblem = 16
    case fewCapabilities = 8
    case noReasons = 4
    case noImpacts = 2
    case noLetter = 1

    /// The rule, over the columns of `Qualification.sql`, so SQLite can sort by it.
    var condition: String {
        switch self {
        case .noPain: "pains = 0"
        // Problem matters only while pain is missing: pain, once admitted, is worth more.
        case .noProblem: "pains = 0 AND problems = 0"
        case .fewCapabilities: "capabilities < 3"
        case .noReasons: "reasons = 0"
        case .noImpacts: "impacts = 0"
        case .noLetter: "lastLetterAt IS NULL"
        }
    }

    static var scoreSQL: String {
        allCases.map { "(CASE WHEN \($0.condition) THEN \($0.rawValue) ELSE 0 END)" }.joined(separator: " + ")
    }
}

extension Qualification {
    /// One row per opportunity. `captured` walks the statement index once,
    /// grouped by opportunity, instead of probing it per opportunity and field.
    static func sql(columns: String = "*", where condition: String = "1", orderBy: String? = nil) -> String {
        """
        WITH captured AS (
            SELECT s.opportunityId,
                   count(CASE s.field WHEN 'problem' THEN 1 END) AS problems,
                   count(CASE s.field WHEN 'pain' THEN 1 END) AS pains,
                   count(CASE s.field WHEN 'reasons' THEN 1 END) AS reasons,
                   count(CASE s.field WHEN 'impacts' THEN 1 END) AS impacts,
                   count(CASE s.field WHEN 'capabilities' THEN 1 END) AS capabilities,
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
                   coalesce(c.problems, 0) AS problems, coalesce(c.pains, 0) AS pains,
                   coalesce(c.reasons, 0) AS reasons, coalesce(c.impacts, 0) AS impacts,
                   coalesce(c.capabilities, 0) AS capabilities, c.lastCapturedAt,
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
