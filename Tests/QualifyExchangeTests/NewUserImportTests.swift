import Foundation
import QualifyExchange
import QualifyKit
import QualifyStore
import Testing

/// Files a sales-operations person really has, as found trying qualify as a new user.
@Suite struct NewUserImportTests {
    /// Data Loader's Account export has neither AccountId nor StageName: its Salesforce
    /// columns (BillingCity…) still say whose ids these are, so a later `--crm salesforce`
    /// import of the same file updates them instead of adding a second set.
    @Test func aSalesforceAccountExportKeepsSalesforceAsItsSource() throws {
        let scratch = try ScratchDatabase()
        try FileManager.default.createDirectory(at: scratch.folder, withIntermediateDirectories: true)
        let file = scratch.path("Account.csv")
        try Data(("\u{FEFF}\"Id\",\"Name\",\"Type\",\"Industry\",\"BillingCity\"\r\n"
                  + "\"001f4000003NkdYAAS\",\"Nissan Motors\",\"Customer\",\"Automotive\",\"Tokyo\"\r\n").utf8)
            .write(to: URL(fileURLWithPath: file))
        // As `qualify import accounts` does: the CRM the header names, else "csv".
        let exported = try CSVImportFile(path: file, kind: .accounts, mappings: [])
        #expect(exported.plan.crm == "salesforce")
        var options = ImportOptions()
        options.sourceCRM = exported.plan.crm ?? "csv"
        #expect(try scratch.database.importAccounts(exported, options: options).inserted == 1)
        #expect(try scratch.database.accounts().map(\.sourceCRM) == ["salesforce"])

        options.sourceCRM = "salesforce"
        let again = try scratch.database.importAccounts(try CSVImportFile(path: file, kind: .accounts, mappings: []), options: options)
        #expect(again.inserted == 0 && again.unchanged == 1)
        #expect(try scratch.database.accounts().map(\.name) == ["Nissan Motors"])
    }

    @Test func aHeaderWithoutANameSaysWhichColumnsItHas() throws {
        #expect(throws: CommandFailure("no column gives the name (found \"Deal\", \"Account Name\"); name it with --map 'Column=name'.")) {
            try ColumnPlan(header: ["Deal", "Account Name"], kind: .opportunities, mappings: [])
        }
    }

    /// `import accounts rep.jsonl` printed the whole file (its first line, read as a
    /// CSV header) as one error line: a megabyte for a real rep's export.
    @Test func aJSONLinesFileOrAHugeHeaderGivesAShortMessage() throws {
        let jsonl = ["{\"closed\":null", "\"kind\":\"stage\"", "\"name\":\"Prospecting\"}"]
        #expect(throws: CommandFailure("this is a JSON lines file, not CSV; a file qualify export all wrote goes in with qualify import all FILE.")) {
            try ColumnPlan(header: jsonl, kind: .accounts, mappings: [])
        }
        let wide = (1...40).map { "Column \($0) " + String(repeating: "x", count: 100) }
        do {
            _ = try ColumnPlan(header: wide, kind: .opportunities, mappings: [])
            Issue.record("a header without a name column was accepted")
        } catch {
            #expect(error.description.count < 1_200)
            #expect(error.description.contains("and 28 more); name it with --map 'Column=name'."))
        }
    }
}
