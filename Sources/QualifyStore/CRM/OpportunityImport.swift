import Foundation
import GRDB
import QualifyKit

/// Every problem of one row, reported together.
struct RowProblems: Error {
    var problems: [ImportProblem]
}

/// One opportunity row of a CRM file: found by its CRM id (an update), or
/// new; its account found by the CRM's account id before its name; a name
/// another deal holds renamed the manual's way (add the account name) when
/// asked. Every problem of the row is gathered before anything is written.
struct OpportunityImporter {
    let resolver: FieldResolver
    let options: ImportOptions
    let owner: String
    /// The file's name for each field, for the report.
    let columns: [String: String]
    /// Rows above this id came from this file: a repeat is named as such.
    let lastStoredId: Int64
    /// Closed stages --create-stages left out: neither the file nor the name says won or lost.
    let undecidedStages: Set<String>

    init(resolver: FieldResolver, options: ImportOptions, owner: String, columns: [String: String],
         undecidedStages: Set<String> = []) throws {
        self.resolver = resolver
        self.undecidedStages = undecidedStages
        self.options = options
        self.owner = owner
        self.columns = columns
        lastStoredId = try Int64.fetchOne(resolver.db, sql: "SELECT max(id) FROM opportunity") ?? 0
    }

    /// One hash a key, where `OpportunityField(rawValue:)` compares a key with each name in turn.
    private static let fieldsByName = Dictionary(uniqueKeysWithValues: OpportunityField.allCases.map { ($0.rawValue, $0) })

    func importRow(_ row: ImportRow, report: inout ImportReport) throws {
        let db = resolver.db
        var problems: [ImportProblem] = []
        func refuse(_ key: String, _ reason: String, value: String? = nil, kind: String? = nil, fix: String? = nil) {
            problems.append(ImportProblem(line: row.line, column: columns[key] ?? key, reason: reason, value: value, kind: kind, fix: fix))
        }
        var values: [OpportunityField: String] = .init(minimumCapacity: row.values.count)
        for (key, value) in row.values {
            if let field = Self.fieldsByName[key] { values[field] = value }
        }
        let crm = Self.nonEmpty(row.values["source-crm"]) ?? options.sourceCRM
        let sourceId = Self.nonEmpty(row.values["source-id"])
        if let stage = values[.stage], let mapped = options.stageMap[stage] { values[.stage] = mapped }

        var fileName: String?
        do {
            fileName = try QualifyDatabase.validName(values[.name] ?? "", what: "opportunity")
        } catch {
            refuse("name", error.description)
        }
        var existing = try sourceId.flatMap { try resolver.inserter.id(sourceCRM: crm, sourceId: $0, in: db) }
            .flatMap { try Opportunity.fetchOne(db, key: $0) }

        // The account: by the CRM's id when the file has one, else by name.
        var accountId: Int64?
        var newAccount: String?
        let accountName = Self.nonEmpty(values[.account])
        if let accountSourceId = Self.nonEmpty(row.values["account-id"]) {
            accountId = try resolver.accountId(sourceCRM: crm, sourceId: accountSourceId)
            if accountId == nil {
                refuse("account-id", "account id \"\(accountSourceId)\" was never imported from \(crm); import that CRM's accounts file first (qualify import accounts Accounts.csv), then this one.",
                       value: accountSourceId, kind: "account id not imported",
                       fix: "import the accounts file of the same export first (qualify import accounts Accounts.csv), then this file")
            }
        } else if let accountName {
            accountId = try resolver.accountId(named: accountName)
            if accountId == nil {
                if options.createAccounts {
                    newAccount = accountName
                } else {
                    refuse("account", "no account called \"\(accountName)\"; import accounts first or add --create-accounts.",
                           value: accountName, kind: "unknown account", fix: "import the accounts file first, or add --create-accounts")
                }
            }
        } else if existing == nil {
            refuse("account", "the account is empty; every opportunity belongs to an account.")
        }

        // A name another stored deal holds: with --on-duplicate update and no CRM id, this row updates that deal.
        var holderOfName: Int64?
        if let fileName, existing == nil || (fileName != existing!.name && fileName != existing!.sourceName) {
            holderOfName = try resolver.opportunityId(named: fileName)
            if let holder = holderOfName, holder == existing?.id { holderOfName = nil }
        }
        if let holder = holderOfName, existing == nil, options.onDuplicate == .update {
            let stored = try Opportunity.fetchOne(db, key: holder)!
            if stored.sourceId == nil || sourceId == nil {
                existing = stored
                holderOfName = nil
            }
        }

        var opportunity: Opportunity
        var fields = values
        fields[.name] = nil
        fields[.account] = nil
        var resolution = Resolution()
        do {
            if let existing {
                opportunity = existing
                if existing.sourceId == nil, let sourceId {
                    opportunity.sourceCRM = crm
                    opportunity.sourceId = sourceId
                }
                if let accountId, accountId != existing.accountId {
                    // Sponsors are people at the old account; they cannot follow the deal.
                    opportunity.accountId = accountId
                    opportunity.sponsorId = nil
                    opportunity.powerSponsorId = nil
                }
                resolution = try resolver.resolve(fields, into: &opportunity)
            } else {
                opportunity = resolver.inserter.make(name: fileName ?? "", accountId: accountId ?? 0)
                opportunity.sourceCRM = sourceId == nil ? nil : crm
                opportunity.sourceId = sourceId
                resolution = try QualifyDatabase.resolveNew(&opportunity, values: fields, owner: owner, resolver: resolver)
            }
        } catch let failures as FieldFailures {
            for var failure in failures.failures {
                if failure.summary == "unknown stage", let stage = failure.value, undecidedStages.contains(stage) {
                    failure.summary = "closed stage, won or lost unknown"
                    failure.fix = "add it yourself: qualify stage add '\(stage)' --closed lost --probability 0 (or --closed won --probability 100)"
                }
                refuse(failure.field.rawValue, failure.message, value: failure.value,
                       kind: failure.summary ?? failure.value.map { _ in "\(columns[failure.field.rawValue] ?? failure.field.rawValue) not read:" },
                       fix: failure.fix)
            }
            opportunity = existing ?? resolver.inserter.make(name: "", accountId: 0)
        }
        checkClosedFlags(row, stage: resolution.stage, refuse: refuse)

        var skip = false
        if let fileName, let holder = holderOfName {
            switch options.onDuplicate {
            case .rename:
                let account = try newAccount ?? accountId.map(resolver.accountName) ?? resolver.accountName(id: opportunity.accountId)
                let renamed = try uniqueName(fileName, account: account, closeDate: opportunity.closeDate)
                opportunity.name = renamed
                opportunity.sourceName = fileName
                if problems.isEmpty { report.renames.append(ImportRename(line: row.line, from: fileName, to: renamed)) }
            case .skip:
                skip = true
            case .error, .update:
                let earlier = holder > lastStoredId
                refuse("name", earlier ? "\"\(fileName)\" is already on an earlier line of this file."
                                       : "an opportunity called \"\(fileName)\" already exists; use --on-duplicate skip, update or rename.",
                       value: fileName, kind: ImportProblem.repeatedName,
                       fix: "--on-duplicate rename keeps every deal (adding the account name), --on-duplicate skip keeps the first")
            }
        } else if let fileName, existing == nil || (fileName != existing!.name && fileName != existing!.sourceName) {
            opportunity.name = fileName
            // The deal's CRM renamed it to a name free here: the stored name follows.
            if existing != nil { opportunity.sourceName = nil }
        }
        guard problems.isEmpty else { throw RowProblems(problems: problems) }
        if skip {
            report.skippedDuplicates += 1
            return
        }

        if let newAccount {
            var account = Account(name: newAccount)
            try account.insert(db)
            opportunity.accountId = account.id!
            resolver.remember(accountId: account.id!, for: newAccount)
            report.createdAccounts.append(newAccount)
        }
        if let existing {
            if opportunity == existing {
                report.unchanged += 1
            } else {
                try opportunity.update(db)
                try QualifyDatabase.recordChanges(from: existing, oldStage: resolver.stage(id: existing.stageId), to: opportunity,
                                                  newStage: resolution.stage, by: resolver.context.changedBy, in: db)
                report.updated += 1
            }
        } else {
            try resolver.inserter.insert(&opportunity, in: db)
            report.inserted += 1
        }
        if values[.amount].map({ !$0.isEmpty }) == true && resolution.currencyDefaulted { report.amountsWithoutCurrency += 1 }
        if resolution.dateHadTime { report.dateTimesCut += 1 }
        // A closed deal closed in the past, as it should; an open one past its date is the rep's to chase.
        if resolution.closeDateInPast && resolution.stage?.closed == nil { report.pastCloseDatesOfOpenDeals += 1 }
        // Files often carry a probability the stage contradicts: kept, as the rep may have set it, but said.
        if existing == nil, let stage = resolution.stage, let probability = opportunity.probability, probability != stage.probability {
            report.warnings.append(ImportProblem(line: row.line, column: nil,
                                                 reason: "probability \(probability)% differs from stage \"\(stage.name)\"'s \(stage.probability)%; kept as in the file."))
        }
    }

