import Foundation
import GRDB
import QualifyKit

/// What a change needs besides the values: who makes it, what day it is
/// (for `today` and `+30d`) and the currency an amount without one is in.
public struct EditContext: Sendable {
    public var changedBy: String
    public var today: CalendarDay
    /// The currency a bare amount or a currency sign means, and the decimal mark.
    public var amountReading: AmountReading
    /// How numeric dates like 31/12/2026 are ordered; nil refuses them.
    public var dateOrder: DateOrder?
    /// Without `dateOrder`, a numeric date only one order makes a day of (`13/02/2026`) is read
    /// that way: an import does (see importOpportunities), and says so in its summary; a command
    /// refuses it, giving that reading to copy.
    public var takesTheOnlyReadingOfDates = false
    /// Whether the opening values get history rows. Off for bulk imports.
    public var recordsHistory: Bool

    public var defaultCurrency: String {
        get { amountReading.currency }
        set { amountReading.currency = newValue }
    }

    public init(changedBy: String, today: CalendarDay, defaultCurrency: String, recordsHistory: Bool = true) {
        self.changedBy = changedBy
        self.today = today
        self.amountReading = AmountReading(currency: defaultCurrency)
        self.recordsHistory = recordsHistory
    }
}

extension QualifyDatabase {
    /// Adds an opportunity with any of its CRM fields. Without a stage it
    /// starts at the first stage; without a probability it takes the stage's.
    /// Returns the warnings to show (a close date in the past).
    @discardableResult
    public func addOpportunity(named name: String, account accountName: String,
                               values: [OpportunityField: String], owner: String,
                               context: EditContext) throws(StoreError) -> (Opportunity, warnings: [String]) {
        try write { db in
            let resolver = try FieldResolver(db: db, context: context)
            do {
                return try Self.insertOpportunity(named: name, account: accountName, values: values, owner: owner,
                                                  resolver: resolver)
            } catch let failures as FieldFailures {
                throw failures.storeError
            }
        }
    }

    /// Sets fields of a stored opportunity in one transaction; a bad value
    /// changes nothing. Tracked fields get a dated history row when their value changes.
    @discardableResult
    public func setOpportunity(named name: String, values: [OpportunityField: String],
                               context: EditContext) throws(StoreError) -> (Opportunity, warnings: [String]) {
        try write { db in
            let original = try Self.opportunity(named: name, in: db)
            let resolver = try FieldResolver(db: db, context: context)
            var opportunity = original
            let resolution: Resolution
            do {
                resolution = try resolver.resolve(FieldValues(values), into: &opportunity)
            } catch let failures as FieldFailures {
                throw failures.storeError
            }
            try opportunity.update(db)
            try Self.recordChanges(from: original, oldStage: resolver.stage(id: original.stageId),
                                   to: opportunity, newStage: resolution.stage, by: context.changedBy, in: db)
            return (opportunity, resolution.warnings)
        }
    }

    /// The stored opportunity as it is now: a session that started before a
    /// rename holds the old name, never a stale id.
    public func opportunity(id: Int64) throws(StoreError) -> Opportunity {
        try read { db in
            guard let opportunity = try Opportunity.fetchOne(db, key: id) else {
                throw StoreError(.notFound, "the opportunity was removed meanwhile; see qualify opportunity list.")
            }
            return opportunity
        }
    }

    /// Removes an opportunity with its statements, letters and history, and
    /// keeps the removal for sync to carry to the team.
    @discardableResult
    public func removeOpportunity(named name: String, by rep: String) throws(StoreError) -> Opportunity {
        try write { db in
            let opportunity = try Self.opportunity(named: name, in: db)
            try Self.deleteOpportunity(id: opportunity.id!, in: db)
            try Removal.record(opportunity.uuid, kind: Opportunity.databaseTableName, isDemo: opportunity.isDemo, by: rep, in: db)
            return opportunity
        }
    }

    /// Deletes a deal with everything that hangs on it. Its letters go first and its statements
    /// newest version first: a traced quote and a later version each hold on to the statement they
    /// name (ON DELETE RESTRICT), so the cascade alone refused any deal with a letter.
    static func deleteOpportunity(id: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM letter WHERE opportunityId = ?", arguments: [id])
        for statement in try Int64.fetchAll(db, sql: "SELECT id FROM statement WHERE opportunityId = ? ORDER BY id DESC", arguments: [id]) {
            try db.execute(sql: "DELETE FROM statement WHERE id = ?", arguments: [statement])
        }
        try Opportunity.deleteOne(db, key: id)
    }

    public func history(of opportunity: Opportunity) throws(StoreError) -> [OpportunityChange] {
        try read { db in
            try OpportunityChange.filter(OpportunityChange.Columns.opportunityId == opportunity.id!)
                .order(OpportunityChange.Columns.id).fetchAll(db)
        }
    }

    public func statementCount(opportunityId: Int64) throws(StoreError) -> Int {
        try read { db in try Statement.filter(Statement.Columns.opportunityId == opportunityId).fetchCount(db) }
    }

