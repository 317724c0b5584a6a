import Foundation
import GRDB
import GRDBSQLite
import QualifyKit

/// The orders `opportunity list --sort` offers. Money and chances come
/// biggest first, dates soonest first, names A to Z; an empty value last.
public enum OpportunitySort: String, CaseIterable, Sendable {
    case name, account, stage, amount
    /// The field's one name (`opportunity set`, `/set`, `--columns`); `close` still works.
    case closeDate = "close-date"
    case probability, owner, created

    /// As typed after --sort, any case; `close` is `close-date`.
    public init?(named raw: String) {
        let name = raw.lowercased()
        guard let sort = name == "close" ? .closeDate : Self(rawValue: name) else { return nil }
        self = sort
    }

    var orderBy: String {
        switch self {
        case .name: "o.name COLLATE NOCASE"
        case .account: "a.name COLLATE NOCASE, o.name COLLATE NOCASE"
        case .stage: "s.position IS NULL, s.position, o.name COLLATE NOCASE"
        case .amount: "o.amountHundredths IS NULL, o.amountHundredths DESC, o.name COLLATE NOCASE"
        case .closeDate: "o.closeDate IS NULL, o.closeDate, o.name COLLATE NOCASE"
        case .probability: "o.probability IS NULL, o.probability DESC, o.name COLLATE NOCASE"
        case .owner: "o.owner IS NULL, o.owner COLLATE NOCASE, o.name COLLATE NOCASE"
        case .created: "o.id DESC"
        }
    }
}

/// Which opportunities `opportunity list` shows, and in what order.
public struct OpportunityListFilter: Sendable {
    public var stages: [String] = []
    public var owner: String?
    public var account: String?
    /// Both days included.
    public var closingAfter: CalendarDay?
    public var closingBefore: CalendarDay?
    /// At least this amount, in its currency; deals stored without one are in `defaultCurrency`.
    public var minimumAmount: Amount?
    public var defaultCurrency = "EUR"
    public var sort = OpportunitySort.name
    public var limit: Int?
    /// Without the demo deal (`ExportedTable.demoRows`), as a file for a spreadsheet or another
    /// CRM wants it: the screen shows it marked `[demo]`, a CSV or JSON cell would not say so.
    public var leavesOutDemo = false

    public init() {}
}

/// One opportunity of `opportunity list`, read in place from SQLite's
/// columns while the list is written, and valid only during the call that
/// hands it over: 100,000 deals without a Swift string per cell.
public struct OpportunityListColumns {
    /// The text columns, as the query selects them.
    public enum Text: Int32, Sendable {
        case name, account, stage, currency, close, owner, nextMilestone
    }

    private let statement: OpaquePointer

    fileprivate init(_ statement: OpaquePointer) {
        self.statement = statement
    }

    /// The bytes SQLite holds (nil when the record has no value), exactly as stored.
    public func text(_ column: Text) -> UnsafeBufferPointer<UInt8>? {
        guard let start = sqlite3_column_text(statement, column.rawValue) else { return nil }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, column.rawValue)))
    }

    public var amountHundredths: Int64? { integer(7) }
    public var probability: Int64? { integer(8) }
    public var isDemo: Bool { integer(9) == 1 }
    /// Bit `n` set: `Field.allCases[n]` has at least one statement.
    public var answeredFields: Int { Int(integer(10) ?? 0) }

    private func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }
}

