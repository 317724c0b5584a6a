import Foundation
import Testing

/// What a sales-ops person moving a real pipeline meets: a file's value that
/// could mean two things is refused with the way to say which, once in the
/// summary, never taken the first way silently.
@Suite struct ImportRefusalTests {
    let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")

    private func write(_ text: String, to name: String, in q: QualifyBinary) throws -> String {
        let path = q.home.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anAccountNameTwoStoredAccountsHadInTheirCRMIsRefusedNamingBoth() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        // Zoho and hand-made files name the account; the Salesforce org had two called Acme Corp.
        let deals = try write("""
            Potential Name,Account Name,Stage,Amount,Closing Date
            Acme - Fleet,Acme Corp,Prospecting,1000,2027-03-01
            Acme - Parts,Acme Corp (2),Prospecting,2000,2027-03-01
            Nissan - Audit,Nissan Motors,Prospecting,3000,2027-03-01

            """, to: "Potentials.csv", in: q)
        let refused = try q.run(["import", "opportunities", deals, "--currency", "USD"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 1 row: account name of several accounts \"Acme Corp\" (1): give each row its account's id in an AccountId column (as the accounts file has it), or the account's name as qualify account list shows it\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(deals):2: column \"Account Name\": account \"Acme Corp\" matches 2 accounts: \"Acme Corp\" (salesforce id 001f4000003NkdZAAS), \"Acme Corp (2)\" (salesforce id 001f4000003Nke0AAC, \"Acme Corp\" in its CRM); give the account's id in an AccountId column (as the accounts file has it), or write its stored name.\n"), "\(refused.stderr)")
        #expect(try q.run(["export", "opportunities"]).stdout.split(separator: "\r\n").count == 1)

        let contacts = try write("Name,Account Name,Email\nJo Doe,acme corp,jo@acme.example\n", to: "Contacts.csv", in: q)
        let refusedContact = try q.run(["import", "contacts", contacts])
        #expect(refusedContact.status == 1)
        #expect(refusedContact.stderr.contains("\(contacts):2: column \"Account Name\": account \"acme corp\" matches 2 accounts:"), "\(refusedContact.stderr)")

        // The account's id says which; so does its stored name.
        let byId = try write("""
            Potential Name,Account Name,ACCOUNTID,Stage,Amount,Closing Date
            Acme - Fleet,Acme Corp,001f4000003Nke0AAC,Prospecting,1000,2027-03-01

            """, to: "ById.csv", in: q)
        let imported = try q.run(["import", "opportunities", byId, "--currency", "USD"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try q.run(["opportunity", "show", "Acme - Fleet"]).stdout.contains("Account        Acme Corp (2)\n"))
        let rest = try write("""
            Potential Name,Account Name,Stage,Amount,Closing Date
            Acme - Parts,Acme Corp (2),Prospecting,2000,2027-03-01

            """, to: "Rest.csv", in: q)
        #expect(try q.run(["import", "opportunities", rest, "--currency", "USD"]).status == 0)
    }

    @Test func aCommaAmountInASemicolonFileNeedsTheFileToSayWhichMarkItsCommaIs() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Müller & Söhne GmbH"]).status == 0)
        // Excel's "CSV" where the comma is the decimal mark: semicolons, a BOM, CRLF.
        let file = try write("\u{FEFF}Opportunity Name;Account Name;Sales Stage;Amount;Expected Close Date\r\n"
            + "Müller - Flotte;Müller & Söhne GmbH;Prospecting;1,500;31.12.2027\r\n"
            + "Müller - Wartung;Müller & Söhne GmbH;Prospecting;1.500;31.12.2027\r\n", to: "Excel.csv", in: q)
        let refused = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 1 row: comma amount in a semicolon-separated file \"1,500\" (1): import with --decimal-comma if 1,500 means one and a half (as Excel writes where semicolons separate), or --decimal-point if it means fifteen hundred\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("qualify: 1 row: ambiguous amount \"1.500\" (1): import with --decimal-comma if the file writes 1.200,50\n"))
        #expect(refused.stderr.contains("\(file):2: column \"Amount\": \"1,500\" is ambiguous in a semicolon-separated file (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR\n"))

        // Either flag settles the comma, and the other row then says it does not fit.
        let points = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-point", "--dry-run"])
        #expect(points.stdout == "Dry run of \(file): 1 added, 0 changed, 0 unchanged, 1 bad row; nothing was written.\n", "\(points.stderr)")
        #expect(points.stderr.contains("\(file):3: column \"Amount\": \"1.500\" is ambiguous"))
        let commas = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-comma", "--dry-run"])
        #expect(commas.stderr.contains("qualify: 1 row: comma grouping thousands read with --decimal-comma \"1,500\" (1): import without --decimal-comma (with --decimal-point in a semicolon-separated file) if the file writes 1,500 for fifteen hundred\n"), "\(commas.stderr)")
        #expect(commas.stdout.hasPrefix("Dry run of \(file): 1 added, 0 changed, 0 unchanged, 1 bad row"))
        let both = try q.run(["import", "opportunities", file, "--decimal-point", "--decimal-comma"])
        #expect(both.status == 64 && both.stderr.contains("--decimal-comma and --decimal-point contradict each other"), "\(both.stderr)")

        let imported = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-point", "--skip-invalid"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try q.run(["export", "opportunities"]).stdout.contains("\r\nMüller - Flotte,Müller & Söhne GmbH,1500,EUR,2027-12-31,"))
    }
}
