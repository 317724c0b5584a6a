import Foundation
import Testing

/// Where the comma is the decimal mark (Germany, France, Slovenia…), `1,500` is one and a half
/// and `1.500` fifteen hundred: `--decimal-comma` reads them so, and a refusal without it names
/// the flag that reads the value, never the one that would misread it.
@Suite struct DecimalCommaAmountsTests {
    @Test func aDecimalCommaFileReadsAsItsCountryWritesIt() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Müller & Söhne GmbH"]).status == 0)
        // German Excel's "CSV (Trennzeichen-getrennt)": semicolons, a BOM, CRLF.
        let amounts = ["1.500", "1.234.567,89", "1 500,50", "1,5", "1,500", "0,75 €"]
        let file = try write("\u{FEFF}Opportunity Name;Account Name;Sales Stage;Amount\r\n"
            + amounts.enumerated().map { "Deal \($0.offset + 1);Müller & Söhne GmbH;Prospecting;\($0.element)\r\n" }.joined(),
            to: "Verkaufschancen.csv", in: q)

        let refused = try q.run(["import", "opportunities", file, "--currency", "EUR"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 5 rows: ambiguous amount \"1.500\" (1), \"1.234.567,89\" (1), \"1 500,50\" (1), \"1,5\" (1), \"0,75 €\" (1): import with --decimal-comma if the file writes 1.200,50\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("qualify: 1 row: comma amount in a semicolon-separated file \"1,500\" (1): import with --decimal-point if it means fifteen hundred, with --decimal-comma if it means one and a half\n"), "\(refused.stderr)")

        let imported = try q.run(["import", "opportunities", file, "--currency", "EUR", "--decimal-comma"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try q.run(["export", "opportunities"]).stdout
        let read = ["1500", "1234567.89", "1500.50", "1.50", "1.50", "0.75"]
        for (number, amount) in read.enumerated() {
            #expect(exported.contains("\r\nDeal \(number + 1),Müller & Söhne GmbH,\(amount),EUR,"), "Deal \(number + 1): \(exported)")
        }
        #expect(try q.run(["opportunity", "show", "Deal 5"]).stdout.contains("Amount         1.50 EUR\n"))

        // Finer than a cent is no amount qualify keeps; the flag the file may need instead is named as an alternative.
        let fine = try write("Opportunity Name;Account Name;Amount\r\nDeal 7;Müller & Söhne GmbH;1,505\r\n", to: "Fein.csv", in: q)
        let finer = try q.run(["import", "opportunities", fine, "--currency", "EUR", "--decimal-comma"])
        #expect(finer.status == 1)
        #expect(finer.stderr.contains("qualify: 1 row: amount finer than a cent read with --decimal-comma \"1,505\" (1): round them to the cent in the file, or, if its commas group thousands (1,505 is fifteen hundred and five), import without --decimal-comma (with --decimal-point in a semicolon- or tab-separated file)\n"), "\(finer.stderr)")
    }
}
