import Foundation
import Testing

/// What a sales-ops person moving a real pipeline meets: a file's value that
/// could mean two things is refused with the way to say which, once in the
/// summary, never taken the first way silently.
@Suite struct ImportRefusalTests {
    let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")

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
        #expect(refused.stderr.contains("qualify: 1 row: comma amount in a semicolon-separated file \"1,500\" (1): import with --decimal-point if it means fifteen hundred, with --decimal-comma if it means one and a half\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("qualify: 1 row: ambiguous amount \"1.500\" (1): import with --decimal-comma if the file writes 1.200,50\n"))
        #expect(refused.stderr.contains("\(file):2: column \"Amount\": \"1,500\" is ambiguous in a semicolon-separated file (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR\n"))

        // Either flag settles the comma, and the other row then says it does not fit.
        let points = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-point", "--dry-run"])
        #expect(points.stdout == "Dry run of \(file): 1 added, 0 changed, 0 unchanged, 1 bad row; nothing was written.\n", "\(points.stderr)")
        #expect(points.stderr.contains("\(file):3: column \"Amount\": \"1.500\" is ambiguous"))
        // With a decimal comma both are read, as that country writes them: 1,500 is one and a half, 1.500 fifteen hundred.
        let commas = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-comma", "--dry-run"])
        #expect(commas.stdout == "Dry run of \(file): 2 added, 0 changed, 0 unchanged; nothing was written.\n", "\(commas.stderr)")
        let both = try q.run(["import", "opportunities", file, "--decimal-point", "--decimal-comma"])
        #expect(both.status == 64 && both.stderr.contains("--decimal-comma and --decimal-point contradict each other"), "\(both.stderr)")

        let imported = try q.run(["import", "opportunities", file, "--date-format", "DMY", "--currency", "EUR", "--decimal-point", "--skip-invalid"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try q.run(["export", "opportunities"]).stdout.contains("\r\nMüller - Flotte,Müller & Söhne GmbH,1500,EUR,2027-12-31,"))
    }

    @Test func aCommaAmountInATabFileNeedsTheFileToSayWhichMarkItsCommaIs() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Novak d.o.o."]).status == 0)
        // Excel's "Text (Tab delimited)" in a Slovenian locale: tabs, CRLF, decimal commas.
        let file = try write("Opportunity Name\tAccount Name\tAmount\tExpected Close Date\tSales Stage\r\n"
            + "Novak - Licence\tNovak d.o.o.\t1,500\t28.02.2027\tProspecting\r\n"
            + "Novak - Support\tNovak d.o.o.\t980\t28.02.2027\tProspecting\r\n", to: "Priložnosti.txt", in: q)
        let refused = try q.run(["import", "opportunities", file, "--currency", "EUR"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 1 row: comma amount in a tab-separated file \"1,500\" (1): import with --decimal-point if it means fifteen hundred, with --decimal-comma if it means one and a half\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(file):2: column \"Amount\": \"1,500\" is ambiguous in a tab-separated file"))
        #expect(try q.run(["export", "opportunities"]).stdout.split(separator: "\r\n").count == 1)

