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
            if let existing = try Opportunity.all().named(name).fetchOne(db) {
                throw try Self.nameTaken(holder: existing.id!, typed: name, account: account.name, in: db)
            }
            var opportunity = Opportunity(name: name, accountId: account.id!, isDemo: isDemo)
            try opportunity.insert(db)
            return opportunity
        }
    }

    /// The refusal of a taken deal name, in the spelling of the deal that holds it (`holder`), with
    /// a name that is free the manual's way (the account added, unless the name holds it; then a number).
    static func nameTaken(holder: Int64, typed name: String, account: String, in db: Database) throws -> StoreError {
        let storedName = try String.fetchOne(db, sql: "SELECT name FROM opportunity WHERE id = ?", arguments: [holder]) ?? name
        let free = try ManualNaming.freeDealName(name, account: account, closeDate: nil) {
            try Opportunity.all().named($0).fetchOne(db) != nil
        }
        return StoreError(.duplicate, "an opportunity called \"\(storedName)\" already exists; opportunity names are unique. Choose another name, for example \"\(free)\".")
    }

    /// The stored opportunity with this name (any case); an unknown name lists the closest ones.
    public func opportunity(named name: String) throws(StoreError) -> Opportunity {
        try read { db in try Self.opportunity(named: name, in: db) }
    }

    /// The one lookup of an opportunity by the name a user typed, for every
    /// command, the review's filter and the record's edits.
    static func opportunity(named name: String, in db: Database) throws -> Opportunity {
        if let opportunity = try Opportunity.all().named(name).fetchOne(db) { return opportunity }
        let names = try String.fetchAll(db, Opportunity.select(Opportunity.Columns.name))
        throw StoreError(.notFound, notFoundMessage(what: "opportunity", name: name, candidates: names,
                                                    create: "qualify opportunity add \"\(name)\" --account ACCOUNT"))
    }

    public func accountName(of opportunity: Opportunity) throws(StoreError) -> String {
        try read { db in
            try String.fetchOne(db, Account.select(Account.Columns.name).filter(Account.Columns.id == opportunity.accountId)) ?? ""
        }
    }

    /// The opportunities a rep most likely wants next: the ones whose words
    /// were captured last, then the ones added last, at most `limit`, with
    /// how many there are in all. Reads a few index entries, never the whole
    /// pipeline, so the welcome screen of 100,000 deals appears at once.
    public func recentOpportunities(limit: Int) throws(StoreError) -> (overviews: [OpportunityOverview], total: Int) {
        try read { db in
            // Newest statements first, through the capturedAt index, until enough deals are seen.
            var lastActivity: [Int64: Date] = [:]
            var order: [Int64] = []
            let captured = try Row.fetchCursor(db, sql: "SELECT opportunityId, capturedAt FROM statement ORDER BY capturedAt DESC, id DESC LIMIT 10000")
            while order.count < limit, let row = try captured.next() {
                let id: Int64 = row[0]
                guard lastActivity[id] == nil else { continue }
                lastActivity[id] = row[moment: 1]
                order.append(id)
            }
            // A deal added a moment ago, before any words, counts as activity too.
            let added = try Row.fetchAll(db, sql: "SELECT id, createdAt FROM opportunity ORDER BY id DESC LIMIT ?", arguments: [limit])
            for row in added {
                let id: Int64 = row[0], createdAt: Date = row[moment: 1]
                guard lastActivity[id].map({ createdAt > $0 }) ?? true else { continue }
                if lastActivity[id] == nil { order.append(id) }
                lastActivity[id] = createdAt
            }
            // Stable: within one millisecond, the later statement or deal first.
            let chosen = order.enumerated().sorted { a, b in
                let (at, bt) = (lastActivity[a.element]!, lastActivity[b.element]!)
                return at != bt ? at > bt : a.offset < b.offset
            }.prefix(limit).map(\.element)
            let overviews = try chosen.map { id in try Self.overview(opportunityId: id, in: db) }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunity") ?? 0
            return (overviews, total)
        }
    }

    static func overview(opportunityId: Int64, in db: Database) throws -> OpportunityOverview {
        let row = try Row.fetchOne(db, sql: """
            SELECT o.*, a.name AS accountName,
                   (SELECT group_concat(DISTINCT s.field) FROM statement s WHERE s.opportunityId = o.id) AS fields,
                   (SELECT max(s.capturedAt) FROM statement s WHERE s.opportunityId = o.id) AS lastCapturedAt
            FROM opportunity o JOIN account a ON a.id = o.accountId
            WHERE o.id = ?
            """, arguments: [opportunityId])!
        let fields = (row["fields"] as String?)?.split(separator: ",").compactMap { Field(rawValue: String($0)) } ?? []
        return OpportunityOverview(opportunity: try Opportunity(row: row), accountName: row["accountName"],
                                   answeredFields: Set(fields), lastCapturedAt: row[time: "lastCapturedAt"])
    }

    /// Loads the manual's worked example as demo data, once: a second /demo
    /// opens the stored copy instead of adding another.
    public func loadWorkedExample(_ example: WorkedExample, capturedBy: String) throws(StoreError) -> (Opportunity, created: Bool) {
        try write { db in
            if let existing = try Opportunity.all().named(example.opportunity).fetchOne(db) {
                return (existing, false)
            }
            var account = try Account.all().named(example.account).fetchOne(db) ?? Account(name: example.account)
            if account.id == nil { try account.insert(db) }
            var opportunity = Opportunity(name: example.opportunity, accountId: account.id!, isDemo: true)
            // Addressed, so a newcomer's first letter starts "Dear …", not with a gap.
            if let sponsor = example.sponsor {
                var contact = try Contact.filter(Contact.Columns.accountId == account.id! && Contact.Columns.name == sponsor.name).fetchOne(db)
                    ?? Contact(accountId: account.id!, name: sponsor.name, title: sponsor.title)
                if contact.id == nil { try contact.insert(db) }
                opportunity.sponsorId = contact.id
            }
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
