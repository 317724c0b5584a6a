import Foundation
import Testing

/// Files as a sales-operations person meets them: Data Loader's capitals, a deals file given
/// to the accounts import, e-mail columns under each CRM's own name.
@Suite struct ImportCornersTests {
    @Test func dataLoadersCapitalsAreSalesforcesAndTheSameRecordStaysOne() throws {
        let q = try QualifyBinary()
        let loader = try write("\"ID\",\"NAME\",\"BILLINGCITY\"\r\n\"0014x000001AbcAAA\",\"Acme Corp\",\"Ljubljana\"\r\n", to: "dl.csv", in: q)
        let workbench = try write("Id,Name,BillingCity\n0014x000001AbcAAA,Acme Corp,Ljubljana\n", to: "wb.csv", in: q)
        #expect(try q.run(["import", "accounts", loader]).status == 0)
        let again = try q.run(["import", "accounts", workbench])
        #expect(again.status == 0 && again.stdout.contains("0 added, 0 changed, 1 unchanged"), "\(again.stdout)\(again.stderr)")
        #expect(try q.run(["export", "accounts"]).stdout == "Account Name,Source CRM,Id,Name in qualify\r\nAcme Corp,salesforce,0014x000001AbcAAA,Acme Corp\r\n")
        // Its contacts, in capitals too, link to that account by its id.
        let contacts = try write("\"ID\",\"ACCOUNTID\",\"FIRSTNAME\",\"LASTNAME\",\"EMAIL\"\r\n\"0034x01\",\"0014x000001AbcAAA\",\"Mojca\",\"Žagar\",\"mojca@acme.example\"\r\n",
                                 to: "dlc.csv", in: q)
        let linked = try q.run(["import", "contacts", contacts])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(try q.run(["export", "contacts"]).stdout.contains(",salesforce,0034x01,"), "contacts")
    }

    @Test func aDealsFileGivenToTheAccountsImportIsRefusedNamingTheImportItNeeds() throws {
        let q = try QualifyBinary()
        let deals = try write("\"Record Id\",\"Deal Name\",\"Account Name\",\"Amount\"\n\"zcrm_D1\",\"Acme - New\",\"Acme Corp\",\"100\"\n", to: "zd.csv", in: q)
        let refused = try q.run(["import", "accounts", deals])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: \(deals): this file has \"Deal Name\", \"Amount\": it holds opportunities, not accounts; import it with qualify import opportunities FILE (its accounts come with it by name), or say which column is the account's name with --map 'Column=name'.\n",
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: q.databasePath))
        let people = try write("First Name,Last Name,Account Name\nJan,Novak,Initech\n", to: "people.csv", in: q)
        #expect(try q.run(["import", "accounts", people]).stderr.contains("it holds contacts or leads, not accounts; import it with qualify import contacts FILE"))
    }

    @Test func eachCRMsEmailColumnComesIn() throws {
        let q = try QualifyBinary()
        let suite = try write("\"id\",\"first_name\",\"last_name\",\"account_name\",\"email1\"\n\"l1\",\"Jan\",\"Novak\",\"Initech\",\"jan@initech.example\"\n", to: "sc.csv", in: q)
        let vtiger = try write("\"Lead No\",\"First Name\",\"Last Name\",\"Company\",\"Primary Email\"\n\"LEA1\",\"Ana\",\"Lee\",\"Umbrella\",\"ana@umbrella.example\"\n", to: "vt.csv", in: q)
        for file in [suite, vtiger] {
            let imported = try q.run(["import", "leads", file])
            #expect(imported.status == 0 && !imported.stderr.contains("ignored columns"), "\(imported.stderr)")
        }
        let leads = try q.run(["export", "leads"]).stdout
        #expect(leads.contains("jan@initech.example") && leads.contains("ana@umbrella.example"), "\(leads)")
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let contacts = try write("\"id\",\"first_name\",\"last_name\",\"account_name\",\"email1\",\"title\"\n\"c1\",\"Jan\",\"Novak\",\"Initech\",\"jan@initech.example\",\"CFO\"\n", to: "scc.csv", in: q)
        #expect(try q.run(["import", "contacts", contacts]).status == 0)
        #expect(try q.run(["contact", "list", "--account", "Initech"]).stdout.contains("jan@initech.example"))
    }
}