        // Three digits after the comma: with --decimal-comma that is one and a half.
        let decimals = try q.run(["import", "opportunities", file, "--currency", "EUR", "--decimal-comma", "--dry-run"])
        #expect(decimals.stdout == "Dry run of \(file): 2 added, 0 changed, 0 unchanged; nothing was written.\n", "\(decimals.stderr)")
        let thousands = try q.run(["import", "opportunities", file, "--currency", "EUR", "--decimal-point"])
        #expect(thousands.status == 0, "\(thousands.stderr)")
        #expect(try q.run(["opportunity", "show", "Novak - Licence"]).stdout.contains("Amount         1 500 EUR\n"))
    }

    @Test func aRefusalManyRowsShareIsSaidOnceWithItsFlagAndEachRowStaysShort() throws {
        let q = try QualifyBinary()
        for account in ["Nissan Motors", "Globex"] { #expect(try q.run(["account", "add", account]).status == 0) }
        // Zoho's display format: dollar signs, US dates, one deal in pounds.
        var deals = "Record Id,Potential Name,Account Name,Amount,Closing Date,Stage\n"
            + "zcrm_4000000099,Globex - UK,Globex,£5000,2027-04-01,Prospecting\n"
        for number in 1...30 {
            deals += "zcrm_40000000\(number),Nissan - Deal \(number),Nissan Motors,\"$\(number),250.00\",04/0\(number % 9 + 1)/2027,Prospecting\n"
        }
        let file = try write(deals, to: "Potentials.csv", in: q)
        let refused = try q.run(["import", "opportunities", file])
        #expect(refused.status == 1)
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "qualify: 31 rows: currency sign contradicts EUR \"$\" (30), \"£\" (1): import with --currency USD (or the code the $ stands for: CAD, AUD, NZD…); EUR came from qualify's default; currency: in config.yaml sets another", "\(refused.stderr)")
        // 04/04/2027 is the same day either way: read, not counted.
        #expect(lines.dropFirst().first == "qualify: 26 rows: numeric dates without an order \"04/02/2027\" (4), \"04/03/2027\" (4), \"04/05/2027\" (3), \"04/06/2027\" (3), \"04/07/2027\" (3) … and 3 more: say the file's order with --date-format DMY (day first) or MDY (month first)")
        #expect(lines.contains("qualify: \(file):2: column \"Amount\": \"£5000\" has a £ sign, which is not EUR"))
        #expect(lines.contains("qualify: \(file):3: column \"Amount\": \"$1,250.00\" has a $ sign, which is not EUR"))
        #expect(lines.contains("qualify: \(file):3: column \"Closing Date\": \"04/02/2027\" could be read day-first or month-first"))
        // The flags are named in the summary only, not on each of the rows.
        #expect(refused.stderr.components(separatedBy: "--currency").count == 2)
        #expect(refused.stderr.components(separatedBy: "--date-format").count == 2)

        let contacts = try write("""
            First Name,Last Name,Account Name,Email
            Ann,Lee,Globex,ann at globex
            Bo,Ray,Globex,bo@globex
            Cy,Tan,Globex,cy@globex.example
            Cy,Tan,Globex,cy@globex.example

            """, to: "Contacts.csv", in: q)
        let badContacts = try q.run(["import", "contacts", contacts])
        #expect(badContacts.status == 1)
        #expect(badContacts.stderr.hasPrefix("""
            qualify: 2 rows: not an e-mail address "ann at globex" (1), "bo@globex" (1): write each like name@example.com, or leave the cell empty
            qualify: 1 row: name repeated in the file "Cy Tan" (1): keep one row for each, or give each its CRM id in an Id column

            """), "\(badContacts.stderr)")
    }

    @Test func everyProblemOfAContactOrLeadRowIsSaidAtOnce() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
        // SuiteCRM's labels; the second row has a bad address and an account not imported yet.
        let contacts = try write("""
            First Name,Last Name,Account Name,Title,Email Address
            Ann,Lee,Globex,CFO,ann@globex.example
            Bo,Ray,Initech,CTO,bo at initech

            """, to: "Contacts.csv", in: q)
        let refused = try q.run(["import", "contacts", contacts])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(contacts):3: column \"Email Address\": \"bo at initech\" is not an e-mail address; write it like name@example.com.\nqualify: \(contacts):3: column \"Account Name\": no account called \"Initech\"; import accounts first.\n"), "\(refused.stderr)")
        // vtiger's lead labels: a bad address and a Converted cell that is neither yes nor no.
        let leads = try write("""
            Lead No,First Name,Last Name,Company,Email,Lead Status,Converted
            LEA1,Cy,Tan,Initech,cy@,Hot,maybe

            """, to: "Leads.csv", in: q)
        let refusedLead = try q.run(["import", "leads", leads])
        #expect(refusedLead.status == 1)
        #expect(refusedLead.stderr.contains("\(leads):2: column \"Email\": \"cy@\" is not an e-mail address; write it like name@example.com.\nqualify: \(leads):2: column \"Converted\": \"maybe\" is neither true nor false (or yes or no).\n"), "\(refusedLead.stderr)")
    }

    @Test func aLeadWhoseCompanyTwoImportedAccountsWereCalledSaysWhichWithAccount() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        #expect(try q.run(["lead", "add", "Dana Scully", "--company", "Acme Corp", "--email", "dana@acme2.example"]).status == 0)
        let refused = try q.run(["lead", "convert", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: lead #1's company \"Acme Corp\" matches 2 accounts: \"Acme Corp\" (salesforce id 001f4000003NkdZAAS), \"Acme Corp (2)\" (salesforce id 001f4000003Nke0AAC, \"Acme Corp\" in its CRM); say which with --account and its name as stored.\n", "\(refused.stderr)")
        #expect(try q.run(["contact", "list"]).stdout.contains("Dana") == false)
        let converted = try q.run(["lead", "convert", "1", "--account", "Acme Corp (2)"])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.contains("  account \"Acme Corp (2)\" (existing)\n"), "\(converted.stdout)")
        #expect(try q.run(["contact", "list", "--account", "Acme Corp (2)"]).stdout.contains("Dana Scully"))
    }

    @Test func aProbabilityOf100IsJudgedOnlyAtAStageTheRowGaveAndSaidOnce() throws {
        let q = try QualifyBinary()
        // Workbench: "Closed/Won" at 100% is an unknown stage, not also a wrong probability.
        let workbench = CRMExportFilesTests.fixture("salesforce-workbench-opportunities.csv")
        let refused = try q.run(["import", "opportunities", workbench, "--create-accounts"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("unknown stage \"Discovery\" (3), \"Closed/Won\" (1)"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Probability"), "\(refused.stderr)")

        let file = try write("""
            Opportunity Name,Account Name,Sales Stage,Probability
            Initech - One,Initech,Prospecting,100
            Initech - Two,Initech,Prospecting,100

            """, to: "Deals.csv", in: q)
        let hundred = try q.run(["import", "opportunities", file, "--create-accounts"])
        #expect(hundred.status == 1)
        #expect(hundred.stderr.hasPrefix("qualify: 2 rows: probability 100 at a stage not closed won \"100\" (2): give those deals 0 to 99, or a closed-won stage (--map-stage 'From=Closed Won')\n"), "\(hundred.stderr)")
    }

    @Test func qualifysOwnContactsExportGoesBackInWhereTwoAccountsHadOneName() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        #expect(try q.run(["import", "contacts", CRMExportFilesTests.fixture("salesforce-dataloader-contacts.csv")]).status == 0)
        #expect(try q.run(["contact", "add", "Jo Doe", "--account", "Acme Corp", "--title", "Buyer"]).status == 0)
        let file = q.home.appendingPathComponent("contacts.csv").path
        #expect(try q.run(["export", "contacts", "-o", file]).status == 0)
        let exported = try String(contentsOfFile: file, encoding: .utf8)
        #expect(exported.contains("Jo Doe,Acme Corp,Buyer,,,,,001f4000003NkdZAAS\r\n"), "\(exported)")
        // The account id says which Acme Corp, where the name alone is refused as either.
        let again = try q.run(["import", "contacts", file])
        #expect(again.stdout == "Imported \(file): 0 added, 0 changed, 3 unchanged.\n", "\(again.stderr)")
    }
}
