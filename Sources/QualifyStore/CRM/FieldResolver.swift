import Foundation
import GRDB
import QualifyKit

/// A value refused for one field: an opportunity's (`amount`) or an import
/// column's (`email`, `account-id`). An import report names the file's own
/// column from `key`; a command says `key: reason`.
struct FieldFailure: Error {
    var key: ImportField
    var error: StoreError
    /// For an import's summary: the cell, what kind of refusal, what fixes them all.
    var value: String?
    var summary: String?
    var fix: String?
    /// The row's line in an import's report, when shorter than the command's message.
    var inRow: String?

    init(key: ImportField, error: StoreError, value: String? = nil, summary: String? = nil, fix: String? = nil, inRow: String? = nil) {
        self.key = key
        self.error = error
        self.value = value
        self.summary = summary
        self.fix = fix
        self.inRow = inRow
    }

    init(_ field: OpportunityField, _ error: StoreError, value: String? = nil, summary: String? = nil, fix: String? = nil,
         inRow: String? = nil) {
        self.init(key: ImportField(field), error: error, value: value, summary: summary, fix: fix, inRow: inRow)
    }

    /// What `body` refuses, as a refusal of `key`; `value`, `summary` and `fix` group a kind
    /// that many rows of a file may have into one line of the import's summary.
    static func `in`<T>(_ key: ImportField, value: String? = nil, summary: String? = nil, fix: String? = nil,
                        _ body: () throws(StoreError) -> T) throws(FieldFailure) -> T {
        do {
            return try body()
        } catch {
            throw FieldFailure(key: key, error: error, value: value, summary: summary, fix: fix)
        }
    }

    /// A name a file without ids gives twice, and a cell that is no e-mail address: the file's kinds of refusal.
    static func repeatedInFile<T>(_ key: ImportField, _ name: String, _ body: () throws(StoreError) -> T) throws(FieldFailure) -> T {
        try FieldFailure.in(key, value: name, summary: "name repeated in the file",
                            fix: "keep one row for each, or give each its CRM id in an Id column", body)
    }

    static func email<T>(_ cell: String?, _ body: () throws(StoreError) -> T) throws(FieldFailure) -> T {
        try FieldFailure.in(.email, value: cell, summary: "not an e-mail address",
                            fix: "write each like name@example.com, or leave the cell empty", body)
    }

    var storeError: StoreError { StoreError(error.kind, "\(key.rawValue): \(error.description)") }

    func problem(line: Int, columns: [ImportField: String]) -> ImportProblem {
        ImportProblem(line: line, column: columns[key] ?? key.rawValue, reason: inRow ?? error.description, value: value, kind: summary, fix: fix)
    }
}

/// Every field a row or command refused, so a file is fixed in one pass.
struct FieldFailures: Error {
    var failures: [FieldFailure]

    /// A command stops at the first, as it always did.
    var storeError: StoreError { failures[0].storeError }
}

/// What resolving a row's values found besides the values.
struct Resolution {
    var stage: Stage?
    var warnings: [String] = []
    /// An amount took the default currency.
    var currencyDefaulted = false
    /// The close date had a time of day, dropped.
    var dateHadTime = false
    /// The numeric close date read the one way the calendar allows, with no --date-format.
    var dateOnlyReading: OnlyReading?
    /// The close date is before today.
    var closeDateInPast = false
}

/// Turns typed values into an opportunity's stored columns. One resolver
/// serves a whole import, so stages are read once and lookups reuse
/// prepared statements: 100,000 rows cost 100,000 index probes, not parses.
struct FieldResolver {
    let db: Database
    let context: EditContext
    private var stagesByName: [String: Stage] = [:]
    private var stagesById: [Int64: Stage] = [:]
    private let accountIds = AccountIdCache()
    let inserter = OpportunityInserter()

    init(db: Database, context: EditContext) throws {
        self.db = db
        self.context = context
        for stage in try QualifyDatabase.orderedStages(db) {
            stagesByName[stage.name] = stage
            stagesById[stage.id!] = stage
        }
    }

    var firstStage: Stage? { stagesById.values.min { ($0.position, $0.id!) < ($1.position, $1.id!) } }

    func stage(id: Int64?) -> Stage? { id.flatMap { stagesById[$0] } }

