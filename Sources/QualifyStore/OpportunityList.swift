import Foundation
import GRDB
import QualifyKit

/// The orders `opportunity list --sort` offers. Money and chances come
/// biggest first, dates soonest first, names A to Z; an empty value last.
public enum OpportunitySort: String, CaseIterable, Sendable {
    case name, account, stage, amount, close, probability, owner, created

    var orderBy: String {
        switch self {
        case .name: "o.name COLLATE NOCASE"
        case .account: "a.name COLLATE NOCASE, o.name COLLATE NOCASE"
        case .stage: "s.position IS NULL, s.position, o.name COLLATE NOCASE"
        case .amount: "o.amountHundredths IS NULL, o.amountHundredths DESC, o.name COLLATE NOCASE"
        case .close: "o.closeDate IS NULL, o.closeDate, o.name COLLATE NOCASE"
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

    public init() {}
}

/// One line of `opportunity list`, with the names the record shows instead of ids.
public struct OpportunityListRow: Equatable, Sendable {
    public var name: String
    public var accountName: String
    public var stageName: String?
    public var amount: Amount?
    public var closeDate: CalendarDay?
    public var probability: Int?
    public var owner: String?
    public var nextMilestone: String?
    public var isDemo: Bool
    /// Fields with at least one statement.
    public var answeredFields: Set<Field>

    public var missingFields: [Field] { Field.allCases.filter { !answeredFields.contains($0) } }
}

extension QualifyDatabase {
    /// Every opportunity the filter lets through, one at a time, in one
    /// query: a pipeline of 100,000 streams in flat memory. An unknown
    /// stage or account is refused with the closest stored names.
    public func opportunityList(_ filter: OpportunityListFilter, each: (OpportunityListRow) throws -> Void) throws {
        try stream { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if !filter.stages.isEmpty {
                let ids = try filter.stages.map { try Self.stage(named: $0, in: db).id! }
                conditions.append("o.stageId IN (\(ids.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(ids)
            }
            if let owner = filter.owner {
                conditions.append("o.owner = ? COLLATE NOCASE")
                arguments += [owner]
            }
            if let account = filter.account {
                conditions.append("o.accountId = ?")
                arguments += [try Self.account(named: account, in: db).id!]
            }
            if let day = filter.closingAfter {
                conditions.append("o.closeDate >= ?")
                arguments += [day]
            }
            if let day = filter.closingBefore {
                conditions.append("o.closeDate <= ?")
                arguments += [day]
            }
            if let minimum = filter.minimumAmount {
                conditions.append("o.amountHundredths >= ? AND coalesce(o.currency, ?) = ?")
                arguments += [minimum.hundredths, filter.defaultCurrency, minimum.currency]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limit = filter.limit.map { "LIMIT \($0)" } ?? ""
            // The fields come from the covering (opportunityId, field, capturedAt) index, one seek per deal.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT o.name, a.name, s.name, o.amountHundredths, o.currency, o.closeDate, o.probability,
                       o.owner, o.nextMilestone, o.isDemo,
                       (SELECT group_concat(DISTINCT st.field) FROM statement st WHERE st.opportunityId = o.id)
                FROM opportunity o JOIN account a ON a.id = o.accountId LEFT JOIN stage s ON s.id = o.stageId
                \(whereClause)
                ORDER BY \(filter.sort.orderBy)
                \(limit)
                """, arguments: arguments)
            while let row = try rows.next() {
                let amount = (row[3] as Int64?).map { Amount(hundredths: $0, currency: row[4] ?? "") }
                let fields = (row[10] as String?).map { $0.split(separator: ",").compactMap { Field(rawValue: String($0)) } } ?? []
                try consume(OpportunityListRow(name: row[0], accountName: row[1], stageName: row[2], amount: amount,
                                               closeDate: row[5], probability: row[6], owner: row[7],
                                               nextMilestone: row[8], isDemo: row[9], answeredFields: Set(fields)),
                            with: each)
            }
        }
    }

    /// Every account name A to Z (any case), one at a time, from the name's index.
    public func accountNames(each: (String) throws -> Void) throws {
        try stream { db in
            let names = try String.fetchCursor(db, sql: "SELECT name FROM account ORDER BY name")
            while let name = try names.next() { try consume(name, with: each) }
        }
    }
}
