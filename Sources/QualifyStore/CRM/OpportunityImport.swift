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
    let columns: [ImportField: String]
    /// Rows above this id came from this file: a repeat is named as such.
    let lastStoredId: Int64
    /// No deal was stored when the file began to be read, and a staged import writes none
    /// before its last row: no name or CRM id is looked for among the stored deals (a
    /// first import of a pipeline asked the database that once a row for nothing).
    private let noStoredDeals: Bool
    /// Closed stages --create-stages left out: neither the file nor the name says won or lost.
    let undecidedStages: Set<String>
    /// Where rows go until the write transaction; nil writes each row as it is read.
    let staging: ImportStaging?
    /// Accounts stored under a new name, whose CRM name a row may give.
    let renamedAccounts: RenamedAccounts
    /// The holder of a name that a row of this file, not yet written, gives.
    static let earlierRow = Int64.max
    /// Deals a row without a CRM id already named: a name the file repeats takes the next one.
    private var dealsNamedByFile: Set<Int64> = []
    /// The slots a row's values go in, the same list row after row: allocating and freeing
    /// one a row was 1.5% of an import's instructions (callgrind). `noValues` holds its place
    /// while a row uses it, so the row's copy is the only one and is written in place.
    private var reusedValues = FieldValues<OpportunityField>()
    private static let noValues = FieldValues<OpportunityField>()

    init(resolver: FieldResolver, options: ImportOptions, owner: String, columns: [ImportField: String],
         undecidedStages: Set<String> = [], staging: ImportStaging? = nil) throws {
        self.resolver = resolver
        self.staging = staging
        self.undecidedStages = undecidedStages
        self.options = options
        self.owner = owner
        self.columns = columns
        lastStoredId = try Int64.fetchOne(resolver.db, sql: "SELECT max(id) FROM opportunity") ?? 0
        noStoredDeals = staging != nil && lastStoredId == 0
        renamedAccounts = try RenamedAccounts(in: resolver.db)
    }

    /// The problems of one row, each with the file's column name.
    struct Problems {
        let line: Int
        let columns: [ImportField: String]
        var list: [ImportProblem] = []

        mutating func refuse(_ key: ImportField, _ reason: String, value: String? = nil, kind: String? = nil, fix: String? = nil) {
            list.append(ImportProblem(line: line, column: columns[key] ?? key.rawValue, reason: reason, value: value, kind: kind, fix: fix))
        }
    }

    /// Where a row's account is: stored (its id), or to be created (its name).
    struct AccountChoice {
        var id: Int64?
        var newName: String?
    }

    mutating func importRow(_ row: ImportRow, report: inout ImportReport) throws {
        let db = resolver.db
        var problems = Problems(line: row.line, columns: columns)
        // The fields resolved into the deal; its name and account are found here, below.
        var values = reusedValues
        reusedValues = Self.noValues
        defer { reusedValues = values }
        values.removeAll()
        for (key, value) in row.values {
            if let field = key.opportunityField, field != .name, field != .account { values[field] = value }
        }
        // Sponsors are found by e-mail as well as name (chooseSponsors), not by name alone.
        values[.sponsor] = nil
        values[.powerSponsor] = nil
        let unnamedOwner = ownerFromId(row, into: &values)
        let crm = Self.nonEmpty(row.values[.sourceCRM]) ?? options.sourceCRM
        let sourceId = Self.nonEmpty(row.values[.sourceId])
        if !options.stageMap.isEmpty, let stage = values[.stage], let mapped = options.stageMap[stage] { values[.stage] = mapped }
        var fileName: String?
        // qualify's own export names the deal here in "Name in qualify" and as its CRM knows it in the name column.
        let crmName = Self.nonEmpty(row.values[.qualifyName]).flatMap { _ in Self.nonEmpty(row.values[.name]) }
        do {
            fileName = try QualifyDatabase.validName(Self.nonEmpty(row.values[.qualifyName]) ?? row.values[.name] ?? "", what: "opportunity")
        } catch {
            problems.refuse(row.values[.qualifyName] == nil ? .name : .qualifyName, error.description)
        }
        var existing = try sourceId.flatMap { noStoredDeals ? nil : try resolver.inserter.id(sourceCRM: crm, sourceId: $0, in: db) }
            .flatMap { try resolver.opportunity(id: $0) }
        if isNew(existing), let sourceId, let staging, let line = try staging.line(sourceCRM: crm, sourceId: sourceId, in: db) {
            problems.refuse(.sourceId, "id \"\(sourceId)\" is already on line \(line) of this file; a CRM gives each record one id.",
                            value: sourceId, kind: "id repeated in the file", fix: "keep one row of each id")
        }
        let account = try chooseAccount(row, name: Self.nonEmpty(row.values[.account]), crm: crm, isNew: isNew(existing), problems: &problems)

        // A name another stored deal holds: with --on-duplicate update and no CRM id, this row updates that deal.
        // A staged row of this file holding it is found as this row is staged (see store).
        var namesDeal = fileName.map { name in existing.map { name != $0.name && name != $0.sourceName } ?? true } ?? false
        var holderOfName: Int64?
        if let fileName, namesDeal {
            holderOfName = try storedDealId(named: fileName)
            if let holder = holderOfName, holder == existing?.id { holderOfName = nil }
        }
        // Without ids, the same file imported again names its deals as it did the first time: they are updated, not renamed.
        if isNew(existing), sourceId == nil, let fileName, let holder = holderOfName, let accountId = account.id,
           let deal = try dealWithoutId(named: fileName, holder: holder, accountId: accountId) {
            existing = deal
            holderOfName = nil
            namesDeal = false
        }
        if let holder = holderOfName, isNew(existing), options.onDuplicate == .update {
            let stored = try resolver.opportunity(id: holder)!
            if stored.sourceId == nil || sourceId == nil {
                existing = stored
                holderOfName = nil
            }
        }

        if let existing, let staging, let line = staging.line(updating: existing.id!) {
            problems.refuse(.name, "line \(line) of this file already updates \"\(existing.name)\"; keep one row for each deal.",
                            value: existing.name, kind: "deal updated twice by the file", fix: "keep one row for each deal")
        }
        var (opportunity, resolution) = try fill(existing, values: values, account: account, crm: crm, sourceId: sourceId, problems: &problems)
        // The file says who owns the deal, as an id, or that nobody does (its owner column empty, as
        // qualify's own export writes a deal without one): not the importing rep, the default owner.
        // Only a file without an owner column leaves its deals to the rep who imports them.
        let ownerLeftEmpty = columns[.owner] != nil && Self.nonEmpty(values[.owner]) == nil
        if isNew(existing), unnamedOwner != nil || ownerLeftEmpty { opportunity.owner = nil }
        checkClosedFlags(row, stage: resolution.stage, problems: &problems)
        let sponsorWarnings = try chooseSponsors(row, into: &opportunity, accountId: account.id ?? existing?.accountId,
                                                 newAccount: account.newName, problems: &problems)
        var skip = false
        if let fileName, let holder = holderOfName {
            switch options.onDuplicate {
            case .rename:
                try rename(&opportunity, from: fileName, account: account)
                if problems.list.isEmpty { report.renames.append(ImportRename(line: row.line, from: fileName, to: opportunity.name)) }
            case .skip:
                skip = true
            case .error, .update:
                refuseRepeated(fileName, earlierRow: holder > lastStoredId, problems: &problems)
            }
        } else if let fileName, namesDeal {
            opportunity.name = fileName
            // The deal's CRM renamed it to a name free here: the stored name follows.
            if !isNew(existing) { opportunity.sourceName = nil }
            // A bad row is never staged, so it is asked whether an earlier row gives its name: its list says so too.
            if !problems.list.isEmpty, options.onDuplicate == .error || options.onDuplicate == .update,
               let staging, try staging.line(named: fileName, in: db) != nil {
                refuseRepeated(fileName, earlierRow: true, problems: &problems)
            }
        }
        if let crmName, sourceId != nil { opportunity.sourceName = crmName == opportunity.name ? nil : crmName }
        guard problems.list.isEmpty else { throw RowProblems(problems: problems.list) }
        if skip {
            report.skippedDuplicates += 1
            return
        }
        let stored: Bool
        do {
            stored = try store(&opportunity, existing: existing, newAccount: account.newName, resolution: resolution, line: row.line,
                               report: &report)
        } catch is NameTakenInFile {
            // The staging table's UNIQUE index found an earlier row of this file with the name: one probe, not a lookup per row.
            let name = fileName ?? opportunity.name
            switch options.onDuplicate {
            case .rename:
                try rename(&opportunity, from: name, account: account)
                report.renames.append(ImportRename(line: row.line, from: name, to: opportunity.name))
                stored = try store(&opportunity, existing: existing, newAccount: account.newName, resolution: resolution, line: row.line,
                                   report: &report)
            case .skip:
                report.skippedDuplicates += 1
                return
            case .error, .update:
                refuseRepeated(name, earlierRow: true, problems: &problems)
                throw RowProblems(problems: problems.list)
            }
        }
        report.warnings += sponsorWarnings
        if let unnamedOwner { report.ownersAsIds.count(unnamedOwner, column: columns[.ownerId] ?? ImportField.ownerId.rawValue) }
        // A row that changes nothing assumed nothing worth saying.
        guard stored else { return }
        count(resolution, of: opportunity, amountGiven: values[.amount].map { !$0.isEmpty } == true, isNew: isNew(existing),
              line: row.line, report: &report)
    }

    /// The stored deal a row without a CRM id names: one of the row's account, without an id either,
    /// called `name` or, renamed by an earlier import, keeping it as its name in CRM. A name the
    /// file repeats takes those deals in the order they were stored, each once.
    private mutating func dealWithoutId(named name: String, holder: Int64, accountId: Int64) throws -> Opportunity? {
        let named = dealsNamedByFile
        let isFree = { (deal: Opportunity) in deal.accountId == accountId && deal.sourceId == nil && !named.contains(deal.id!) }
        var deal = try resolver.opportunity(id: holder).flatMap { isFree($0) ? $0 : nil }
        if deal == nil {
            deal = try Opportunity.fetchAll(resolver.db.cachedStatement(sql: """
                SELECT * FROM opportunity WHERE accountId = ? AND sourceName = ? AND sourceId IS NULL ORDER BY id
                """), arguments: [accountId, name]).first(where: isFree)
        }
        if let deal { dealsNamedByFile.insert(deal.id!) }
        return deal
    }

    /// The account: by the CRM's id when the file has one, else by name.
    private func chooseAccount(_ row: ImportRow, name: String?, crm: String, isNew: Bool,
                               problems: inout Problems) throws -> AccountChoice {
        if let accountSourceId = Self.nonEmpty(row.values[.accountId]) {
            let id = try resolver.accountId(sourceCRM: crm, sourceId: accountSourceId)
            if id == nil {
                problems.refuse(.accountId, "account id \"\(accountSourceId)\" was never imported from \(crm).",
                                value: accountSourceId, kind: "account id not imported",
                                fix: "import the accounts file of the same export first (qualify import accounts Accounts.csv), then this file")
            }
            return AccountChoice(id: id)
        }
        guard let name else {
            if isNew { problems.refuse(.account, "the account is empty; every opportunity belongs to an account.") }
            return AccountChoice()
        }
        let id = try resolver.accountId(named: name)
        // The closure takes the connection alone: taking `resolver` copied the whole importer for every row.
        let db = resolver.db
        if let ambiguity = try renamedAccounts.ambiguity(of: name, stored: { try id.flatMap { try Account.fetchOne(db, key: $0) } }) {
            problems.list.append(ambiguity.problem(line: problems.line, columns: columns))
            return AccountChoice()
        }
        if let id { return AccountChoice(id: id) }
        if options.createAccounts { return AccountChoice(newName: name) }
        problems.refuse(.account, "no account called \"\(name)\"; import accounts first or add --create-accounts.",
                        value: name, kind: "unknown account", fix: "import the accounts file first, or add --create-accounts")
        return AccountChoice()
    }

    /// The row's values on the stored deal, or on a new one with the defaults.
    private func fill(_ existing: Opportunity?, values: FieldValues<OpportunityField>, account: AccountChoice, crm: String,
                      sourceId: String?, problems: inout Problems) throws -> (Opportunity, Resolution) {
        var opportunity: Opportunity
        do {
            if let existing {
                opportunity = existing
                if existing.sourceId == nil, let sourceId {
                    opportunity.sourceCRM = crm
                    opportunity.sourceId = sourceId
                }
                if let accountId = account.id, accountId != existing.accountId {
                    // Sponsors are people at the old account; they cannot follow the deal.
                    opportunity.accountId = accountId
                    opportunity.sponsorId = nil
                    opportunity.powerSponsorId = nil
                }
                let resolution = try resolver.resolve(values, into: &opportunity)
                return (opportunity, resolution)
            }
            opportunity = resolver.inserter.make(name: "", accountId: account.id ?? 0)
            opportunity.sourceCRM = sourceId == nil ? nil : crm
            opportunity.sourceId = sourceId
            let resolution = try QualifyDatabase.resolveNew(&opportunity, values: values, owner: owner, resolver: resolver)
            return (opportunity, resolution)
        } catch let failures as FieldFailures {
            for var failure in failures.failures {
                if failure.summary == "unknown stage", let stage = failure.value, undecidedStages.contains(stage) {
                    failure.summary = "closed stage, won or lost unknown"
                    failure.fix = "add it yourself: qualify stage add '\(stage)' --closed lost --probability 0 (or --closed won --probability 100)"
                }
                let column = columns[failure.key] ?? failure.key.rawValue
                failure.summary = failure.summary ?? failure.value.map { _ in "\(column) not read:" }
                problems.list.append(failure.problem(line: problems.line, columns: problems.columns))
            }
            return (existing ?? resolver.inserter.make(name: "", accountId: 0), Resolution())
        }
    }

    /// The name another deal holds, made free the manual's way (see uniqueName); the file's name is kept as the source name.
    private func rename(_ opportunity: inout Opportunity, from name: String, account: AccountChoice) throws {
        let accountId = account.id ?? opportunity.accountId
        let accountName = try account.newName ?? staging?.newAccountName(accountId) ?? resolver.accountName(id: accountId)
        opportunity.name = try uniqueName(name, account: accountName, closeDate: opportunity.closeDate)
        opportunity.sourceName = name
    }

    private func refuseRepeated(_ name: String, earlierRow: Bool, problems: inout Problems) {
        problems.refuse(.name, earlierRow ? "\"\(name)\" is already on an earlier line of this file."
                                          : "an opportunity called \"\(name)\" already exists; use --on-duplicate skip, update or rename.",
                        value: name, kind: ImportProblem.repeatedName,
                        fix: "--on-duplicate rename keeps every deal (adding the account name), --on-duplicate skip keeps the first")
    }

    /// Writes the row: a new account first if asked, then the deal, updated (with history) or inserted.
    /// False when the stored deal already had every value. Throws NameTakenInFile, having
    /// written and counted nothing, when a staged row of this file has the deal's name.
    private func store(_ opportunity: inout Opportunity, existing: Opportunity?, newAccount: String?, resolution: Resolution,
                       line: Int, report: inout ImportReport) throws -> Bool {
        let db = resolver.db
        if let newAccount {
            if let staging {
                // Its id until it is written; the account is made only once the deal is staged.
                opportunity.accountId = staging.nextAccountPlaceholder
            } else {
                var account = Account(name: newAccount)
                try account.insert(db)
                opportunity.accountId = account.id!
            }
        }
        guard let existing else {
            if let staging {
                try staging.stage(opportunity, line: line, existing: nil, changes: [], in: db)
            } else {
                try resolver.inserter.insert(&opportunity, in: db)
            }
            created(newAccount, id: opportunity.accountId, report: &report)
            report.inserted += 1
            return true
        }
        if opportunity == existing {
            report.unchanged += 1
            return false
        }
        let oldStage = resolver.stage(id: existing.stageId)
        if let staging {
            let changes = try QualifyDatabase.changes(from: existing, oldStage: oldStage, to: opportunity, newStage: resolution.stage,
                                                      by: resolver.context.changedBy, in: db)
            try staging.stage(opportunity, line: line, existing: existing, changes: changes, in: db)
        } else {
            try opportunity.update(db)
            try QualifyDatabase.recordChanges(from: existing, oldStage: oldStage, to: opportunity,
                                              newStage: resolution.stage, by: resolver.context.changedBy, in: db)
        }
        created(newAccount, id: opportunity.accountId, report: &report)
        report.updated += 1
        return true
    }

    /// A deal of this row needed --create-accounts' new account: later rows naming it find it here.
    private func created(_ newAccount: String?, id: Int64, report: inout ImportReport) {
        guard let newAccount else { return }
        staging?.addNewAccount(newAccount)
        resolver.remember(accountId: id, for: newAccount)
        report.createdAccounts.append(newAccount)
    }

    /// What the summary says once rather than on every row.
    private func count(_ resolution: Resolution, of opportunity: Opportunity, amountGiven: Bool, isNew: Bool,
                       line: Int, report: inout ImportReport) {
        if amountGiven && resolution.currencyDefaulted { report.amountsWithoutCurrency += 1 }
        if resolution.dateHadTime { report.dateTimesCut += 1 }
        if let reading = resolution.dateOnlyReading { report.count(reading) }
        // A closed deal closed in the past, as it should; an open one past its date is the rep's to chase.
        if resolution.closeDateInPast && resolution.stage?.closed == nil { report.pastCloseDatesOfOpenDeals += 1 }
        // Files often carry a probability the stage contradicts: kept, as the rep may have set it, but said.
        if isNew, let stage = resolution.stage, let probability = opportunity.probability, probability != stage.probability {
            report.warnings.append(ImportProblem(line: line, column: columns[.probability],
                                                 reason: "probability \(probability)% differs from stage \"\(stage.name)\"'s \(stage.probability)%; kept as in the file.",
                                                 value: "\(probability)% at \(stage.name) (\(stage.probability)%)",
                                                 kind: "probability differs from the stage's", fix: "kept as in the file"))
        }
    }

    /// A free name the manual's way (ManualNaming), not held by a stored deal nor an earlier row.
    private func uniqueName(_ name: String, account: String, closeDate: CalendarDay?) throws -> String {
        try ManualNaming.freeDealName(name, account: account, closeDate: closeDate) { try nameHolder($0) != nil }
    }

    /// No stored deal for the row: asked several times a row, of a deal passed in place,
    /// where comparing the optional with nil copied the whole deal each time (callgrind).
    private func isNew(_ existing: borrowing Opportunity?) -> Bool {
        switch existing {
        case .some: false
        case .none: true
        }
    }

    private func storedDealId(named name: String) throws -> Int64? {
        noStoredDeals ? nil : try resolver.opportunityId(named: name)
    }

    /// The deal holding `name`: a stored one's id, or `earlierRow` for a row of this file not yet written.
    private func nameHolder(_ name: String) throws -> Int64? {
        if let id = try storedDealId(named: name) { return id }
        if let staging, try staging.line(named: name, in: resolver.db) != nil { return Self.earlierRow }
        return nil
    }

    /// Salesforce's IsClosed and IsWon must agree with the stage the row is at.
    private func checkClosedFlags(_ row: ImportRow, stage: Stage?, problems: inout Problems) {
        guard let stage else { return }
        for key in [ImportField.isClosed, .isWon] {
            guard let cell = Self.nonEmpty(row.values[key]) else { continue }
            guard let flag = Self.flag(cell) else {
                problems.refuse(key, "\"\(cell)\" is neither true nor false.", value: cell, kind: "\(columns[key] ?? key.rawValue) not true or false")
                continue
            }
            let agrees = key == .isClosed ? flag == (stage.closed != nil) : flag == (stage.closed == .won)
            if !agrees {
                let state = stage.closed.map { "closed \($0.rawValue)" } ?? "open"
                problems.refuse(key, "\(columns[key] ?? key.rawValue) is \(cell) but stage \"\(stage.name)\" is \(state); fix the row, or map its stage with --map-stage.",
                                value: "\(stage.name): \(columns[key] ?? key.rawValue) \(cell)", kind: "stage contradicts \(columns[key] ?? key.rawValue)",
                                fix: "correct those rows' stage or flag in the file, or map their stage with --map-stage 'From=To'")
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
