import Foundation
import GRDB
import QualifyKit

/// A value refused for one field: import reports name the column from it.
struct FieldFailure: Error {
    var field: OpportunityField
    var message: String
    var kind: StoreError.Kind

    var storeError: StoreError { StoreError(kind, "\(field.rawValue): \(message)") }
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

    func opportunityId(named name: String) throws -> Int64? {
        try inserter.id(named: name, in: db)
    }

    /// Fills `opportunity` from `values`, in field order (stage before
    /// probability). Returns the stage it ends at and any warnings.
    func resolve(_ values: [OpportunityField: String], into opportunity: inout Opportunity)
        throws -> (stage: Stage?, warnings: [String]) {
        var warnings: [String] = []
        let oldStage = stage(id: opportunity.stageId)
        var newStage = oldStage
        var probabilityGiven = false
        for field in OpportunityField.allCases {
            guard let value = values[field] else { continue }
            do {
                switch field {
                case .name:
                    let name = try QualifyDatabase.validName(value, what: "opportunity")
                    if let other = try opportunityId(named: name), other != opportunity.id {
                        throw StoreError(.duplicate, "an opportunity called \"\(name)\" already exists; opportunity names are unique.")
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
                        opportunity.amountHundredths = nil
                    } else {
                        let amount = try AmountParser.parse(value, defaultCurrency: opportunity.currency ?? context.defaultCurrency)
                        opportunity.amountHundredths = amount.hundredths
                        opportunity.currency = amount.currency
                    }
                case .currency:
                    if !value.isEmpty { opportunity.currency = try AmountParser.validCurrency(value) }
                case .closeDate:
                    if value.isEmpty {
                        opportunity.closeDate = nil
                    } else {
                        let parsed = try CloseDateParser.parse(value, today: context.today)
                        opportunity.closeDate = parsed.day.description
                        if let warning = parsed.warning { warnings.append(warning) }
                    }
                case .stage:
                    guard !value.isEmpty else {
                        throw FieldError("the stage is empty; every opportunity is at a stage: give one from qualify stage list.")
                    }
                    let stage = try stage(named: value)
                    opportunity.stageId = stage.id
                    newStage = stage
                case .probability:
                    if !value.isEmpty {
                        opportunity.probability = try ProbabilityRule.parse(value, outcome: newStage?.closed)
                        probabilityGiven = true
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
            } catch let error as FieldError {
                throw FieldFailure(field: field, message: error.description, kind: .invalid)
            } catch let error as StoreError {
                throw FieldFailure(field: field, message: error.description, kind: error.kind)
            }
        }
        if !probabilityGiven, let newStage, newStage.id != oldStage?.id {
            opportunity.probability = Self.probability(opportunity.probability, movingFrom: oldStage, to: newStage)
        }
        if let probability = opportunity.probability {
            do {
                try ProbabilityRule.check(probability, outcome: newStage?.closed)
            } catch {
                throw FieldFailure(field: .probability, message: error.description, kind: .invalid)
            }
        }
        return (newStage, warnings)
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
}
