import Foundation
import QualifyExchange
import QualifyKit
import QualifyStore
import Testing

/// Each CRM's own way of writing stages, amounts, dates and lead status.
@Suite struct CRMExportStyleTests {
    func census(_ file: String, stageMap: [String: String] = [:]) throws -> StageCensus {
        var census = StageCensus(stageMap: stageMap)
        for row in try CSVImportFile(path: file, kind: .opportunities, mappings: []) { census.count(row) }
        return census
    }

    @Test func createStagesPlacesOpenOnesBeforeTheClosedAndTrustsIsClosedIsWon() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let file = fixture("salesforce-workbench-opportunities.csv")
        let plain = try scratch.importOpportunities(file)
        #expect(plain.problemSummary().first == "6 rows: unknown stage \"Discovery\" (3), \"Closed/Won\" (1), \"Lost to competitor\" (1), \"Closed\" (1): add them with --create-stages or map them with --map-stage 'Discovery=Prospecting'")
        let census = try census(file)
        let report = try scratch.importOpportunities(file) { $0.stageCensus = census; $0.skipInvalid = true }
        #expect(report.createdStages == ["\"Discovery\" (open, 20%)", "\"Closed/Won\" (closed won, 100%)", "\"Lost to competitor\" (closed lost, 0%)"])
        #expect(try scratch.database.stages().map(\.name) == [
            "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis",
            "Proposal/Price Quote", "Negotiation/Review", "Discovery", "Closed Won", "Closed Lost", "Closed/Won", "Lost to competitor",
        ])
        // IsWon false at a won stage, and a closed stage that says neither won nor lost: refused, each with its way out.
        #expect(report.problems.map(\.brief) == [
            "7 IsWon: IsWon is false but stage \"Closed Won\" is closed won; fix the row, or map its stage with --map-stage.",
            "8 StageName: no stage called \"Closed\" (stage names are exact, case included). Did you mean \"Closed Lost\", \"Closed Won\", \"Closed/Won\"? See qualify stage list.",
        ])
        #expect(report.problemSummary().last == "1 row: closed stage, won or lost unknown \"Closed\" (1): add it yourself: qualify stage add 'Closed' --closed lost --probability 0 (or --closed won --probability 100)")
        #expect(report.inserted == 5)
        #expect(try scratch.database.opportunityRecord(named: "Initech - Audit").opportunity.probability == 30)
        #expect(try scratch.database.opportunityRecord(named: "Initech - Support").stage?.closed == .won)
    }

    @Test func mapStageReadsAFileStageAsAStoredOne() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let report = try scratch.importOpportunities(fixture("suitecrm-opportunities.csv")) {
            $0.stageMap = ["Discovery": "Qualification"]
            $0.skipInvalid = true
        }
        #expect(report.problems.map(\.brief) == [
            "3 Opportunity Amount: \"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR",
            "4 Expected Close Date: \"01/02/2027\" could be read day-first or month-first",
        ])
    }

    @Test func decimalCommaAndDateFormatReadWhatTheFileMeant() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        var context = scratch.context
        context.amountReading.decimalComma = true
        context.dateOrder = .DMY
        let rows = try CSVImportFile(path: fixture("suitecrm-opportunities.csv"), kind: .opportunities, mappings: [])
        var options = ImportOptions()
        options.stageMap = ["Discovery": "Qualification"]
        // 9,999.00 is a decimal point now, so that row is the one refused.
        options.skipInvalid = true
        let report = try scratch.database.importOpportunities(rows, columns: rows.plan.columnNames, options: options, owner: "Rep", context: context)
        #expect(report.problems.map(\.brief) == ["2 Opportunity Amount: \"9,999.00\" is ambiguous (is the dot a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR"])
        #expect(try scratch.database.opportunityRecord(named: "Initech - Bad amount").amount == Amount(hundredths: 120_050, currency: "EUR"))
        #expect(try scratch.database.opportunityRecord(named: "Initech - Bad date").opportunity.closeDate == CalendarDay(iso: "2027-02-01"))
    }

    @Test func zohoSignsNeedTheCurrencyAndDisplayDatesAreRead() throws {
        let scratch = try ScratchDatabase(accounts: ["Nissan Motors", "Globex"])
        let file = fixture("zoho-potentials.csv")
        let refused = try scratch.importOpportunities(file)
        #expect(refused.problemSummary() == ["2 rows: currency sign contradicts EUR \"$\" (2): import with --currency USD (or the code the $ stands for: CAD, AUD, NZD…); EUR came from config.yaml"])
        var context = scratch.context
        context.amountReading = AmountReading(currency: "USD", currencySource: "--currency")
        let rows = try CSVImportFile(path: file, kind: .opportunities, mappings: [])
        #expect(rows.plan.crm == "zoho")
        var options = ImportOptions()
        options.sourceCRM = "zoho"
        let report = try scratch.database.importOpportunities(rows, columns: rows.plan.columnNames, options: options, owner: "Rep", context: context)
        #expect(report.problems.isEmpty && report.inserted == 3)
        #expect(report.notes == [
            "1 amount had no currency: stored as USD from --currency.",
            "1 close date was a date-time: the date was kept, the time dropped.",
            "1 open deal has its close date in the past: see qualify home.",
        ])
        let fleet = try scratch.database.opportunityRecord(named: "Nissan - Fleet")
        #expect(fleet.amount == Amount(hundredths: 2_270_000, currency: "USD") && fleet.opportunity.closeDate == CalendarDay(iso: "2021-04-16"))
        #expect(fleet.opportunity.sourceCRM == "zoho" && fleet.opportunity.sourceId == "zcrm_4000000012001")
        let parts = try scratch.database.opportunityRecord(named: "Nissan - Parts")
        #expect(parts.opportunity.closeDate == CalendarDay(iso: "2027-04-16") && parts.opportunity.description == "Emoji 😬 and עברית, <b>as typed</b>")
        let audit = try scratch.database.opportunityRecord(named: "Globex - Audit")
        #expect(audit.amount == Amount(hundredths: 120_000, currency: "USD") && audit.opportunity.closeDate == CalendarDay(iso: "2027-04-16"))
    }

    @Test func leadsKeepStatusAndSourceAndConvertedStayConverted() throws {
        let scratch = try ScratchDatabase()
        let file = fixture("salesforce-leads.csv")
        var options = ImportOptions()
        options.sourceCRM = "salesforce"
        let rows = try CSVImportFile(path: file, kind: .leads, mappings: [])
        #expect(rows.plan.unknownColumns.isEmpty)
        let report = try scratch.database.importLeads(rows, columns: rows.plan.columnNames, options: options)
        #expect(report.inserted == 3 && report.problems.isEmpty)
        let samir = try scratch.database.lead("Samir Nagheenanajar")
        #expect(samir.status == "Closed - Converted" && samir.source == "Phone Inquiry" && samir.convertedAt != nil)
        #expect(samir.sourceId == "00Q2")
        let peter = try scratch.database.lead("Peter Gibbons")
        #expect(peter.status == "Working - Contacted" && peter.convertedAt == nil)
        #expect(throws: StoreError.self) {
            try scratch.database.convertLead("Samir Nagheenanajar", opportunityName: nil, owner: "Rep", context: scratch.context)
        }
        let again = try scratch.database.importLeads(try CSVImportFile(path: file, kind: .leads, mappings: []), options: options)
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 3)
    }

    @Test func vtigerRecordNumbersAreSourceIdsAndARepeatedNameTakesTheAccountName() throws {
        let scratch = try ScratchDatabase(accounts: ["Acme Corp"])
        let file = fixture("vtiger-potentials-numbered.csv")
        let rows = try CSVImportFile(path: file, kind: .opportunities, mappings: [])
        #expect(rows.plan.crm == "vtiger")
        let report = try scratch.importOpportunities(file) { $0.onDuplicate = .rename; $0.sourceCRM = "vtiger" }
        #expect(report.inserted == 2 && report.renames == [ImportRename(line: 3, from: "Acme - Rollout", to: "Acme - Rollout - Acme Corp")])
        let first = try scratch.database.opportunityRecord(named: "Acme - Rollout")
        #expect(first.opportunity.sourceId == "POT1" && first.amount == Amount(hundredths: 12_000_050, currency: "EUR"))
        let changed = scratch.path("changed.csv")
        try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: ",5000,", with: ",6000,")
            .write(toFile: changed, atomically: true, encoding: .utf8)
        let again = try scratch.importOpportunities(changed) { $0.onDuplicate = .rename; $0.sourceCRM = "vtiger" }
        #expect(again.inserted == 0 && again.updated == 1 && again.unchanged == 1 && again.renames.isEmpty)
        #expect(try scratch.database.opportunityRecord(named: "Acme - Rollout - Acme Corp").amount?.display == "6 000 EUR")
    }

    @Test func theSummaryFixNamesTheMostCommonValue() throws {
        let scratch = try ScratchDatabase(accounts: ["Initech"])
        let path = scratch.path("stages.csv")
        try "Name,Account Name,Stage\nA,Initech,Initial Offer\nB,Initech,Prospect\nC,Initech,Prospect\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = try scratch.importOpportunities(path)
        #expect(report.problemSummary() == ["3 rows: unknown stage \"Prospect\" (2), \"Initial Offer\" (1): add them with --create-stages or map them with --map-stage 'Prospect=Prospecting'"])
    }
}