extension QualifyDatabase {
    /// Every opportunity the filter lets through, one at a time, in one
    /// query: a pipeline of 100,000 streams in flat memory. An unknown
    /// stage or account is refused with the closest stored names.
    public func opportunityList(_ filter: OpportunityListFilter, each: (OpportunityListColumns) throws -> Void) throws {
        try stream { db in
            var (conditions, arguments) = try Self.conditions(filter, in: db)
            if let minimum = filter.minimumAmount {
                conditions.append("o.amountHundredths >= ? AND coalesce(o.currency, ?) = ?")
                arguments += [minimum.hundredths, filter.defaultCurrency, minimum.currency]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limit = filter.limit.map { "LIMIT \($0)" } ?? ""
            // The fields come from the covering (opportunityId, field, capturedAt) index, one seek
            // per deal, as one number: a bit per field that has a statement.
            let answered = Field.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \(1 << $0)" }.joined(separator: " ")
            let sql = """
                SELECT o.name, a.name, s.name, o.currency, o.closeDate, o.owner, o.nextMilestone,
                       o.amountHundredths, o.probability, o.isDemo,
                       (SELECT sum(DISTINCT CASE st.field \(answered) END) FROM statement st WHERE st.opportunityId = o.id)
                FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
                \(whereClause)
                ORDER BY \(filter.sort.orderBy)
                \(limit)
                """
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(arguments)
            try statement.forEachRow(in: db) { try consume(OpportunityListColumns($0), with: each) }
        }
    }

    /// The deals a minimum amount left out only because their amount is in another
    /// currency (they pass every other filter), per currency, most first: a minimum
    /// compares in its own currency, and the list says so when that hides deals.
    public func dealsInOtherCurrencies(_ filter: OpportunityListFilter) throws -> UncomparedCurrencies? {
        guard let minimum = filter.minimumAmount else { return nil }
        return try read { db in
            var (conditions, arguments) = try Self.conditions(filter, in: db)
            conditions.append("o.amountHundredths IS NOT NULL AND coalesce(o.currency, ?) <> ?")
            arguments += [filter.defaultCurrency, minimum.currency]
            let sql = """
                SELECT coalesce(o.currency, ?) AS currency, count(*) AS n FROM opportunity o
                WHERE \(conditions.joined(separator: " AND "))
                GROUP BY 1 ORDER BY n DESC, currency
                """
            return UncomparedCurrencies(minimum: minimum, rows: try Row.fetchAll(db, sql: sql, arguments: [filter.defaultCurrency] + arguments))
        }
    }

    /// The stored spellings of an owner, matched whole in any case, "ANA KOVAČ" as "Ana Kovač"
    /// (SQLite's NOCASE folds only ASCII letters). An owner no deal has is refused with the closest
    /// owners, as an unknown stage or account is: `--owner ana` where the deals are "Ana Kovač"'s
    /// would list nothing and seem right.
    private static func owners(matching owner: String, in db: Database) throws -> [String] {
        let owners = try String.fetchAll(db, sql: "SELECT DISTINCT owner FROM opportunity WHERE owner IS NOT NULL ORDER BY owner COLLATE NOCASE")
        let wanted = owner.lowercased()
        let spellings = owners.filter { $0.lowercased() == wanted }
        guard spellings.isEmpty else { return spellings }
        let hint = owners.isEmpty ? " No deal has an owner yet." : NameMatcher.didYouMean(owner, among: owners)
        throw StoreError(.notFound, "no deal is owned by \"\(owner)\" (owners match whole, any case).\(hint) Every owner: qualify opportunity list --columns owner --sort owner.")
    }

    /// The list's filters but the minimum amount, as SQL on `opportunity o`.
    private static func conditions(_ filter: OpportunityListFilter, in db: Database) throws -> ([String], StatementArguments) {
            var conditions: [String] = []
            var arguments = StatementArguments()
            if !filter.stages.isEmpty {
                let ids = try filter.stages.map { try Self.stage(named: $0, in: db).id! }
                conditions.append("o.stageId IN (\(ids.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(ids)
            }
            if let owner = filter.owner {
                let spellings = try Self.owners(matching: owner, in: db)
                conditions.append("o.owner IN (\(spellings.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(spellings)
            }
            if let account = filter.account {
                conditions.append("o.accountId = ?")
                arguments += [try Self.account(named: account, in: db).id!]
            }
            if let day = filter.closingAfter {
                conditions.append("o.closeDate >= ?")
                arguments += [day.description]
            }
            if let day = filter.closingBefore {
                conditions.append("o.closeDate <= ?")
                arguments += [day.description]
            }
            if filter.leavesOutDemo { conditions.append(ExportedTable.notDemo("opportunity", as: "o")) }
            return (conditions, arguments)
    }

    /// Every account name A to Z (any case), one at a time, from the name's
    /// index, as the bytes SQLite holds (valid only during the call).
    public func accountNames(each: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try stream { db in
            try db.makeStatement(sql: "SELECT name FROM account ORDER BY name").forEachRow(in: db) { row in
                let name = UnsafeBufferPointer(start: sqlite3_column_text(row, 0), count: Int(sqlite3_column_bytes(row, 0)))
                try consume(name, with: each)
            }
        }
    }
}
