import Foundation
import Testing

/// Two people of one name at one account (Salesforce allows it: different Ids and
/// e-mails) are two contacts; a sponsor given by that name alone is refused naming both.
@Suite struct NamesakeContactsTests {
    let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")

    @Test func namesakesWithOtherIdsOrEmailsAreKeptAndASponsorByNameAloneIsRefused() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        // Data Loader: two Jo Does at Nissan Motors, told apart by Id and Email.
        let contacts = try write("\"Id\",\"AccountId\",\"FirstName\",\"LastName\",\"Title\",\"Email\"\r\n"
            + "\"003f4000002J1\",\"001f4000003NkdYAAS\",\"Jo\",\"Doe\",\"CFO\",\"jo.doe@nissan.example\"\r\n"
            + "\"003f4000002J2\",\"001f4000003NkdYAAS\",\"Jo\",\"Doe\",\"Fleet Manager\",\"jdoe@nissan.example\"\r\n", to: "Contact.csv", in: q)
        let imported = try q.run(["import", "contacts", contacts, "--on-duplicate", "skip"])
        #expect(imported.stdout == "Imported \(contacts): 2 added, 0 changed, 0 unchanged.\n", "\(imported.stderr)")
        #expect(try q.run(["import", "contacts", contacts]).stdout == "Imported \(contacts): 0 added, 0 changed, 2 unchanged.\n")
        // A hand-made file without ids: another e-mail is another person, the same e-mail the same one.
        let handMade = try write("""
            First Name,Last Name,Account Name,Email
            Jo,Doe,Nissan Motors,jo.doe@nissan.example
            Jo,Doe,Nissan Motors,jo@home.example

            """, to: "Contacts.csv", in: q)
        let mixed = try q.run(["import", "contacts", handMade])
        #expect(mixed.stdout == "Imported \(handMade): 1 added, 0 changed, 1 unchanged.\n", "\(mixed.stderr)")
        #expect(try q.run(["contact", "list", "--account", "Nissan Motors"]).stdout.components(separatedBy: "Jo Doe").count == 4)
        let nameOnly = try write("First Name,Last Name,Account Name,Title\nJo,Doe,Nissan Motors,Boss\n", to: "NameOnly.csv", in: q)
        let which = try q.run(["import", "contacts", nameOnly])
        #expect(which.status == 1)
        #expect(which.stderr.contains("\(nameOnly):2: column \"First Name + Last Name\": 3 contacts at Nissan Motors are called \"Jo Doe\": <jo.doe@nissan.example> (salesforce id 003f4000002J1), <jdoe@nissan.example> (salesforce id 003f4000002J2), <jo@home.example>; give the row the e-mail or CRM id of the one it is.\n"), "\(which.stderr)")

        // qualify's own export style: the sponsor by name, and by e-mail.
        let deals = try write("""
            Opportunity Name,AccountId,Stage,Amount,Close Date,Sponsor,Sponsor Email
            Nissan - Fleet,001f4000003NkdYAAS,Prospecting,5000,2027-03-01,Jo Doe,
            Nissan - Parts,001f4000003NkdYAAS,Prospecting,7000,2027-03-01,Jo Doe,jdoe@nissan.example

            """, to: "Opportunities.csv", in: q)
        let refused = try q.run(["import", "opportunities", deals, "--currency", "USD"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 1 row: sponsor's name of several contacts \"Jo Doe\" (1): give each such sponsor's e-mail in the Sponsor Email column\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(deals):2: column \"Sponsor\": 3 contacts at Nissan Motors are called \"Jo Doe\": <jo.doe@nissan.example> (salesforce id 003f4000002J1), <jdoe@nissan.example> (salesforce id 003f4000002J2), <jo@home.example>; give the e-mail of the one meant in the Sponsor Email column.\n"))
        let good = try q.run(["import", "opportunities", deals, "--currency", "USD", "--skip-invalid"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Parts"]).stdout.contains("Sponsor        Jo Doe, Fleet Manager, <jdoe@nissan.example>\n"))

        #expect(try q.run(["opportunity", "add", "Nissan - Audit", "--account", "Nissan Motors"]).status == 0)
        let byName = try q.run(["opportunity", "set", "Nissan - Audit", "sponsor", "Jo Doe"])
        #expect(byName.status != 0 && byName.stderr.contains("3 contacts at Nissan Motors are called \"Jo Doe\"") && byName.stderr.contains("give the contact's e-mail instead of the name"), "\(byName.stderr)")
        let byEmail = try q.run(["opportunity", "set", "Nissan - Audit", "sponsor", "jo.doe@nissan.example"])
        #expect(byEmail.status == 0, "\(byEmail.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Audit"]).stdout.contains("Sponsor        Jo Doe, CFO, <jo.doe@nissan.example>\n"))
    }
}