    /// A free name the manual's way: the account name added, then the close
    /// date, then a number. A name that already holds the account's skips that step.
    private func uniqueName(_ name: String, account: String, closeDate: String?) throws -> String {
        let withAccount = name.localizedCaseInsensitiveContains(account) || account.isEmpty ? name : "\(name) - \(account)"
        var candidates = [withAccount]
        if let closeDate { candidates.append("\(withAccount) - \(closeDate)") }
        for candidate in candidates where candidate != name {
            if try resolver.opportunityId(named: candidate) == nil { return candidate }
        }
        let base = candidates.last!
        var number = 2
        while try resolver.opportunityId(named: "\(base) (\(number))") != nil { number += 1 }
        return "\(base) (\(number))"
    }

    /// Salesforce's IsClosed and IsWon must agree with the stage the row is at.
    private func checkClosedFlags(_ row: ImportRow, stage: Stage?,
                                  refuse: (String, String, String?, String?, String?) -> Void) {
        guard let stage else { return }
        for key in ["is-closed", "is-won"] {
            guard let cell = Self.nonEmpty(row.values[key]) else { continue }
            guard let flag = Self.flag(cell) else {
                refuse(key, "\"\(cell)\" is neither true nor false.", cell, "\(columns[key] ?? key) not true or false", nil)
                continue
            }
            let agrees = key == "is-closed" ? flag == (stage.closed != nil) : flag == (stage.closed == .won)
            if !agrees {
                let state = stage.closed.map { "closed \($0.rawValue)" } ?? "open"
                refuse(key, "\(columns[key] ?? key) is \(cell) but stage \"\(stage.name)\" is \(state); fix the row, or map its stage with --map-stage.",
                       "\(stage.name): \(columns[key] ?? key) \(cell)", "stage contradicts \(columns[key] ?? key)",
                       "correct those rows' stage or flag in the file, or map their stage with --map-stage 'From=To'")
            }
        }
    }

    /// true/false as CRMs write them: true, 1, yes (any case).
    static func flag(_ cell: String) -> Bool? {
        switch cell.lowercased() {
        case "true", "1", "yes", "y": true
        case "false", "0", "no", "n": false
        default: nil
        }
    }

    static func nonEmpty(_ cell: String?) -> String? {
        guard let trimmed = cell?.trimmedSpaces, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
