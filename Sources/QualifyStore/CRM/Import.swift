import Foundation
import GRDB
import QualifyKit

/// One data row of an import file, already mapped from the file's columns.
public struct ImportRow: Sendable {
    /// The line the record starts on in the file (the header is line 1).
    public var line: Int
    public var values: [String: String]
    /// Set when the file could not be read here: the row is reported as bad.
    public var problem: String?

    public init(line: Int, values: [String: String], problem: String? = nil) {
        self.line = line
        self.values = values
        self.problem = problem
    }
}

public enum DuplicatePolicy: String, Sendable, CaseIterable {
    case skip, update, error
}

public struct ImportOptions: Sendable {
    public var skipInvalid = false
    public var dryRun = false
    public var onDuplicate = DuplicatePolicy.error
    public var createAccounts = false
    public init() {}
}

/// Why one row was refused (or merely warned about).
public struct ImportProblem: Equatable, Sendable {
    public var line: Int
    /// The file's own column name, when one column is at fault.
    public var column: String?
    public var reason: String

    public init(line: Int, column: String?, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }
}

public struct ImportReport: Equatable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var skippedDuplicates = 0
    public var createdAccounts: [String] = []
    public var problems: [ImportProblem] = []
    public var warnings: [ImportProblem] = []
    /// False when nothing was written: a dry run, or bad rows without --skip-invalid.
    public var committed = false
}

extension QualifyDatabase {
    /// Imports opportunities in one transaction, streaming `rows`: any bad
    /// row means nothing is written unless `skipInvalid`; every bad row is
    /// reported with its line, column and reason. `columns` gives the file's
    /// name for each field, for the report.
    public func importOpportunities<Rows: Sequence<ImportRow>>(
        _ rows: Rows, columns: [String: String], options: ImportOptions, owner: String, context: EditContext
    ) throws(StoreError) -> ImportReport {
        var context = context
        context.recordsHistory = false
        let fixedContext = context
        return try importing(options: options) { db, report in
            let resolver = try FieldResolver(db: db, context: fixedContext)
            // Rows above this id came from this file: a repeat is named as such, without keeping every name in memory.
            let lastStoredId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM opportunity") ?? 0
            for row in rows {
                if let problem = row.problem {
                    report.problems.append(ImportProblem(line: row.line, column: nil, reason: problem))
                    continue
                }
                // Nothing is written before a row is validated, so a refused row leaves no trace.
                do {
                    try Self.importOpportunity(row, options: options, owner: owner, resolver: resolver,
                                               lastStoredId: lastStoredId, report: &report)
                } catch let failure as FieldFailure {
                    report.problems.append(ImportProblem(line: row.line, column: columns[failure.field.rawValue] ?? failure.field.rawValue,
                                                         reason: failure.message))
                } catch let error as StoreError {
                    report.problems.append(ImportProblem(line: row.line, column: nil, reason: error.description))
                }
            }
        }
    }

    /// Imports accounts by name; `values["name"]` is the account's name.
    /// `columns` gives the file's name for each key, for the report.
    public func importAccounts<Rows: Sequence<ImportRow>>(_ rows: Rows, columns: [String: String] = [:],
                                                          options: ImportOptions) throws(StoreError) -> ImportReport {
        try importEachRow(rows, columns: columns, options: options) { db, row, lines, report in
            let name = try ColumnFailure.in("name") { () throws(StoreError) in try Self.validName(row.values["name"] ?? "", what: "account") }
            try ColumnFailure.in("name") { () throws(StoreError) in try lines.first(name, at: row.line) }
            if try Account.filter(Account.Columns.name == name).fetchOne(db) != nil {
                switch options.onDuplicate {
                case .error: throw ColumnFailure(key: "name", error: StoreError(.duplicate, "an account called \"\(name)\" already exists; use --on-duplicate skip."))
                case .skip, .update: report.skippedDuplicates += 1
                }
                return
            }
            var account = Account(name: name)
            try account.insert(db)
            report.inserted += 1
        }
    }

