import Foundation
import QualifyExchange
import QualifyKit
import QualifyStore
import Testing

/// A hand-written export in one CRM's style, beside this file.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

/// A fresh database in its own folder, removed afterwards.
final class ScratchDatabase {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-exchange-\(UUID().uuidString)")
    let database: QualifyDatabase
    let context = EditContext(changedBy: "Rep", today: CalendarDay(year: 2026, month: 11, day: 26)!, defaultCurrency: "EUR")

    init(accounts: [String] = []) throws {
        database = try QualifyDatabase.open(path: folder.appendingPathComponent("q.sqlite").path)
        for account in accounts { try database.addAccount(named: account) }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func importOpportunities(_ file: String, _ configure: (inout ImportOptions) -> Void = { _ in },
                             map: [String] = []) throws -> ImportReport {
        let rows = try CSVImportFile(path: file, kind: .opportunities, mappings: map)
        var options = ImportOptions()
        configure(&options)
        return try database.importOpportunities(rows, columns: rows.plan.columnNames, options: options, owner: "Rep", context: context)
    }
}

@Suite struct CRMImportTests {
    @Test func vtigerExportWithBOMCRLFQuotesAndEmbeddedLineBreaks() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp", "Globex"])
        let report = try scratch.importOpportunities(fixture("vtiger-opportunities.csv"))
        #expect(report.problems == [])
        #expect(report.inserted == 2 && report.committed)
        let acme = try scratch.database.opportunityRecord(named: "Acme - Rollout")
        #expect(acme.accountName == "Acme Corp")
        #expect(acme.amount == Amount(hundredths: 12_000_050, currency: "EUR"))
        #expect(acme.opportunity.closeDate == CalendarDay(iso: "2027-03-31"))
        #expect(acme.stage?.name == "Needs Analysis" && acme.opportunity.probability == 25)
        #expect(acme.opportunity.nextMilestone == "Workshop with \"IT\", then pilot")
        #expect(acme.opportunity.description == "Line one\r\nline two, with a comma")
        #expect(acme.opportunity.owner == "Rep One" && acme.opportunity.leadSource == "Trade Show")
        let globex = try scratch.database.opportunityRecord(named: "Globex - Renewal")
        #expect(globex.stage?.closed == .won && globex.opportunity.probability == 100)
        #expect(globex.opportunity.nextMilestone == nil)
    }

