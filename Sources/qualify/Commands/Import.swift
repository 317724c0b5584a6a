import ArgumentParser
import Foundation
import QualifyKit
import QualifyExchange
import QualifyStore

extension Qualify {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import accounts, opportunities or leads from CRM CSV exports, or everything from a qualify JSONL file.",
            discussion: """
                CSV headers as vtiger, SuiteCRM/SugarCRM, Salesforce and EspoCRM write them are recognised. \
                The import is one transaction: any bad row imports nothing unless --skip-invalid. \
                `import all FILE.jsonl` reads `export all`; records already here (same uuid) are left alone.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "accounts, opportunities, leads or all.") var kind: ExchangeKind
        @OptionGroup var csv: CSVImportOptions

        func run() throws {
            guard let recordKind = kind.recordKind else { return try importEverything() }
            try csv.run(recordKind, options: options)
        }

        private func importEverything() throws {
            guard let handle = FileHandle(regularFileAtPath: csv.file) else {
                throw CommandFailure("cannot read \(csv.file); give the path of a file written by qualify export all --format jsonl.")
            }
            let report = try options.openDatabase().importEverything(JSONLines(handle))
            let added = report.added.sorted { $0.key < $1.key }.map { counted($0.value, $0.key == "opportunityChange" ? "history row" : $0.key) }.joined(separator: ", ")
            options.console().say("Imported \(csv.file): added \(added.isEmpty ? "nothing" : added); \(report.updated) updated; \(report.unchanged) already here; \(report.merged) merged by name.")
        }
    }
}

/// What `import` and `export` move.
enum ExchangeKind: String, ExpressibleByArgument, CaseIterable {
    case accounts, opportunities, leads, all

    var recordKind: RecordKind? { RecordKind(rawValue: rawValue) }
}

/// The options every CSV import takes.
struct CSVImportOptions: ParsableArguments {
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Import the good rows and report the bad ones (default: any bad row imports nothing).") var skipInvalid = false
    @Flag(help: "Check and report; write nothing.") var dryRun = false
    @Option(help: "What a row whose name is already stored does: skip, update or error.") var onDuplicate: DuplicatePolicy = .error
    @Flag(help: "Create accounts that opportunities name but that are not stored.") var createAccounts = false
    @Option(help: "Read a column as a field: --map 'Deal Size=amount'. Repeatable.") var map: [String] = []

    func run(_ kind: RecordKind, options: GlobalOptions) throws {
        let console = options.console()
        let database = try options.openDatabase()
        let crm = try CRMContext(options)
        let rows: CSVImportFile
        do {
            rows = try CSVImportFile(path: file, kind: kind, mappings: map)
        } catch {
            throw CommandFailure(error.description)
        }
        if !rows.plan.unknownColumns.isEmpty {
            console.note("ignored columns: " + rows.plan.unknownColumns.map { "\"\($0)\"" }.joined(separator: ", ") + " (map one with --map 'Column=field')")
        }
        var settings = ImportOptions()
        settings.skipInvalid = skipInvalid
        settings.dryRun = dryRun
        settings.onDuplicate = onDuplicate
        settings.createAccounts = createAccounts
        let report: ImportReport
        switch kind {
        case .accounts: report = try database.importAccounts(rows, columns: rows.plan.columnNames, options: settings)
        case .leads: report = try database.importLeads(rows, columns: rows.plan.columnNames, options: settings)
        case .opportunities:
            report = try database.importOpportunities(rows, columns: rows.plan.columnNames, options: settings,
                                                      owner: crm.owner, context: crm.edit)
        }
        try ImportSummary(console: console, file: file, report: report, dryRun: dryRun).print()
    }
}

/// What an import tells the rep: every bad row with line, column and reason.
struct ImportSummary {
    let console: Console
    let file: String
    let report: ImportReport
    let dryRun: Bool

    func print() throws {
        for warning in report.warnings.prefix(20) {
            console.note("\(file):\(warning.line): \(warning.reason)")
        }
        if report.warnings.count > 20 { console.note("… and \(report.warnings.count - 20) more warnings") }
        for problem in report.problems {
            let column = problem.column.map { " column \"\($0)\":" } ?? ""
            console.error("\(file):\(problem.line):\(column) \(problem.reason)")
        }
        var parts = ["\(report.inserted) added"]
        if report.updated > 0 { parts.append("\(report.updated) updated") }
        if report.skippedDuplicates > 0 { parts.append(counted(report.skippedDuplicates, "duplicate") + " skipped") }
        if !report.createdAccounts.isEmpty { parts.append(counted(report.createdAccounts.count, "account") + " created") }
        if !report.problems.isEmpty { parts.append(counted(report.problems.count, "bad row")) }
        let counts = parts.joined(separator: ", ")
        if dryRun {
            console.say("Dry run of \(file): \(counts); nothing was written.")
        } else if report.committed {
            console.say("Imported \(file): \(counts).")
        } else {
            throw CommandFailure("\(file) has \(counted(report.problems.count, "bad row")) (listed above); nothing was imported. Fix them, or import the good rows with --skip-invalid.")
        }
        if dryRun && !report.problems.isEmpty { throw ExitCode(1) }
    }
}

extension DuplicatePolicy: ExpressibleByArgument {}

/// The lines of a file as bytes (the import checks they are UTF-8), read
/// in chunks so a large export streams.
struct JSONLines: Sequence, IteratorProtocol {
    let handle: FileHandle
    var buffer = Data()
    var finished = false

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Data(buffer[buffer.startIndex..<newline])
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return buffer
            }
            let chunk = (try? handle.read(upToCount: 1 << 16)) ?? nil
            if let chunk, !chunk.isEmpty { buffer.append(chunk) } else { finished = true }
        }
    }
}
