import Foundation
import GRDB
import QualifyKit

/// An opportunity with what a list needs to show about it.
public struct OpportunityOverview: Equatable, Sendable {
    public var opportunity: Opportunity
    public var accountName: String
    /// Fields with at least one current statement.
    public var answeredFields: Set<Field>
    public var lastCapturedAt: Date?
}

extension QualifyDatabase {
    @discardableResult
    public func addOpportunity(named rawName: String, account accountName: String,
                               isDemo: Bool = false) throws(StoreError) -> Opportunity {
        let name = try Self.validName(rawName, what: "opportunity")
        return try write { db in
            let account = try Self.account(named: accountName, in: db)
            if let existing = try Opportunity.filter(Opportunity.Columns.name == name).fetchOne(db) {
                throw StoreError(.duplicate, "an opportunity called \"\(existing.name)\" already exists; opportunity names are unique. Choose another name, for example \"\(account.name) - \(name)\".")
            }
            var opportunity = Opportunity(name: name, accountId: account.id!, isDemo: isDemo)
            try opportunity.insert(db)
            return opportunity
        }
    }

    /// The stored opportunity with this name (any case); an unknown name lists the closest ones.
    public func opportunity(named name: String) throws(StoreError) -> Opportunity {
        try read { db in
            if let opportunity = try Opportunity.filter(Opportunity.Columns.name == name).fetchOne(db) {
                return opportunity
            }
            let names = try String.fetchAll(db, Opportunity.select(Opportunity.Columns.name))
            throw StoreError(.notFound, Self.notFoundMessage(
                what: "opportunity", name: name, candidates: names,
                create: "qualify opportunity add \"\(name)\" --account ACCOUNT"))
        }
    }

    public func accountName(of opportunity: Opportunity) throws(StoreError) -> String {
        try read { db in
            try String.fetchOne(db, Account.select(Account.Columns.name).filter(Account.Columns.id == opportunity.accountId)) ?? ""
        }
    }

    public func opportunityOverviews() throws(StoreError) -> [OpportunityOverview] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.*, a.name AS accountName,
                       (SELECT group_concat(DISTINCT s.field) FROM statement s WHERE s.opportunityId = o.id) AS fields,
                       (SELECT max(s.capturedAt) FROM statement s WHERE s.opportunityId = o.id) AS lastCapturedAt
                FROM opportunity o JOIN account a ON a.id = o.accountId
                ORDER BY o.name COLLATE NOCASE
                """)
            return try rows.map { row in
                let fields = (row["fields"] as String?)?.split(separator: ",").compactMap { Field(rawValue: String($0)) } ?? []
                return OpportunityOverview(opportunity: try Opportunity(row: row),
                                           accountName: row["accountName"],
                                           answeredFields: Set(fields),
                                           lastCapturedAt: row["lastCapturedAt"])
            }
        }
    }

    /// Loads the manual's worked example as demo data, once: a second /demo
    /// opens the stored copy instead of adding another.
    public func loadWorkedExample(_ example: WorkedExample, capturedBy: String) throws(StoreError) -> (Opportunity, created: Bool) {
        try write { db in
            if let existing = try Opportunity.filter(Opportunity.Columns.name == example.opportunity).fetchOne(db) {
                return (existing, false)
            }
            var account = try Account.filter(Account.Columns.name == example.account).fetchOne(db) ?? Account(name: example.account)
            if account.id == nil { try account.insert(db) }
            var opportunity = Opportunity(name: example.opportunity, accountId: account.id!, isDemo: true)
            // At the first stage, as `opportunity add` puts a deal, so stats and reviews show it in the pipeline.
            if let first = try Stage.order(Stage.Columns.position).fetchOne(db) {
                opportunity.stageId = first.id
                opportunity.probability = first.probability
            }
            try opportunity.insert(db)
            let answers = example.capturedAnswers
            for field in Field.allCases {
                for (index, text) in answers[field].enumerated() {
                    var statement = Statement(opportunityId: opportunity.id!, field: field,
                                              position: index + 1, text: text, capturedBy: capturedBy)
                    try statement.insert(db)
                }
            }
            return (opportunity, true)
        }
    }
}