    @Test func aBadRowImportsNothingAndEveryProblemOfEveryRowIsReported() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let report = try scratch.importOpportunities(fixture("suitecrm-opportunities.csv"))
        #expect(!report.committed && report.badRows == 2)
        // Line 4 has two problems, a date and a stage: both are reported, so the file is fixed in one pass.
        #expect(report.problems.map(\.brief) == [
            "3 Opportunity Amount: \"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR",
            "4 Expected Close Date: \"01/02/2027\" could be read day-first or month-first",
            "4 Sales Stage: no stage called \"Discovery\" (stage names are exact, case included). See qualify stage list.",
        ])
        #expect(report.problemSummary() == [
            "1 row: ambiguous amount \"1.200,50\" (1): import with --decimal-comma if the file writes 1.200,50",
            "1 row: numeric dates without an order \"01/02/2027\" (1): say the file's order with --date-format DMY (day first) or MDY (month first)",
            "1 row: unknown stage \"Discovery\" (1): add them with --create-stages or map them with --map-stage 'Discovery=Prospecting'",
        ])
        #expect(try scratch.database.opportunityRecords().isEmpty)
    }

    @Test func skipInvalidImportsTheGoodRows() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let report = try scratch.importOpportunities(fixture("suitecrm-opportunities.csv")) { $0.skipInvalid = true }
        #expect(report.committed && report.inserted == 1 && report.badRows == 2)
        let tps = try scratch.database.opportunityRecord(named: "Initech - TPS")
        #expect(tps.amount == Amount(hundredths: 999_900, currency: "USD"))
        #expect(tps.opportunity.description == "She said: \"I can't ship TPS reports\"")
        #expect(report.warnings == [])
    }

    @Test func aProbabilityTheStageContradictsIsKeptWithAWarning() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let path = scratch.path("probability.csv")
        try "Name,Account Name,Sales Stage,Probability\nTPS,Initech,Prospecting,60\n".write(toFile: path, atomically: true, encoding: .utf8)
        let report = try scratch.importOpportunities(path)
        #expect(report.warnings.map(\.line) == [2])
        #expect(report.warnings.map(\.reason) == ["probability 60% differs from stage \"Prospecting\"'s 10%; kept as in the file."])
        #expect(report.warningSummary() == ["1 row: probability differs from the stage's \"60% at Prospecting (10%)\" (1): kept as in the file"])
        #expect(try scratch.database.opportunityRecord(named: "TPS").opportunity.probability == 60)
    }

    @Test func anExportWritesAnAccountIdOnlyForADealFromTheSameCRM() throws {
        let scratch = try ScratchDatabase()
        let accounts = scratch.path("accounts.csv")
        try "Id,Name\r\n001A,Acme\r\n001B,Initech\r\n".write(toFile: accounts, atomically: true, encoding: .utf8)
        let rows = try CSVImportFile(path: accounts, kind: .accounts, mappings: [])
        var salesforce = ImportOptions()
        salesforce.sourceCRM = "salesforce"
        _ = try scratch.database.importAccounts(rows, columns: rows.plan.columnNames, options: salesforce)
        let fromSalesforce = scratch.path("salesforce.csv")
        try "Id,Name,AccountId,StageName\r\n006A,Rollout,001A,Prospecting\r\n".write(toFile: fromSalesforce, atomically: true, encoding: .utf8)
        #expect(try scratch.importOpportunities(fromSalesforce) { $0.sourceCRM = "salesforce" }.committed)
        let fromZoho = scratch.path("zoho.csv")
        try "Record Id,Potential Name,Account Name,Stage\r\nz1,Renewal,Initech,Prospecting\r\n".write(toFile: fromZoho, atomically: true, encoding: .utf8)
        #expect(try scratch.importOpportunities(fromZoho) { $0.sourceCRM = "zoho" }.committed)
        try scratch.database.addOpportunity(named: "Typed here", account: "Acme", values: [:], owner: "Rep", context: scratch.context)

        let table = try RecordTable.load(.opportunities, from: scratch.database)
        let accountId = table.keys.firstIndex(of: "account-id")!
        let byName = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0]!, $0[accountId]) })
        #expect(byName["Rollout"] == "001A")
        #expect(byName["Renewal"] == .some(nil))
        #expect(byName["Typed here"] == "001A")
    }

    @Test func probabilityWarningsAreCountedByDistinctValue() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let path = scratch.path("probabilities.csv")
        let rows = (1...30).map { "Deal \($0),Initech,Prospecting,60" } + (31...35).map { "Deal \($0),Initech,Qualification,5" }
        try (["Name,Account Name,Sales Stage,Probability"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let report = try scratch.importOpportunities(path)
        #expect(report.warnings.count == 35)
        #expect(report.warningSummary() == ["35 rows: probability differs from the stage's \"60% at Prospecting (10%)\" (30), \"5% at Qualification (20%)\" (5): kept as in the file"])
    }

    @Test func dryRunReportsWithoutWriting() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp", "Globex"])
        let report = try scratch.importOpportunities(fixture("vtiger-opportunities.csv")) { $0.dryRun = true }
        #expect(report.inserted == 2 && !report.committed)
        #expect(try scratch.database.opportunityRecords().isEmpty)
    }

    @Test func salesforceRepeatedNamesAreRefusedSkippedOrRenamedAndReimportUpdatesById() throws {
        let scratch = try ScratchDatabase(accounts: ["Umbrella"])
        let refused = try scratch.importOpportunities(fixture("salesforce-opportunities.csv"))
        #expect(refused.problems.map(\.brief) == ["4 Name: \"Umbrella - Labs\" is already on an earlier line of this file."])
        #expect(refused.problemSummary() == ["1 row: repeated name \"Umbrella - Labs\" (1): --on-duplicate rename keeps every deal (adding the account name), --on-duplicate skip keeps the first"])
        let skipped = try scratch.importOpportunities(fixture("salesforce-opportunities.csv")) { $0.onDuplicate = .skip; $0.sourceCRM = "salesforce" }
        #expect(skipped.inserted == 1 && skipped.skippedDuplicates == 1)
        let labs = try scratch.database.opportunityRecord(named: "Umbrella - Labs")
        #expect(labs.opportunity.closeDate == CalendarDay(iso: "2027-02-01") && labs.amount?.display == "50 000 GBP")
        #expect(labs.opportunity.description == "Multi\nline")
        #expect(labs.opportunity.sourceCRM == "salesforce" && labs.opportunity.sourceId == "0065g00000AbCdE")
        // The second deal has another Id: a different deal, kept under a name the manual's way (it names the account already, so the close date).
        let renamed = try scratch.importOpportunities(fixture("salesforce-opportunities.csv")) { $0.onDuplicate = .rename; $0.sourceCRM = "salesforce" }
        #expect(renamed.inserted == 1 && renamed.unchanged == 1)
        #expect(renamed.renames == [ImportRename(line: 4, from: "Umbrella - Labs", to: "Umbrella - Labs - 2027-02-01")])
        let second = try scratch.database.opportunityRecord(named: "Umbrella - Labs - 2027-02-01")
        #expect(second.opportunity.sourceName == "Umbrella - Labs" && second.opportunity.sourceId == "0065g00000AbCdF")
        #expect(second.amount?.display == "60 000 GBP")
        let again = try scratch.importOpportunities(fixture("salesforce-opportunities.csv")) { $0.onDuplicate = .rename; $0.sourceCRM = "salesforce" }
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 2 && again.renames.isEmpty)
        #expect(try scratch.database.history(of: second.opportunity).isEmpty)
    }

    @Test func missingAccountsAreNamedOrCreatedOnRequest() throws {
        let scratch = try ScratchDatabase()
        let refused = try scratch.importOpportunities(fixture("espocrm-opportunities.csv"))
        #expect(refused.problems.map(\.brief) == ["2 accountName: no account called \"Hooli\"; import accounts first or add --create-accounts."])
        let created = try scratch.importOpportunities(fixture("espocrm-opportunities.csv")) { $0.createAccounts = true }
        #expect(created.createdAccounts == ["Hooli"] && created.inserted == 1)
        #expect(try scratch.database.opportunityRecord(named: "Hooli - Search").opportunity.owner == "Rep Three")
    }

    @Test func aFileThatIsNotUTF8ImportsNothing() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let path = scratch.path("latin1.csv")
        try Data("Name,Account Name\nGood,Initech\nCaf\u{E9}".utf8.dropLast(2) + [0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        let report = try scratch.importOpportunities(path)
        #expect(!report.committed)
        #expect(report.problems.last?.reason.hasPrefix("the file stops being readable text here (byte 0xE9 is not UTF-8)") == true)
        #expect(report.problems.last?.endsReading == true)
        // The rows past that byte were never read: skipping the bad rows would drop them unsaid.
        let skipping = try scratch.importOpportunities(path) { $0.skipInvalid = true }
        #expect(!skipping.committed)
        #expect(try scratch.database.opportunityRecords().isEmpty)
    }

    /// A repeat within the file is found as the row is staged (the names staged so far),
    /// or, for a row refused for something else, asked for: every problem is still listed, and a
    /// skipped or renamed repeat creates an account only for a deal that is kept.
    @Test func aNameRepeatedInTheFileIsListedWithTheRowsOtherProblemsAndSkipsOrRenamesWithItsAccount() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp"])
        let path = scratch.path("repeats.csv")
        try "Name,Account Name,Amount\nAcme - Rollout,Acme Corp,10\nacme - rollout,Acme Corp,12x\nAcme - Rollout,Newco,20\nBeta,Newco,30\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try scratch.importOpportunities(path) { $0.createAccounts = true }
        #expect(refused.problems.map(\.line) == [3, 3, 4] && refused.problems.map(\.column) == ["Amount", "Name", "Name"])
        #expect(refused.problems[1].brief == "3 Name: \"acme - rollout\" is already on an earlier line of this file.")
        #expect(refused.problems[2].brief == "4 Name: \"Acme - Rollout\" is already on an earlier line of this file.")

        let skipped = try scratch.importOpportunities(path) { $0.createAccounts = true; $0.onDuplicate = .skip; $0.skipInvalid = true }
        #expect(skipped.inserted == 2 && skipped.skippedDuplicates == 1 && skipped.createdAccounts == ["Newco"])
        #expect(try scratch.database.opportunityRecord(named: "Beta").accountName == "Newco")
        #expect(try scratch.database.opportunityRecords().map(\.opportunity.name).sorted() == ["Acme - Rollout", "Beta"])

        let fresh = try ScratchDatabase(accounts: ["Acme Corp"])
        let renamed = try fresh.importOpportunities(path) { $0.createAccounts = true; $0.onDuplicate = .rename; $0.skipInvalid = true }
        #expect(renamed.renames == [ImportRename(line: 4, from: "Acme - Rollout", to: "Acme - Rollout - Newco")])
        #expect(renamed.inserted == 3 && renamed.createdAccounts == ["Newco"])
        let second = try fresh.database.opportunityRecord(named: "Acme - Rollout - Newco")
        #expect(second.accountName == "Newco" && second.opportunity.sourceName == "Acme - Rollout")
        #expect(try fresh.database.opportunityRecord(named: "Beta").accountName == "Newco")
    }

    /// Rows are staged many to a statement: a repeat of a row already written and one of a row
    /// still waiting in the same statement are both found, on their lines, and the deals are
    /// stored in the file's order.
    @Test func repeatsAreFoundAmongTheRowsStagedTogetherAndDealsKeepTheFilesOrder() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp"])
        let path = scratch.path("many.csv")
        var lines = ["Id,Name,Account Name,Amount"]
        for row in 1...200 {
            // Row n is on line n + 1.
            let name = row == 70 ? "deal 2" : row == 131 ? "DEAL 130" : "Deal \(row)"
            lines.append("\(row == 200 ? "0065" : "006\(row)"),\(name),Acme Corp,\(row)")
        }
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try scratch.importOpportunities(path) { $0.sourceCRM = "salesforce" }
        #expect(refused.problems.map(\.brief) == [
            "71 Name: \"deal 2\" is already on an earlier line of this file.",
            "132 Name: \"DEAL 130\" is already on an earlier line of this file.",
            "201 Id: id \"0065\" is already on line 6 of this file; a CRM gives each record one id.",
        ])
        #expect(try scratch.database.opportunityRecords().isEmpty)

        let renamed = try scratch.importOpportunities(path) { $0.sourceCRM = "salesforce"; $0.onDuplicate = .rename; $0.skipInvalid = true }
        #expect(renamed.renames == [ImportRename(line: 71, from: "deal 2", to: "deal 2 - Acme Corp"),
                                    ImportRename(line: 132, from: "DEAL 130", to: "DEAL 130 - Acme Corp")])
        #expect(renamed.inserted == 199 && renamed.problems.map(\.line) == [201])
        let stored = try scratch.database.opportunityRecords().map(\.opportunity).sorted { $0.id! < $1.id! }
        var expected = (1...199).map { "Deal \($0)" }
        expected[69] = "deal 2 - Acme Corp"
        expected[130] = "DEAL 130 - Acme Corp"
        #expect(stored.map(\.name) == expected)
        #expect(stored.map(\.sourceId) == (1...199).map { "006\($0)" })
    }

    @Test func aRefusedRowCreatesNoAccount() throws {
        let scratch = try ScratchDatabase()
        let path = scratch.path("mixed.csv")
        try "Name,Account Name,Amount\nGood,GoodCo,10\nBad,BadCo,\"1.200,50\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let report = try scratch.importOpportunities(path) { $0.createAccounts = true; $0.skipInvalid = true }
        #expect(report.createdAccounts == ["GoodCo"] && report.problems.map(\.line) == [3])
        #expect(try scratch.database.accounts().map(\.name) == ["GoodCo"])
    }

    @Test func unknownColumnsAreReportedAndMapMapsThem() throws {
        let header = ["Deal", "Customer", "Deal Size", "Campaign"]
        let plan = try ColumnPlan(header: header, kind: .opportunities, mappings: ["Deal=name", "Customer=account", "Deal Size=amount"])
        #expect(plan.unknownColumns == ["Campaign"])
        #expect(plan.columnNames == [.name: "Deal", .account: "Customer", .amount: "Deal Size"])
        #expect(throws: CommandFailure("--map \"Deal=budget\": \"budget\" is not a field of opportunities; use one of name, account, amount, currency, close-date, stage, probability, next-milestone, owner, owner-id, lead-source, description, sponsor, sponsor-title, sponsor-email, power-sponsor, power-sponsor-title, power-sponsor-email, source-id, account-id, source-crm, is-closed, is-won, qualify-name.")) {
            try ColumnPlan(header: header, kind: .opportunities, mappings: ["Deal=budget"])
        }
        #expect(throws: CommandFailure.self) { try ColumnPlan(header: header, kind: .opportunities, mappings: []) }
    }

    @Test func accountsAndLeadsImportWithTheirOwnHeaders() throws {
        let scratch = try ScratchDatabase(accounts: ["Globex"])
        let accounts = try CSVImportFile(path: fixture("accounts.csv"), kind: .accounts, mappings: [])
        #expect(accounts.plan.unknownColumns == ["Industry"])
        var options = ImportOptions()
        options.onDuplicate = .skip
        let report = try scratch.database.importAccounts(accounts, options: options)
        // The stored Globex has no id, nor has the file's: the same account.
        #expect(report.inserted == 2 && report.unchanged == 1 && report.skippedDuplicates == 0)
        #expect(try scratch.database.accounts().map(\.name) == ["Acme Corp", "Globex", "Initech, Inc."])

        let leads = try CSVImportFile(path: fixture("vtiger-leads.csv"), kind: .leads, mappings: [])
        let refused = try scratch.database.importLeads(leads, columns: leads.plan.columnNames, options: ImportOptions())
        #expect(refused.problems.map(\.brief) == ["3 Email: \"not-an-email\" is not an e-mail address; write it like name@example.com."])
        #expect(try scratch.database.leads().isEmpty)
        options.skipInvalid = true
        let imported = try scratch.database.importLeads(try CSVImportFile(path: fixture("vtiger-leads.csv"), kind: .leads, mappings: []), options: options)
        #expect(imported.inserted == 1)
        let peter = try scratch.database.lead("Peter Gibbons")
        #expect(peter.company == "Initech" && peter.phone == "555-0100" && peter.notes == "Wants \"fewer bosses\"")
    }
}

