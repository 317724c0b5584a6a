import Foundation
import GRDB
import QualifyKit

/// One data row of an import file, already mapped from the file's columns.
public struct ImportRow: Sendable {
    /// The line the record starts on in the file (the header is line 1).
    public var line: Int
    public var values: ImportValues
    /// Set when the file could not be read here: the row is reported as bad.
    public var problem: ImportProblem?

    public init(line: Int, values: ImportValues, problem: ImportProblem? = nil) {
        self.line = line
        self.values = values
        self.problem = problem
    }
}

public enum DuplicatePolicy: String, Sendable, CaseIterable {
    case skip, update, rename, error
}

public struct ImportOptions: Sendable {
    public var skipInvalid = false
    public var dryRun = false
    public var onDuplicate = DuplicatePolicy.error
    public var createAccounts = false
    /// The CRM the file came from ("salesforce"); a row's `Source CRM` cell wins.
    public var sourceCRM = Account.unnamedCRM
    /// --map-stage: a stage name of the file -> a stored stage.
    public var stageMap: [String: String] = [:]
    /// --map-owner: a CRM user id (OwnerId) -> the owner's name.
    public var ownerMap: [String: String] = [:]
    /// --create-stages: what the whole file says of its unknown stages, read before any row.
    public var stageCensus: StageCensus?
    /// Who imports: a contact's re-imported title, e-mail or phone is a dated change by them,
    /// resolved by sync like an edit by hand. Nil keeps no history.
    public var importedBy: String?
    public init() {}
}

extension QualifyDatabase {
    /// Imports opportunities in one transaction, streaming `rows`: any bad
    /// row means nothing is written unless `skipInvalid`; every problem of
    /// every bad row is reported with its line, column and reason. `columns`
    /// gives the file's name for each field, for the report.
    public func importOpportunities<Rows: Sequence<ImportRow>>(
        _ rows: Rows, columns: [ImportField: String], options: ImportOptions, owner: String, context: EditContext
    ) throws(StoreError) -> ImportReport {
        var context = context
        context.recordsHistory = false
        // 13/02/2027 has one reading; the summary says which, once (see ImportReport.notes).
        context.takesTheOnlyReadingOfDates = true
        let fixedContext = context
        // --create-stages adds stages its rows then refer to: such a file goes in as it is read, in one write transaction.
        let staged = options.stageCensus == nil
        return try importing(options: options, staged: staged) { db, report in
            report.defaultCurrency = fixedContext.amountReading
            // A stage the census could not call won or lost is refused on each of its rows, below.
            let undecided = try options.stageCensus?.createStages(in: db, report: &report) ?? []
            let resolver = try FieldResolver(db: db, context: fixedContext)
            var importer = try OpportunityImporter(resolver: resolver, options: options, owner: owner, columns: columns,
                                                   undecidedStages: undecided,
                                                   staging: staged ? ImportStaging(db: db, inserter: resolver.inserter) : nil)
            for row in rows {
                if let problem = row.problem {
                    report.problems.append(problem)
                    continue
                }
                // Nothing is written before a row is validated, so a refused row leaves no trace.
                do {
                    try importer.importRow(row, report: &report)
                } catch let refused as RowProblems {
                    report.problems += refused.problems
                } catch let error as StoreError {
                    report.problems.append(ImportProblem(line: row.line, column: nil, reason: error.description))
                }
            }
            // The last rows waiting to be staged go in now, not under the write lock.
            try importer.staging?.flush(in: db)
            return importer.staging
        }
    }

