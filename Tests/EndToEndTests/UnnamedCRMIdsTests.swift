import Foundation
import Testing

/// Accounts from a file that named no CRM (imported as `csv`) keep the ids the file gave
/// them in every export, also beside deals and contacts a CRM's header named.
@Suite struct UnnamedCRMIdsTests {
    @Test func aPlainAccountsFilesIdsGoBackOutWithTheDealsAndContactsItLinked() throws {
        let q = try QualifyBinary()
        func file(_ name: String, _ text: String) throws -> String {
            let path = q.home.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // A sales-ops sheet of accounts, and deals and contacts whose AccountId column makes them Salesforce's.
        let accounts = try file("Accounts.csv", "Account Id,Account Name\r\nA-001,Acme Corp\r\nA-002,Globex\r\n")
        let deals = try file("Deals.csv", "Id,Opportunity Name,AccountId,StageName,Amount,CloseDate\r\n"
                             + "006A,Acme - Forecasting,A-001,Prospecting,1000,2027-05-01\r\n006B,Globex - Renewal,A-002,Prospecting,2000,2027-06-01\r\n")
        let contacts = try file("Contacts.csv", "Id,FirstName,LastName,AccountId,Email\r\n003A,John,Smith,A-001,john@acme.example\r\n")
        for (kind, path) in [("accounts", accounts), ("opportunities", deals), ("contacts", contacts)] {
            let imported = try q.run(["import", kind, path])
            #expect(imported.status == 0, "\(kind): \(imported.stderr)")
        }
        let dealsOut = try q.run(["export", "opportunities"]).stdout
        #expect(dealsOut.contains(",salesforce,006A,A-001,Acme - Forecasting\r\n"), "\(dealsOut)")
        #expect(dealsOut.contains(",salesforce,006B,A-002,Globex - Renewal\r\n"), "\(dealsOut)")
        let contactsOut = try q.run(["export", "contacts"]).stdout
        #expect(contactsOut.hasSuffix("\r\nJohn Smith,Acme Corp,,john@acme.example,,salesforce,003A,A-001\r\n"), "\(contactsOut)")

        // The exports, imported into a new database, are the same records and export the same bytes.
        let fresh = try QualifyBinary()
        var exported: [String: Data] = [:]
        for kind in ["accounts", "contacts", "opportunities"] {
            let out = try q.run(["export", kind])
            exported[kind] = out.stdoutData
            let path = try file("export-\(kind).csv", out.stdout)
            let imported = try fresh.run(["import", kind, path])
            #expect(imported.status == 0, "\(kind): \(imported.stderr)")
        }
        for kind in ["accounts", "opportunities", "contacts"] {
            #expect(try fresh.run(["export", kind]).stdoutData == exported[kind], "\(kind)")
        }
    }
}
