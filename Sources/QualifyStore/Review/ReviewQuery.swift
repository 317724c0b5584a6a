import Foundation
import GRDB
import QualifyKit

/// How the rows come out: newest first for the screen and the data formats,
/// grouped by opportunity for the documents (markdown, HTML), each deal in
/// interview order (or by relevance when searching, by version with history).
public enum ReviewOrder: Sendable {
    case newestFirst
    case groupedByOpportunity
}

extension QualifyDatabase {
    /// Streams the statements a manager asked for, one row at a time, so a
    /// million statements cost the memory of one. `each` runs inside the read
    /// transaction: it sees one consistent snapshot while reps keep writing.
    public func review(_ filter: ReviewFilter, order: ReviewOrder = .newestFirst,
                       each: (ReviewRow) throws -> Void) throws {
        try stream { db in
            let query = try ReviewQuery(filter, order: order, in: db)
            let rows = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
            while let row = try rows.next() {
                try consume(ReviewRow(row: row), with: each)
            }
        }
    }
}

/// The SQL for one review, with every name the manager typed already checked.
struct ReviewQuery {
    private(set) var sql = ""
    private(set) var arguments = StatementArguments()

    init(_ filter: ReviewFilter, order: ReviewOrder, in db: Database) throws {
        var conditions: [String] = []
        let columns = ReviewColumn.selectList(searching: filter.isSearching)
        var from = "statement s"
        var rank: String?
        if filter.isSearching {
            // The FTS table leads the join: SQLite finds the matching rowids
            // first, then looks up only those statements.
            from = "statementSearch JOIN statement s ON s.id = statementSearch.rowid"
            conditions.append("statementSearch MATCH ?")
            arguments += [try ReviewSearch.pattern(for: filter, in: db)]
            rank = "statementSearch.rank"
        }
        // The current version of a statement is the one nothing replaces;
        // replacesId is UNIQUE, so this is one index probe per row.
        if !filter.history {
            conditions.append("n.id IS NULL")
        }
        if !filter.fields.isEmpty {
            conditions.append("s.field IN (\(databaseQuestionMarks(count: filter.fields.count)))")
            arguments += StatementArguments(filter.fields.map(\.rawValue))
        }
        if let name = filter.account {
            conditions.append("o.accountId = ?")
            arguments += [try QualifyDatabase.account(named: name, in: db).id]
        }
        if let name = filter.opportunity {
            conditions.append("s.opportunityId = ?")
            arguments += [try QualifyDatabase.opportunity(named: name, in: db).id!]
        }
        if let name = filter.stage {
            conditions.append("o.stageId = ?")
            arguments += [try ReviewNames.stageId(named: name, in: db)]
        }
        if let name = filter.rep {
            conditions.append("s.capturedBy = ?")
            arguments += [try ReviewNames.rep(named: name, in: db)]
        }
        if let since = filter.since {
            conditions.append("s.capturedAt >= ?")
            arguments += [try ReviewDay(since, option: "--since").text]
        }
        if let until = filter.until {
            conditions.append("s.capturedAt < ?")
            arguments += [try ReviewDay(until, option: "--until").nextDay]
        }
        if let since = filter.since, let until = filter.until, since > until {
            throw StoreError(.invalid, "--since \(since) is after --until \(until); swap them.")
        }

        var orderBy: [String]
        if filter.history {
            orderBy = ["s.id"]
        } else if let rank {
            orderBy = [rank]
        } else {
            orderBy = ["s.capturedAt DESC", "s.id DESC"]
        }
        if order == .groupedByOpportunity {
            // A document reads each deal in interview order, as the sponsor letter does.
            if !filter.history && rank == nil {
                let fieldOrder = Field.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
                orderBy = ["CASE s.field \(fieldOrder) END", "s.position"]
            }
            orderBy.insert(contentsOf: ["o.name COLLATE NOCASE", "o.id"], at: 0)
        }
        sql = """
            SELECT \(columns)
            FROM \(from)
            JOIN opportunity o ON o.id = s.opportunityId
            JOIN account a ON a.id = o.accountId
            LEFT JOIN stage st ON st.id = o.stageId
            LEFT JOIN statement n ON n.replacesId = s.id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(orderBy.joined(separator: ", "))
            """
    }
}