    /// Imports accounts; `values[.name]` is the account's name and
    /// `values[.sourceId]` its id in its CRM. A stored id updates its
    /// account; a stored name without an id takes the file's id, or is the
    /// row's account when the row has none; the same name with another id is
    /// another account (numbered with --on-duplicate rename).
    public func importAccounts<Rows: Sequence<ImportRow>>(_ rows: Rows, columns: [ImportField: String] = [:],
                                                          options: ImportOptions) throws(StoreError) -> ImportReport {
        try importEachRow(rows, columns: columns, options: options) { db, row, lines, report in
            // qualify's own export names the account here in "Name in qualify" and as its CRM knows it in the name column.
            let qualifyName = OpportunityImporter.nonEmpty(row.values[.qualifyName])
            let name = try FieldFailure.in(qualifyName == nil ? .name : .qualifyName) { () throws(StoreError) in
                try Self.validName(qualifyName ?? row.values[.name] ?? "", what: "account")
            }
            let crm = OpportunityImporter.nonEmpty(row.values[.sourceCRM]) ?? options.sourceCRM
            let sourceId = OpportunityImporter.nonEmpty(row.values[.sourceId])
            let crmName = qualifyName.flatMap { _ in OpportunityImporter.nonEmpty(row.values[.name]) }.flatMap { $0 == name ? nil : $0 }
            if let sourceId, var stored = try Account.filter(Column("sourceCRM") == crm && Column("sourceId") == sourceId).fetchOne(db) {
                if name == stored.name || name == stored.sourceName {
                    report.unchanged += 1
                } else if try Account.filter(Account.Columns.name == name).fetchOne(db) == nil {
                    stored.name = name
                    stored.sourceName = nil
                    try stored.update(db)
                    report.updated += 1
                } else {
                    throw FieldFailure(key: .name, error: StoreError(.duplicate, "account \(sourceId) is now called \"\(name)\", which another account has; rename one of them first (qualify account list)."))
                }
                return
            }
            if sourceId == nil { try FieldFailure.repeatedInFile(.name, name) { () throws(StoreError) in try lines.first(name, at: row.line) } }
            // Without ids, the account of that name that has none either is this one (or the one an earlier import renamed).
            if sourceId == nil, try Account.filter(Column("sourceId") == nil && (Account.Columns.name == name || Column("sourceName") == name)).fetchOne(db) != nil {
                report.unchanged += 1
                return
            }
            var account = Account(name: name)
            account.sourceCRM = sourceId == nil ? nil : crm
            account.sourceId = sourceId
            if sourceId != nil { account.sourceName = crmName }
            if var holder = try Account.filter(Account.Columns.name == name).fetchOne(db) {
                if holder.sourceId == nil, let sourceId {
                    // The account typed by hand (or from a file without ids) is this CRM record.
                    holder.sourceCRM = crm
                    holder.sourceId = sourceId
                    try holder.update(db)
                    report.updated += 1
                    return
                }
                switch options.onDuplicate {
                case .rename:
                    account.name = try ManualNaming.numbered(name) { try Account.filter(Account.Columns.name == $0).fetchOne(db) != nil }
                    account.sourceName = name
                    report.renames.append(ImportRename(line: row.line, from: name, to: account.name))
                case .skip, .update:
                    report.skippedDuplicates += 1
                    return
                case .error:
                    let why = holder.sourceId == nil || sourceId == nil ? "" : " with another id (\(holder.sourceId!))"
                    throw FieldFailure(key: .name, error: StoreError(.duplicate, "an account called \"\(name)\" already exists\(why); --on-duplicate rename keeps both (numbered), --on-duplicate skip keeps the stored one."),
                                        value: name, summary: ImportProblem.repeatedName,
                                        fix: "--on-duplicate rename keeps every account (numbered), --on-duplicate skip keeps the stored one")
                }
            }
            try account.insert(db)
            report.inserted += 1
        }
    }

    /// Imports leads; keys are the Lead's property names, with `status`,
    /// `converted` and `source-id`. A stored CRM id updates its lead; a lead
    /// the CRM converted stays converted.
    public func importLeads<Rows: Sequence<ImportRow>>(_ rows: Rows, columns: [ImportField: String] = [:],
                                                       options: ImportOptions) throws(StoreError) -> ImportReport {
        try importEachRow(rows, columns: columns, options: options) { db, row, lines, report in
            let v = row.values
            var checks = RowChecks()
            let name = try checks.check { try FieldFailure.in(.person) { () throws(StoreError) in try Self.validName(v[.person] ?? "", what: "lead's person") } }
            let company = Self.blankIsNil(v[.company])
            let crm = OpportunityImporter.nonEmpty(v[.sourceCRM]) ?? options.sourceCRM
            let sourceId = OpportunityImporter.nonEmpty(v[.sourceId])
            if sourceId == nil, let person = name {
                try checks.check { try FieldFailure.repeatedInFile(.person, person) { () throws(StoreError) in try lines.first(person, qualifiedBy: company, at: row.line) } }
            }
            let email = try checks.check { try FieldFailure.email(v[.email]) { () throws(StoreError) in try Self.validEmail(v[.email]) } } ?? nil
            let status = Self.blankIsNil(v[.status])
            var converted = false
            if let cell = OpportunityImporter.nonEmpty(v[.converted]) {
                try checks.check {
                    guard let flag = OpportunityImporter.flag(cell) else {
                        throw FieldFailure(key: .converted, error: StoreError(.invalid, "\"\(cell)\" is neither true nor false (or yes or no)."),
                                           value: cell, summary: "converted neither true nor false", fix: "write true or false (yes or no, 1 or 0)")
                    }
                    converted = flag
                }
            }
            try checks.finish()
            guard let person = name else { return }
            // vtiger and SuiteCRM have no converted column: their status says it.
            if status?.lowercased() == "converted" { converted = true }
            var lead = Lead(person: person, company: company, title: Self.blankIsNil(v[.title]),
                            email: email, phone: Self.blankIsNil(v[.phone]),
                            source: Self.blankIsNil(v[.source]), notes: Self.blankIsNil(v[.notes]))
            lead.status = status
            lead.sourceCRM = sourceId == nil ? nil : crm
            lead.sourceId = sourceId
            let twin: Lead?
            if let sourceId {
                twin = try Lead.filter(Column("sourceCRM") == crm && Column("sourceId") == sourceId).fetchOne(db)
            } else {
                twin = try Lead.fetchOne(db, sql: "SELECT * FROM lead WHERE person = ? COLLATE NOCASE AND coalesce(company, '') = ? COLLATE NOCASE AND sourceId IS NULL",
                                         arguments: [person, company ?? ""])
            }
            if let twin {
                if sourceId == nil {
                    switch options.onDuplicate {
                    case .error, .rename: throw FieldFailure(key: .person, error: StoreError(.duplicate, "a lead \"\(lead.person)\" at \"\(lead.company ?? "")\" already exists (#\(twin.id!)); use --on-duplicate skip or update."),
                                                             value: lead.person, summary: "lead already stored",
                                                             fix: "--on-duplicate update updates the stored leads, --on-duplicate skip keeps them")
                    case .skip:
                        report.skippedDuplicates += 1
                        return
                    case .update: break
                    }
                }
                lead.id = twin.id
                lead.uuid = twin.uuid
                lead.createdAt = twin.createdAt
                // What conversion made stays: a lead once converted is never open again.
                lead.convertedAt = twin.convertedAt ?? (converted ? Date() : nil)
                lead.accountId = twin.accountId
                lead.contactId = twin.contactId
                lead.opportunityId = twin.opportunityId
                try report.store(lead, over: twin, in: db)
                return
            }
            if converted { lead.convertedAt = lead.createdAt }
            try lead.insert(db)
            report.inserted += 1
        }
    }

