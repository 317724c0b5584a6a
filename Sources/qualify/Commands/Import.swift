import ArgumentParser
import Foundation
import QualifyKit
import QualifyExchange
import QualifyStore

extension Qualify {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import accounts, contacts, opportunities or leads from CRM CSV exports, or everything from a qualify JSONL file.",
            discussion: """
                CSV headers as Salesforce, Zoho, vtiger, SuiteCRM/SugarCRM and EspoCRM write them are recognised. \
                Commas, semicolons or tabs between fields are told by the header line (or --separator). \
                Records keep their CRM's id: import accounts first, opportunities find theirs by AccountId, and \
                importing a file again updates by id ("0 added, 0 changed, N unchanged" when nothing changed). \
                The import is one transaction: any bad row imports nothing unless --skip-invalid; every problem \
                is listed after a summary by kind that says what fixes them all. \
                `import all FILE.jsonl` reads `export all`, once per rep's file: a record is the stored one of its uuid \
                (a newer file updates it) or CRM id; another rep's deal of a stored name comes in renamed (the account \
                name added); every rename and every value that lost is named. A file without the end line export all \
                writes last is refused as cut short (--no-end-line takes one from an older qualify).
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "accounts, contacts, opportunities, leads or all.") var kind: ExchangeKind
        @OptionGroup var csv: CSVImportOptions
        @Flag(help: "import all: take a file without the end line export all writes last (one from an older qualify); a file cut short then imports partially.")
        var noEndLine = false

        func validate() throws {
            if noEndLine && kind != .all { throw ValidationError("--no-end-line is for import all; a CSV file has no end line.") }
        }

        func run() throws {
            guard let recordKind = kind.recordKind else { return try importEverything() }
            try csv.run(recordKind, options: options)
        }

        private func importEverything() throws {
            guard let handle = FileHandle(regularFileAtPath: csv.file) else {
                throw CommandFailure("cannot read \(csv.file); give the path of a file written by qualify export all --format jsonl.")
            }
            try options.withImportDatabase(dryRun: csv.dryRun) { database in try importEverything(from: handle, into: database) }
        }

        private func importEverything(from handle: FileHandle, into database: QualifyDatabase) throws {
            let dryRun = csv.dryRun
            if !dryRun { try database.backUpBeforeImport() }
            let report = try database.importEverything(from: handle, dryRun: dryRun, requiringEndLine: !noEndLine)
            let added = report.added.sorted { $0.key < $1.key }.map { counted($0.value, RecordDifference.spoken($0.key)) }.joined(separator: ", ")
            let console = options.console()
            if report.hadNoEndLine {
                console.note("\(csv.file) has no end line: taken as a file from an older qualify; if it was cut short, what came after the cut is missing.")
            }
            for answer in report.answersChangedTwice + report.removedDeals { console.note("\(csv.file): \(answer)") }
            // Each record renamed, updated or kept is named with the values that lost, so none is dropped unseen.
            for difference in report.differences.prefix(ImportSummary.rowsListed) {
                console.note("\(csv.file):\(difference.line): \(difference.description)")
            }
            if report.differences.count > ImportSummary.rowsListed {
                console.note("… and \(report.differences.count - ImportSummary.rowsListed) more records renamed or holding other values")
            }
            let counts = "added \(added.isEmpty ? "nothing" : added); \(report.updated) updated; \(report.unchanged) already here; "
                + "\(report.merged) merged by name or CRM id" + (report.renamed > 0 ? "; \(report.renamed) renamed" : "")
                + (report.removedHere > 0 ? "; \(report.removedHere) of records removed here left out" : "")
            console.say(dryRun ? "Dry run of \(csv.file): \(counts); nothing was written." : "Imported \(csv.file): \(counts).")
        }
    }
}

/// What `import` and `export` move.
enum ExchangeKind: String, ExpressibleByArgument, CaseIterable {
    case accounts, contacts, opportunities, leads, all

    var recordKind: RecordKind? { RecordKind(rawValue: rawValue) }
}

/// The options every CSV import takes.
struct CSVImportOptions: ParsableArguments {
    @Argument(help: "The file: a CRM's CSV export, or for import all the JSON lines export all writes.") var file: String
    @Flag(help: "Import the good rows and report the bad ones (default: any bad row imports nothing).") var skipInvalid = false
    @Flag(help: "Check and report; write nothing.") var dryRun = false
    @Option(help: "What a row whose name another record has does: skip, update, rename (adds the account name) or error.")
    var onDuplicate: DuplicatePolicy = .error
    @Flag(help: "Create accounts that opportunities name but that are not stored.") var createAccounts = false
    @Option(help: "Read a column as a field: --map 'Deal Size=amount'. Repeatable.") var map: [String] = []
    @Option(help: ArgumentHelp("The CRM the file came from, whose ids it holds (default: told by the header, else csv).", valueName: "name"))
    var crm: String?
    @Option(help: ArgumentHelp("Read a stage of the file as a stored one: --map-stage 'Prospect=Prospecting'. Repeatable.", valueName: "From=To"))
    var mapStage: [String] = []
    @Option(help: ArgumentHelp("Read an owner the file gives as a CRM user id (OwnerId) as this name: --map-owner '005f4000000AbcD=Ann Rep'. Repeatable.", valueName: "Id=Name"))
    var mapOwner: [String] = []
    @Flag(help: "Add the file's unknown stages: open ones before the closed stages, closed ones as IsClosed/IsWon say.")
    var createStages = false
    @Option(help: ArgumentHelp("The currency of bare amounts and of $, €, £, ¥ (default: currency in config.yaml).", valueName: "code"))
    var currency: String?
    @Flag(help: "The file writes 1.200,50: a decimal comma (1,500 is one and a half), dots or spaces between thousands.") var decimalComma = false
    @Flag(help: "The file writes 1,200.50: a decimal point, commas between thousands (taken for granted, except in a semicolon- or tab-separated file, where 1,500 needs it or --decimal-comma).")
    var decimalPoint = false
    @Option(help: ArgumentHelp("The order of numeric dates such as 04/05/2026: DMY, MDY or YMD.", valueName: "order"))
    var dateFormat: DateOrder?
    @Option(help: ArgumentHelp("What separates the fields: comma, semicolon or tab (default: told by the header line).", valueName: "separator"))
    var separator: FieldSeparator?

    func validate() throws {
        for mapping in mapStage where !mapping.contains("=") || mapping.hasPrefix("=") || mapping.hasSuffix("=") {
            throw ValidationError("--map-stage \"\(mapping)\" is not From=To; e.g. --map-stage 'Prospect=Prospecting'.")
        }
        for mapping in mapOwner where !mapping.contains("=") || mapping.hasPrefix("=") || mapping.hasSuffix("=") {
            throw ValidationError("--map-owner \"\(mapping)\" is not Id=Name; e.g. --map-owner '005f4000000AbcD=Ann Rep'.")
        }
        if let currency, (try? AmountParser.validCurrency(currency)) == nil {
            throw ValidationError("--currency \(currency) is not an ISO 4217 code; give three letters such as USD or EUR.")
        }
        if decimalComma && decimalPoint {
            throw ValidationError("--decimal-comma and --decimal-point contradict each other; give the one the file writes.")
        }
        if let crm, crm.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--crm needs a name, e.g. --crm salesforce.")
        }
    }

    func run(_ kind: RecordKind, options: GlobalOptions) throws {
        try options.withImportDatabase(dryRun: dryRun) { database in try run(kind, into: database, options: options) }
    }

    private func run(_ kind: RecordKind, into database: QualifyDatabase, options: GlobalOptions) throws {
        let console = options.console()
        var crm = try CRMContext(options)
        let rows = try open(kind)
        if !dryRun { try database.backUpBeforeImport() }
        if !rows.plan.unknownColumns.isEmpty {
            console.note("ignored columns: " + rows.plan.unknownColumns.map { "\"\($0)\"" }.joined(separator: ", ") + " (map one with --map 'Column=field')")
        }
        var settings = ImportOptions()
        settings.skipInvalid = skipInvalid
        settings.dryRun = dryRun
        settings.onDuplicate = onDuplicate
        settings.createAccounts = createAccounts
        settings.importedBy = crm.edit.changedBy
        settings.sourceCRM = self.crm?.lowercased() ?? rows.plan.crm ?? Account.unnamedCRM
        settings.stageMap = Self.pairs(mapStage)
        settings.ownerMap = Self.pairs(mapOwner)
        if let currency {
            crm.edit.amountReading.currency = try AmountParser.validCurrency(currency)
            crm.edit.amountReading.currencySource = "--currency"
        }
        crm.edit.amountReading.decimalComma = decimalComma
        crm.edit.amountReading.commaMayBeDecimalIn = rows.separator.commaMayBeDecimal && !decimalComma && !decimalPoint
            ? rows.separator.rawValue : nil
        crm.edit.dateOrder = dateFormat
        if createStages && kind == .opportunities {
            // A first pass, so each new stage gets the probability most of its rows carry.
            var census = StageCensus(stageMap: settings.stageMap)
            for row in try open(kind) { census.count(row) }
            settings.stageCensus = census
        }
        let report: ImportReport
        switch kind {
        case .accounts: report = try database.importAccounts(rows, columns: rows.plan.columnNames, options: settings)
        case .leads: report = try database.importLeads(rows, columns: rows.plan.columnNames, options: settings)
        case .contacts: report = try database.importContacts(rows, columns: rows.plan.columnNames, options: settings)
        case .opportunities:
            report = try database.importOpportunities(rows, columns: rows.plan.columnNames, options: settings,
                                                      owner: crm.owner, context: crm.edit)
        }
        // A separator found, not given, and a file saved as UTF-16 are said once: the rep sees how the file was read.
        let how = [rows.encoding, separator == nil && rows.separator != .comma ? rows.separator.described : nil].compactMap { $0 }
        let reading = how.isEmpty ? nil : "read as " + how.joined(separator: ", ")
        try ImportSummary(console: console, file: file, report: report, dryRun: dryRun, reading: reading).print()
    }

    /// `From=To` options, the last of a `From` winning.
    private static func pairs(_ mappings: [String]) -> [String: String] {
        Dictionary(mappings.map { mapping in
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }, uniquingKeysWith: { _, last in last })
    }

    private func open(_ kind: RecordKind) throws -> CSVImportFile {
        try CSVImportFile(path: file, kind: kind, mappings: map, separator: separator)
    }
}

/// What an import tells the rep: a summary of the problems by kind and
/// value first, then every bad row with line, column and reason.
struct ImportSummary {
    let console: Console
    let file: String
    let report: ImportReport
    let dryRun: Bool
    /// How the file was read, when it was not plain comma-separated CSV.
    var reading: String? = nil
    /// Rows listed after the summary before "… and N more".
    static let rowsListed = 50
    /// Rows named after the warnings' summary.
    static let warningsListed = 5

    func print() throws {
        // Unreadable past a line: one line that says so and how to save the file, whatever else its rows hold.
        if let unread = report.problems.first(where: \.endsReading) {
            throw CommandFailure("\(file):\(unread.line): nothing was imported: \(unread.reason)")
        }
        if let reading { console.note("\(file): \(reading)") }
        // What was stored, renamed or assumed is said only when it was (or, in a dry run,
        // would be): after a refused file those notes would claim work that was rolled back.
        if report.committed || dryRun { printNotes() }
        if !report.problems.isEmpty {
            for line in report.problemSummary() { console.error(line) }
            for problem in report.problems.prefix(Self.rowsListed) {
                let column = problem.column.map { " column \"\($0)\":" } ?? ""
                console.error("\(file):\(problem.line):\(column) \(problem.reason)")
            }
            if report.problems.count > Self.rowsListed {
                console.error("… and \(report.problems.count - Self.rowsListed) more problems of the kinds above")
            }
        }
        var parts = ["\(report.inserted) added", "\(report.updated) changed", "\(report.unchanged) unchanged"]
        if report.skippedDuplicates > 0 { parts.append(counted(report.skippedDuplicates, "duplicate") + " skipped") }
        if !report.renames.isEmpty { parts.append("\(report.renames.count) renamed") }
        if !report.createdAccounts.isEmpty { parts.append(counted(report.createdAccounts.count, "account") + " created") }
        if !report.createdStages.isEmpty { parts.append(counted(report.createdStages.count, "stage") + " added") }
        if !report.problems.isEmpty { parts.append(counted(report.badRows, "bad row")) }
        let counts = parts.joined(separator: ", ")
        if dryRun {
            console.say("Dry run of \(file): \(counts); nothing was written.")
        } else if report.committed {
            console.say("Imported \(file): \(counts).")
        } else if report.onlyRepeatedNames {
            throw CommandFailure("\(file) has \(counted(report.badRows, "row")) whose name another record has; nothing was imported. \(report.repeatedNameFix).")
        } else {
            throw CommandFailure("\(file) has \(counted(report.badRows, "bad row")) (summed up above); nothing was imported. Fix them, or import the good rows with --skip-invalid.")
        }
        if dryRun && !report.problems.isEmpty { throw ExitCode(1) }
    }

    private func printNotes() {
        for line in report.createdStages { console.note("added stage \(line)") }
        for rename in report.renames {
            console.note("\(file):\(rename.line): \"\(rename.from)\" is taken; stored as \"\(rename.to)\"")
        }
        for note in report.notes { console.note(note) }
        // A file of thousands of such rows says so in one line a kind; a few rows are named.
        for line in report.warningSummary() { console.note(line) }
        for warning in report.warnings.prefix(Self.warningsListed) {
            console.note("\(file):\(warning.line): \(warning.reason)")
        }
        if report.warnings.count > Self.warningsListed {
            console.note("… and \(report.warnings.count - Self.warningsListed) more warnings of the kinds above")
        }
    }
}

extension DuplicatePolicy: ExpressibleByArgument {}

extension DateOrder: ExpressibleByArgument {}

extension FieldSeparator: ExpressibleByArgument {}

extension QualifyDatabase {
    /// A copy before an import writes, on this database's own shelf; none of a
    /// database this import started, which holds nothing to lose.
    func backUpBeforeImport() throws {
        guard !startedHere else { return }
        try backup(onto: Environment.backupShelf(for: path), reason: "before-import")
    }
}