    /// Imports leads; keys are the Lead's property names.
    public func importLeads<Rows: Sequence<ImportRow>>(_ rows: Rows, columns: [String: String] = [:],
                                                       options: ImportOptions) throws(StoreError) -> ImportReport {
        try importEachRow(rows, columns: columns, options: options) { db, row, lines, report in
            let v = row.values
            let person = try ColumnFailure.in("person") { () throws(StoreError) in try Self.validName(v["person"] ?? "", what: "lead's person") }
            let company = Self.blankIsNil(v["company"])
            try ColumnFailure.in("person") { () throws(StoreError) in try lines.first(person, qualifiedBy: company, at: row.line) }
            let email = try ColumnFailure.in("email") { () throws(StoreError) in try Self.validEmail(v["email"]) }
            var lead = Lead(person: person, company: company, title: Self.blankIsNil(v["title"]),
                            email: email, phone: Self.blankIsNil(v["phone"]),
                            source: Self.blankIsNil(v["source"]), notes: Self.blankIsNil(v["notes"]))
            let twin = try Lead.fetchOne(db, sql: "SELECT * FROM lead WHERE person = ? COLLATE NOCASE AND coalesce(company, '') = ? COLLATE NOCASE",
                                         arguments: [lead.person, lead.company ?? ""])
            if var twin {
                switch options.onDuplicate {
                case .error: throw ColumnFailure(key: "person", error: StoreError(.duplicate, "a lead \"\(lead.person)\" at \"\(lead.company ?? "")\" already exists (#\(twin.id!)); use --on-duplicate skip or update."))
                case .skip: report.skippedDuplicates += 1
                case .update:
                    lead.id = twin.id
                    lead.uuid = twin.uuid
                    lead.createdAt = twin.createdAt
                    twin = lead
                    try twin.update(db)
                    report.updated += 1
                }
                return
            }
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
    private func importEachRow<Rows: Sequence<ImportRow>>(
        _ rows: Rows, columns: [String: String], options: ImportOptions,
        _ body: (Database, ImportRow, inout LinesByName, inout ImportReport) throws -> Void
    ) throws(StoreError) -> ImportReport {
        try importing(options: options) { db, report in
            var lines = LinesByName()
            for row in rows {
                do {
                    if let problem = row.problem { throw StoreError(.invalid, problem) }
                    try body(db, row, &lines, &report)
                } catch let failure as ColumnFailure {
                    report.problems.append(failure.problem(line: row.line, columns: columns))
                } catch let error as StoreError {
                    report.problems.append(ImportProblem(line: row.line, column: nil, reason: error.description))
                }
            }
        }
    }

    /// One transaction around a whole import; it commits only when the rows
    /// were all good (or bad ones may be skipped) and this is not a dry run.
    private func importing(options: ImportOptions,
                           _ body: (Database, inout ImportReport) throws -> Void) throws(StoreError) -> ImportReport {
        do {
            return try queue.writeWithoutTransaction { db in
                var report = ImportReport()
                // A bigger page cache keeps a long transaction from spilling to the WAL on every few rows;
                // it is a fixed ceiling (8 MiB), so memory stays flat in the file's size.
                try db.execute(sql: "PRAGMA cache_size = -8192")
                try db.inTransaction {
                    try body(db, &report)
                    report.committed = !options.dryRun && (report.problems.isEmpty || options.skipInvalid)
                    return report.committed ? .commit : .rollback
                }
                return report
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// One hash a key, where `OpportunityField(rawValue:)` compares a key with each name in turn.
    private static let fieldsByName = Dictionary(uniqueKeysWithValues: OpportunityField.allCases.map { ($0.rawValue, $0) })

    private static func importOpportunity(_ row: ImportRow, options: ImportOptions, owner: String,
                                          resolver: FieldResolver, lastStoredId: Int64, report: inout ImportReport) throws {
        let db = resolver.db
        var values: [OpportunityField: String] = .init(minimumCapacity: row.values.count)
        for (key, value) in row.values {
            if let field = fieldsByName[key] { values[field] = value }
        }
        let name = try validName(values[.name] ?? "", what: "opportunity")
        let accountName = values[.account]?.trimmedSpaces ?? ""
        guard !accountName.isEmpty else {
            throw FieldFailure(field: .account, message: "the account is empty; every opportunity belongs to an account.", kind: .invalid)
        }
        let accountIsNew = try resolver.accountId(named: accountName) == nil
        if accountIsNew && !options.createAccounts {
            throw FieldFailure(field: .account, message: "no account called \"\(accountName)\"; import accounts first or add --create-accounts.", kind: .notFound)
        }
        if let existingId = try resolver.opportunityId(named: name) {
            switch options.onDuplicate {
            case .error where existingId > lastStoredId:
                throw FieldFailure(field: .name, message: "\"\(name)\" is already on an earlier line of this file.", kind: .duplicate)
            case .error:
                throw FieldFailure(field: .name, message: "an opportunity called \"\(name)\" already exists; use --on-duplicate skip or update.", kind: .duplicate)
            case .skip:
                report.skippedDuplicates += 1
            case .update:
                var opportunity = try Opportunity.fetchOne(db, key: existingId)!
                let original = opportunity
                let (stage, warnings) = try resolver.resolve(values.filter { $0.key != .name }, into: &opportunity)
                try opportunity.update(db)
                try recordChanges(from: original, oldStage: resolver.stage(id: original.stageId), to: opportunity,
                                  newStage: stage, by: resolver.context.changedBy, in: db)
                report.warnings += warnings.map { ImportProblem(line: row.line, column: nil, reason: $0) }
                report.updated += 1
            }
            return
        }
        let (opportunity, warnings) = try insertOpportunity(named: name, account: accountName, values: values,
                                                            owner: owner, resolver: resolver, createAccount: true,
                                                            nameIsFree: true)
        if accountIsNew { report.createdAccounts.append(accountName) }
        report.warnings += warnings.map { ImportProblem(line: row.line, column: nil, reason: $0) }
        // Files often carry a probability the stage contradicts: kept, as the rep may have set it, but said.
        if let stage = resolver.stage(id: opportunity.stageId), let probability = opportunity.probability,
           probability != stage.probability {
            report.warnings.append(ImportProblem(line: row.line, column: nil,
                                                 reason: "probability \(probability)% differs from stage \"\(stage.name)\"'s \(stage.probability)%; kept as in the file."))
        }
        report.inserted += 1
    }
}

/// A row refused because of one value: which key, so the report can name
/// the file's column as the opportunity import does.
struct ColumnFailure: Error {
    var key: String
    var error: StoreError

    static func `in`<T>(_ key: String, _ body: () throws(StoreError) -> T) throws(ColumnFailure) -> T {
        do {
            return try body()
        } catch {
            throw ColumnFailure(key: key, error: error)
        }
    }

    func problem(line: Int, columns: [String: String]) -> ImportProblem {
        ImportProblem(line: line, column: columns[key] ?? key, reason: error.description)
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