    /// The loop the account and lead imports share: a row the file itself
    /// spoiled, a refused value (reported with its column) or a refused row is
    /// reported and the next row read; a database failure ends the import.
    /// Their files are small, so repeats are found by remembering names
    /// (LinesByName); the opportunity import, benchmarked at 100,000 rows,
    /// finds them by id instead.
    func importEachRow<Rows: Sequence<ImportRow>>(
        _ rows: Rows, columns: [ImportField: String], options: ImportOptions,
        _ body: (Database, ImportRow, inout LinesByName, inout ImportReport) throws -> Void
    ) throws(StoreError) -> ImportReport {
        try importing(options: options) { db, report in
            var lines = LinesByName()
            for row in rows {
                if let problem = row.problem {
                    report.problems.append(problem)
                    continue
                }
                do {
                    try body(db, row, &lines, &report)
                } catch let failure as FieldFailure {
                    report.problems.append(failure.problem(line: row.line, columns: columns))
                } catch let failures as FieldFailures {
                    report.problems += failures.failures.map { $0.problem(line: row.line, columns: columns) }
                } catch let error as StoreError {
                    report.problems.append(ImportProblem(line: row.line, column: nil, reason: error.description))
                }
            }
            return nil
        }
    }

    /// One transaction around a whole import; it commits only when the rows
    /// were all good (or bad ones may be skipped) and this is not a dry run.
    /// A staged import (see ImportStaging) reads and checks every row in a
    /// read transaction, which lets interviews write meanwhile, and takes the
    /// write lock only to write what it gathered.
    private func importing(options: ImportOptions, staged: Bool = false,
                           _ body: (Database, inout ImportReport) throws -> ImportStaging?) throws(StoreError) -> ImportReport {
        do {
            return try queue.writeWithoutTransaction { db in
                var report = ImportReport()
                // A bigger page cache keeps a long transaction from spilling to the WAL on every few rows;
                // it is a fixed ceiling (8 MiB), so memory stays flat in the file's size.
                try db.execute(sql: "PRAGMA cache_size = -8192")
                if staged { try ImportStaging.attach(in: db) }
                defer { if staged { try? ImportStaging.detach(in: db) } }
                var staging: ImportStaging?
                try db.inTransaction(staged ? .deferred : nil) {
                    staging = try body(db, &report)
                    // --skip-invalid skips rows; a file unreadable past a line would lose the rows after it unsaid.
                    let skips = options.skipInvalid && !report.problems.contains { $0.endsReading }
                    report.committed = !options.dryRun && (report.problems.isEmpty || skips)
                    // The staged rows are in the attached database's tables, which this transaction holds too.
                    return report.committed || staging != nil ? .commit : .rollback
                }
                if let staging, report.committed {
                    try db.inTransaction(.immediate) {
                        try staging.write(in: db)
                        return .commit
                    }
                }
                return report
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}

/// The first line of each name in one file, so a name given twice is
/// reported as a repeat within the file, not as one "already stored".
struct LinesByName {
    private var lines: [String: Int] = [:]

    /// `qualifiedBy` tells apart equal names that are different records (a lead's company).
    mutating func first(_ name: String, qualifiedBy qualifier: String? = nil, at line: Int) throws(StoreError) {
        let key = name.lowercased() + "\u{0}" + (qualifier?.lowercased() ?? "")
        if let earlier = lines[key] {
            throw StoreError(.duplicate, "\"\(name)\" is already on line \(earlier) of this file.")
        }
        lines[key] = line
    }
}