    func stage(named name: String) throws -> Stage {
        if let stage = stagesByName[name] { return stage }
        return try QualifyDatabase.stage(named: name, in: db)
    }

    func accountId(named name: String) throws -> Int64? {
        if let id = accountIds.byName[name] { return id }
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM account WHERE name = ?"), arguments: [name])
        if let id { remember(accountId: id, for: name) }
        return id
    }

    /// Imports name the same few accounts on thousands of rows.
    func remember(accountId: Int64, for name: String) {
        accountIds.byName[name] = accountId
    }

    /// The account a CRM's id was imported as.
    func accountId(sourceCRM: String, sourceId: String) throws -> Int64? {
        let key = sourceCRM + "\u{0}" + sourceId
        if let id = accountIds.bySource[key] { return id }
        let id = try Self.accountId(sourceCRM: sourceCRM, sourceId: sourceId, in: db)
        if let id { accountIds.bySource[key] = id }
        return id
    }

    static func accountId(sourceCRM: String, sourceId: String, in db: Database) throws -> Int64? {
        // An accounts file whose header names no CRM was imported as "csv": an id only one account has is that one.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM account WHERE sourceCRM = ? AND sourceId = ?"),
                           arguments: [sourceCRM, sourceId])
            ?? Int64.fetchOne(db.cachedStatement(sql: "SELECT min(id) FROM account WHERE sourceId = ? HAVING count(*) = 1"),
                              arguments: [sourceId])
    }

    func accountName(id: Int64) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM account WHERE id = ?"), arguments: [id]) ?? ""
    }

    /// A stored deal, through one prepared statement: `fetchOne(db, key:)` builds its query
    /// anew on every call, 70% of a 100,000-row re-import (perf).
    func opportunity(id: Int64) throws -> Opportunity? {
        try Opportunity.fetchOne(db.cachedStatement(sql: "SELECT * FROM opportunity WHERE id = ?"), arguments: [id])
    }

    func opportunityId(named name: String) throws -> Int64? {
        try inserter.id(named: name, in: db)
    }

    /// Fills `opportunity` from `values`, in field order (stage before
    /// probability). Returns the stage it ends at and any warnings.
    /// Every refused value is reported, in one FieldFailures.
    func resolve(_ values: FieldValues<OpportunityField>, into opportunity: inout Opportunity) throws -> Resolution {
        var resolution = Resolution()
        var failures: [FieldFailure] = []
        let oldStage = stage(id: opportunity.stageId)
        var newStage = oldStage
        var probabilityCell: String?  // as the row gave it, for the report
        // The row's own currency, which a currency sign in its amount must fit.
        let rowCurrency = values[.currency].flatMap { $0.isEmpty ? nil : try? AmountParser.validCurrency($0) }
        for (field, value) in values {
            do {
                switch field {
                case .name:
                    let name = try QualifyDatabase.validName(value, what: "opportunity")
                    if let other = try opportunityId(named: name), other != opportunity.id {
                        // Refused as `opportunity add` refuses it, with a name that is free.
                        let account = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [opportunity.accountId]) ?? ""
                        throw try QualifyDatabase.nameTaken(holder: other, typed: name, account: account, in: db)
                    }
                    opportunity.name = name
                case .account:
                    // An unknown name throws the error that lists the closest accounts.
                    let accountId = try accountId(named: value) ?? QualifyDatabase.account(named: value, in: db).id!
                    if accountId != opportunity.accountId {
                        // Sponsors are people at the old account; they cannot follow the deal.
                        opportunity.sponsorId = nil
                        opportunity.powerSponsorId = nil
                    }
                    opportunity.accountId = accountId
                case .amount:
                    if value.isEmpty {
                        opportunity.amount = nil
                    } else {
                        var reading = context.amountReading
                        if let current = opportunity.currency, current != reading.currency {
                            reading.currency = current
                            reading.currencySource = "the deal's currency"
                        }
                        let (amount, currencyGiven) = try AmountParser.read(value, reading, rowCurrency: rowCurrency)
                        opportunity.amount = amount
                        resolution.currencyDefaulted = !currencyGiven
                    }
                case .currency:
                    // Read once: `rowCurrency` is this cell when it is valid.
                    if !value.isEmpty { opportunity.currency = try rowCurrency ?? AmountParser.validCurrency(value) }
                case .closeDate:
                    if value.isEmpty {
                        opportunity.closeDate = nil
                    } else {
                        let parsed = try CloseDateParser.parse(value, today: context.today, order: context.dateOrder,
                                                               takingTheOnlyReading: context.takesTheOnlyReadingOfDates)
                        opportunity.closeDate = parsed.day
                        if let warning = parsed.warning { resolution.warnings.append(warning) }
                        resolution.closeDateInPast = parsed.warning != nil
                        resolution.dateHadTime = parsed.hadTime
                        resolution.dateOnlyReading = parsed.onlyReading.map { OnlyReading(order: $0, cell: value, day: parsed.day) }
                    }
                case .stage:
                    guard !value.isEmpty else {
                        throw FieldError("the stage is empty; every opportunity is at a stage: give one from qualify stage list.")
                    }
                    let stage: Stage
                    do {
                        stage = try self.stage(named: value)
                    } catch let error as StoreError where error.kind == .notFound {
                        let closest = NameMatcher.closest(to: value, in: stagesByName.keys.sorted()).first ?? firstStage?.name ?? "Prospecting"
                        throw FieldFailure(.stage, error, value: value, summary: "unknown stage",
                                           fix: "add them with --create-stages or map them with --map-stage '\(value)=\(closest)'")
                    }
                    opportunity.stageId = stage.id
                    newStage = stage
                case .probability:
                    if !value.isEmpty {
                        // The number only: whether a 100 suits the stage is checked below, once.
                        opportunity.probability = try ProbabilityRule.parse(value)
                        probabilityCell = value
                    }
                case .nextMilestone: opportunity.nextMilestone = value.isEmpty ? nil : value
                case .owner: opportunity.owner = value.isEmpty ? nil : value
                case .leadSource: opportunity.leadSource = value.isEmpty ? nil : value
                case .description: opportunity.description = value.isEmpty ? nil : value
                case .sponsor:
                    opportunity.sponsorId = try value.isEmpty ? nil
                        : QualifyDatabase.contact(named: value, accountId: opportunity.accountId, in: db).id
                case .powerSponsor:
                    opportunity.powerSponsorId = try value.isEmpty ? nil
                        : QualifyDatabase.contact(named: value, accountId: opportunity.accountId, in: db).id
                }
            } catch let failure as FieldFailure {
                failures.append(failure)
            } catch let error as FieldError {
                failures.append(FieldFailure(field, StoreError(.invalid, error.description), value: error.counted ?? value,
                                             summary: error.summary, fix: error.fix, inRow: error.inRow))
            } catch let error as StoreError {
                failures.append(FieldFailure(field, error, value: value))
            }
        }
        if probabilityCell == nil, let newStage, newStage.id != oldStage?.id {
            opportunity.probability = Self.probability(opportunity.probability, movingFrom: oldStage, to: newStage)
        }
        // A stage the row could not give cannot judge a 100: the stage's own refusal says what is wrong.
        if let probability = opportunity.probability, !failures.contains(where: { [ImportField.probability, .stage].contains($0.key) }) {
            do {
                try ProbabilityRule.check(probability, outcome: newStage?.closed)
            } catch {
                failures.append(FieldFailure(.probability, StoreError(.invalid, error.description), value: probabilityCell ?? "\(probability)",
                                             summary: error.summary, fix: error.fix))
            }
        }
        guard failures.isEmpty else { throw FieldFailures(failures: failures) }
        resolution.stage = newStage
        return resolution
    }
}

extension FieldResolver {
    /// A deal's probability once it moves to `new` without the rep giving
    /// one: the new stage's, unless the rep chose a value; a value equal to
    /// the old stage's default was never the rep's own.
    static func probability(_ current: Int?, movingFrom old: Stage?, to new: Stage) -> Int? {
        current == nil || current == old?.probability ? new.probability : current
    }
}

/// Account ids by the exact spelling a file used; a class so the resolver
/// can stay a value that is passed around without `inout`.
private final class AccountIdCache {
    var byName: [String: Int64] = [:]
    var bySource: [String: Int64] = [:]
}