    /// Validates everything before it writes anything, so a refused row
    /// needs no savepoint to undo. `createAccount` adds a missing account
    /// (import's --create-accounts) once the row is known to be good.
    /// `nameIsFree` says the caller has just looked the name up.
    static func insertOpportunity(named rawName: String, account accountName: String, values: [OpportunityField: String],
                                  owner: String, resolver: FieldResolver,
                                  createAccount: Bool = false, nameIsFree: Bool = false) throws -> (Opportunity, warnings: [String]) {
        let db = resolver.db
        let name = try validName(rawName, what: "opportunity")
        let existingAccountId = try resolver.accountId(named: accountName)
        if existingAccountId == nil && !createAccount {
            _ = try account(named: accountName, in: db) // throws, listing the closest names
        }
        if !nameIsFree, let taken = try resolver.opportunityId(named: name) {
            throw try nameTaken(holder: taken, typed: name, account: accountName, in: db)
        }
        var opportunity = resolver.inserter.make(name: name, accountId: existingAccountId ?? 0)
        let resolution = try resolveNew(&opportunity, values: FieldValues(values), owner: owner, resolver: resolver)
        if existingAccountId == nil {
            var account = Account(name: accountName)
            try account.insert(db)
            opportunity.accountId = account.id!
            resolver.remember(accountId: account.id!, for: accountName)
        }
        try resolver.inserter.insert(&opportunity, in: db)
        if resolver.context.recordsHistory {
            // History starts with the opening forecast, so a later change shows where it came from.
            try recordChanges(from: nil, oldStage: nil, to: opportunity, newStage: resolution.stage, by: resolver.context.changedBy, in: db)
        }
        return (opportunity, resolution.warnings)
    }

    /// A new deal's fields: the rep's, else the defaults (owner, currency, first stage).
    static func resolveNew(_ opportunity: inout Opportunity, values: FieldValues<OpportunityField>, owner: String,
                           resolver: FieldResolver) throws -> Resolution {
        opportunity.owner = owner
        opportunity.currency = resolver.context.defaultCurrency
        var values = values
        // Each slot is set only when it changes: an import's row is then resolved without a copy of its values.
        if values[.name] != nil { values[.name] = nil }
        if values[.account] != nil { values[.account] = nil }
        // An empty cell (SuiteCRM writes them) is no value: stage and owner take their defaults, as when not given;
        // an import then stores a new deal whose owner cell was empty without an owner (OpportunityImporter).
        if values[.stage]?.isEmpty == true { values[.stage] = nil }
        if values[.owner]?.isEmpty == true { values[.owner] = nil }
        if values[.stage] == nil, let first = resolver.firstStage { values[.stage] = first.name }
        return try resolver.resolve(values, into: &opportunity)
    }

    /// One dated history row per tracked field whose value changed; a new
    /// deal (`old` nil) starts its history with the opening forecast only.
    static func recordChanges(from old: Opportunity?, oldStage: Stage?, to new: Opportunity, newStage: Stage?,
                              by changedBy: String, in db: Database) throws {
        for var change in try changes(from: old, oldStage: oldStage, to: new, newStage: newStage, by: changedBy, in: db) {
            try change.insert(db)
        }
    }

    /// The history rows `recordChanges` writes; an import gathers them before it takes the write lock.
    static func changes(from old: Opportunity?, oldStage: Stage?, to new: Opportunity, newStage: Stage?,
                        by changedBy: String, in db: Database) throws -> [OpportunityChange] {
        let now = Date()
        var changes: [OpportunityChange] = []
        for field in historyOrder where old != nil || field.isForecast {
            // Links compared by id first: no name looked up for an unchanged account or sponsor.
            if let old, (field == .account && old.accountId == new.accountId) || (field == .sponsor && old.sponsorId == new.sponsorId)
                || (field == .powerSponsor && old.powerSponsorId == new.powerSponsorId) { continue }
            let before = try old.flatMap { try historyText(field, of: $0, stage: oldStage, in: db) }
            let after = try historyText(field, of: new, stage: newStage, in: db)
            guard before != after else { continue }
            changes.append(OpportunityChange(opportunityId: new.id!, field: field, oldValue: before, newValue: after,
                                             changedBy: changedBy, changedAt: now))
        }
        return changes
    }

    /// The tracked fields in the order one edit's rows are written: the forecast as history always showed it, then the rest.
    static let historyOrder: [OpportunityField] = [.stage, .amount, .probability, .closeDate]
        + OpportunityField.allCases.filter { $0.isTracked && !$0.isForecast }

    /// A field's value as history shows it and as `opportunity set` takes it
    /// back: the amount with its currency, a percentage, the stage's, the
    /// account's and a sponsor's name.
    static func historyText(_ field: OpportunityField, of opportunity: Opportunity, stage: Stage?, in db: Database) throws -> String? {
        switch field {
        case .name: return opportunity.name
        case .account:
            return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM account WHERE id = ?"), arguments: [opportunity.accountId])
        case .amount: return opportunity.amount?.display
        case .currency: return opportunity.currency
        case .closeDate: return opportunity.closeDate?.description
        case .stage: return stage?.name
        case .probability: return opportunity.probability.map { "\($0)%" }
        case .nextMilestone: return opportunity.nextMilestone
        case .owner: return opportunity.owner
        case .leadSource: return opportunity.leadSource
        case .description: return opportunity.description
        case .sponsor: return try contactName(opportunity.sponsorId, in: db)
        case .powerSponsor: return try contactName(opportunity.powerSponsorId, in: db)
        }
    }

    private static func contactName(_ id: Int64?, in db: Database) throws -> String? {
        guard let id else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM contact WHERE id = ?"), arguments: [id])
    }
}
