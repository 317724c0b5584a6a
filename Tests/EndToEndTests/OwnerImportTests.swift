import Foundation
import Testing

/// Who owns a deal, as each CRM writes it: a name under its own label, or
/// (Salesforce's Data Loader) a user id, which is never stored as a name.
@Suite struct OwnerImportTests {
    @Test func eachCRMsOwnerColumnIsTheDealsOwner() throws {
        let q = try QualifyBinary()
        for account in ["Nissan Motors", "Globex", "Initech"] { #expect(try q.run(["account", "add", account]).status == 0) }
        // Zoho's Potentials (the fixture) and Deals, a Salesforce opportunity report, SuiteCRM's field names.
        #expect(try q.run(["import", "opportunities", CRMExportFilesTests.fixture("zoho-potentials.csv"), "--currency", "USD"]).status == 0)
        let deals = try write("""
            Record Id,Deal Name,Account Name,Amount,Closing Date,Stage,Deal Owner
            zcrm_4000000013001,Globex - Renewal,Globex,"$5,000.00",2027-05-01,Qualification,Bo Rep

            """, to: "Deals.csv", in: q)
        let report = try write("\u{FEFF}\"Opportunity Owner\",\"Account Name\",\"Opportunity Name\",\"Stage\",\"Amount\",\"Close Date\"\r\n"
            + "\"Cy Rep\",\"Initech\",\"Initech - TPS\",\"Prospecting\",\"9999\",\"2027-06-30\"\r\n", to: "report.csv", in: q)
        let suite = try write("name,account_name,amount,date_closed,sales_stage,assigned_user_name,assigned_user_id\n"
            + "Initech - Fax,Initech,100,2027-07-01,Prospecting,Di Rep,1b2c3d4e-0000-0000-0000-000000000001\n", to: "suite.csv", in: q)
        for file in [deals, report, suite] {
            let imported = try q.run(["import", "opportunities", file, "--currency", "USD"])
            #expect(imported.status == 0 && !imported.stderr.contains("ignored columns"), "\(imported.stderr)")
        }
        for (deal, owner) in [("Nissan - Fleet", "Ann Rep"), ("Globex - Renewal", "Bo Rep"), ("Initech - TPS", "Cy Rep"), ("Initech - Fax", "Di Rep")] {
            let shown = try q.run(["opportunity", "show", deal]).stdout
            #expect(shown.contains("Owner          \(owner)\n"), "\(deal): \(shown)")
        }
    }

    /// An owner column with an empty cell says the CRM's deal has no owner; a file without the
    /// column says nothing, and its deals are the importing rep's. Exported again, a deal without
    /// an owner writes an empty cell, so the round trip gives the same bytes.
    @Test func anEmptyOwnerCellIsNoOwnerAndNoOwnerColumnIsTheImportingRep() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
        let zoho = try write("""
            Record Id,Deal Name,Account Name,Amount,Closing Date,Stage,Deal Owner
            zcrm_4000000013001,Globex - Renewal,Globex,"$5,000.00",2027-05-01,Qualification,
            zcrm_4000000013002,Globex - Pilot,Globex,"$1,000.00",2027-06-01,Qualification,Bo Rep

            """, to: "Deals.csv", in: q)
        let ownerless = try write("Opportunity Name,Account Name\nGlobex - Audit,Globex\n", to: "hand.csv", in: q)
        for file in [zoho, ownerless] {
            let imported = try q.run(["import", "opportunities", file, "--currency", "USD"], extraEnvironment: ["QUALIFY_REP": "Ann Rep"])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        for (deal, owner) in [("Globex - Renewal", "-"), ("Globex - Pilot", "Bo Rep"), ("Globex - Audit", "Ann Rep")] {
            let shown = try q.run(["opportunity", "show", deal]).stdout
            #expect(shown.contains("Owner          \(owner)\n"), "\(deal): \(shown)")
        }
        // Exported, then imported by another rep into another database: the same bytes, owners as they were.
        let exported = try q.run(["export", "opportunities"]).stdout
        let copy = try QualifyBinary()
        #expect(try copy.run(["account", "add", "Globex"]).status == 0)
        let file = try write(exported, to: "again.csv", in: copy)
        #expect(try copy.run(["import", "opportunities", file, "--currency", "USD"], extraEnvironment: ["QUALIFY_REP": "Cy Rep"]).status == 0)
        #expect(try copy.run(["export", "opportunities"]).stdout == exported)
    }

    @Test func ownerIdsAreNotNamesTheSummarySaysSoAndMapOwnerNamesThem() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv"), "--on-duplicate", "rename"]).status == 0)
        // Data Loader: API names, every cell quoted, CRLF; OwnerId is a user's id.
        let file = try write("\"Id\",\"AccountId\",\"Name\",\"StageName\",\"Amount\",\"CloseDate\",\"OwnerId\"\r\n"
            + "\"006f400000BBB1\",\"001f4000003NkdYAAS\",\"Nissan - Fleet\",\"Prospecting\",\"5000\",\"2027-01-31\",\"005f4000000AbcD\"\r\n"
            + "\"006f400000BBB2\",\"001f4000003NkdYAAS\",\"Nissan - Parts\",\"Prospecting\",\"7000\",\"2027-02-28\",\"005f4000000XyzQ\"\r\n"
            + "\"006f400000BBB3\",\"001f4000003NkdYAAS\",\"Nissan - Audit\",\"Prospecting\",\"9000\",\"2027-03-31\",\"005f4000000AbcD\"\r\n",
            to: "Opportunity.csv", in: q)
        let imported = try q.run(["import", "opportunities", file, "--currency", "USD"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Imported \(file): 3 added, 0 changed, 0 unchanged.\n")
        #expect(imported.stderr.contains("note: the owner of 3 deals came as a user id (OwnerId), not a name: \"005f4000000AbcD\" (2), \"005f4000000XyzQ\" (1). New deals were stored without an owner, stored ones kept theirs; say who each is with --map-owner '005f4000000AbcD=Owner Name' (repeatable), or export the owner's name beside it (Salesforce: Owner.Name).\n"), "\(imported.stderr)")
        #expect(imported.stderr.components(separatedBy: "user id").count == 2)
        let unowned = try q.run(["opportunity", "show", "Nissan - Fleet"]).stdout
        #expect(unowned.contains("Owner          -\n") && !unowned.contains("005f") && !unowned.contains("Rep O'Neil"), "\(unowned)")

        let named = try q.run(["import", "opportunities", file, "--currency", "USD",
                               "--map-owner", "005f4000000AbcD=Ann Rep", "--map-owner", "005f4000000XyzQ=Bo Rep"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout == "Imported \(file): 0 added, 3 changed, 0 unchanged.\n")
        #expect(!named.stderr.contains("user id"), "\(named.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Parts"]).stdout.contains("Owner          Bo Rep\n"))
        #expect(try q.run(["opportunity", "list", "--owner", "Ann Rep"]).stdout.contains("Nissan - Audit"))

        let bad = try q.run(["import", "opportunities", file, "--map-owner", "005f4000000AbcD"])
        #expect(bad.status == 64 && bad.stderr.contains("--map-owner \"005f4000000AbcD\" is not Id=Name"), "\(bad.stderr)")
    }
}
