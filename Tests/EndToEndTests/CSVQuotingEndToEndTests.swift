import Foundation
import Testing

/// A CSV file whose quotes or cells are wrong loses nothing silently: the row
/// is refused with its line, column and what to do, and the rest is still read.
@Suite struct CSVQuotingEndToEndTests {
    func write(_ q: QualifyBinary, _ text: String) throws -> String {
        let file = q.home.appendingPathComponent("deals-\(UUID().uuidString).csv").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func aQuoteNotDoubledRefusesItsRowAndTheNextRowsAreRead() throws {
        let q = try QualifyBinary()
        let file = try write(q, """
            Opportunity Name,Account Name,Description,Currency,Amount
            "Deal A","Acme","she said "no" twice","USD","100"
            "Deal B","Acme","fine","USD","200"

            """)
        let refused = try q.run(["import", "opportunities", file, "--create-accounts"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("1 row: quote inside a quoted field not doubled: double each quote inside a quoted field (\"\") and import again\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(file):2: column \"Description\": a quote inside a quoted field must be doubled: \"she said \"\"no\"\" twice\"; fix the file and import again.\n"), "\(refused.stderr)")
        let skipped = try q.run(["import", "opportunities", file, "--create-accounts", "--skip-invalid"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(try q.run(["opportunity", "show", "Deal B"]).status == 0)
        let dealA = try q.run(["opportunity", "show", "Deal A"])
        #expect(dealA.status != 0, "\(dealA.stdout)")
    }

    @Test func aQuoteNeverClosedIsOneBadRowToTheEndOfTheFile() throws {
        let q = try QualifyBinary()
        let file = try write(q, """
            Opportunity Name,Account Name,Description,Currency,Amount
            Deal A,Acme,fine,USD,100
            "Deal B","Acme","unterminated,USD,100
            Deal C,Acme,fine,USD,5

            """)
        let refused = try q.run(["import", "opportunities", file, "--create-accounts"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(file):3: column \"Description\": quote opened on line 3 never closed: the rest of the file (lines 3–4) is this one row; close the quote and import again.\n"), "\(refused.stderr)")
        let skipped = try q.run(["import", "opportunities", file, "--create-accounts", "--skip-invalid"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let list = try q.run(["export", "opportunities"]).stdout
        #expect(list.contains("Deal A,") && !list.contains("Deal B") && !list.contains("unterminated"), "\(list)")
    }

    /// An extra cell is refused unless it is empty (Excel's trailing commas); a
    /// short row has its missing cells empty; a bare quote in an unquoted cell is text.
    @Test func rowWidthAgainstTheHeader() throws {
        let q = try QualifyBinary()
        let file = try write(q, """
            Opportunity Name,Account Name,Amount
            Deal C,Acme,100,extra
            Deal D,Acme,200,,
            Deal E,Acme
            Monitor 5" screen,Acme,50

            """)
        let refused = try q.run(["import", "opportunities", file, "--create-accounts"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(file):2: 4 cells, the header has 3: cell 4 (\"extra\") is under no column; quote the cell whose comma split it (or name the column in the header) and import again.\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("1 bad row"), "\(refused.stderr)")
        let skipped = try q.run(["import", "opportunities", file, "--create-accounts", "--skip-invalid", "--currency", "USD"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.hasPrefix("Imported \(file): 3 added"), "\(skipped.stdout)")
        let exported = try q.run(["export", "opportunities"]).stdout
        #expect(exported.contains("Deal D,Acme,200,USD,"), "\(exported)")
        #expect(exported.contains("Deal E,Acme,,USD,"), "\(exported)")
        #expect(exported.contains("\"Monitor 5\"\" screen\",Acme,50,USD,"), "\(exported)")
        #expect(!exported.contains("Deal C"))
    }

    /// Rows of only commas, as Excel leaves below a sheet's data (wider than the header too): no records.
    @Test func rowsOfOnlyCommasAreNoRecords() throws {
        let q = try QualifyBinary()
        let file = try write(q, "Opportunity Name,Account Name,Amount\r\nDeal A,Acme,100\r\n,,\r\n,,,,\r\n\"\",,\r\n")
        let imported = try q.run(["import", "opportunities", file, "--create-accounts", "--currency", "USD"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported \(file): 1 added, 0 changed, 0 unchanged"), "\(imported.stdout)")
    }
}