extension ImportProblem {
    /// Line, column and reason: what the rep reads for each problem.
    var brief: String { "\(line) \(column ?? "-"): \(reason)" }
}

@Suite struct ContactReimportHistoryTests {
    @Test func aReimportedTitleIsADatedChangeByWhoeverImported() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp"])
        func importTitle(_ title: String) throws -> ImportReport {
            var options = ImportOptions()
            options.sourceCRM = "salesforce"
            options.importedBy = "Ana Kovač"
            let row = ImportRow(line: 2, values: [.person: "Mojca Žagar", .account: "Acme Corp", .title: title, .sourceId: "003A"])
            return try scratch.database.importContacts([row], options: options)
        }
        _ = try importTitle("Head of Sales")
        #expect(try importTitle("VP Sales").updated == 1)
        #expect(try importTitle("VP Sales").unchanged == 1)
        var lines: [String] = []
        try scratch.database.exportEverything { lines += $0.split(separator: "\n").map(String.init) }
        let changes = lines.filter { $0.contains(#""kind":"fieldChange""#) }
        #expect(changes.count == 1, "\(lines.suffix(3))")
        #expect(changes.first?.contains(#""field":"title","kind":"fieldChange","newValue":"VP Sales","oldValue":"Head of Sales""#) == true, "\(changes)")
        #expect(changes.first?.contains(#""changedBy":"Ana Kovač""#) == true)
    }
}
