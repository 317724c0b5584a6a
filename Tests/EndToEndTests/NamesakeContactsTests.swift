import Foundation
import Testing

/// Two people of one name at one account (Salesforce allows it: different Ids and
/// e-mails) are two contacts; a sponsor given by that name alone is refused naming both.
@Suite struct NamesakeContactsTests {
    let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")

    /// The accounts, and a Data Loader contacts file of two Jo Does at Nissan Motors, told apart by Id
    /// (and Email, where the second has one).
    func twoJoDoes(_ q: QualifyBinary, secondEmail: String) throws -> String {
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        return try write("\"Id\",\"AccountId\",\"FirstName\",\"LastName\",\"Title\",\"Email\"\r\n"
            + "\"003f4000002J1\",\"001f4000003NkdYAAS\",\"Jo\",\"Doe\",\"CFO\",\"jo.doe@nissan.example\"\r\n"
            + "\"003f4000002J2\",\"001f4000003NkdYAAS\",\"Jo\",\"Doe\",\"Fleet Manager\",\"\(secondEmail)\"\r\n", to: "Contact.csv", in: q)
    }

    @Test func namesakesWithOtherIdsOrEmailsAreKeptAndASponsorByNameAloneIsRefused() throws {
        let q = try QualifyBinary()
        let contacts = try twoJoDoes(q, secondEmail: "jdoe@nissan.example")
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
        #expect(byName.status != 0 && byName.stderr.contains("3 contacts at Nissan Motors are called \"Jo Doe\"") && byName.stderr.contains("give the contact's e-mail or CRM id instead of the name"), "\(byName.stderr)")
        let byEmail = try q.run(["opportunity", "set", "Nissan - Audit", "sponsor", "jo.doe@nissan.example"])
        #expect(byEmail.status == 0, "\(byEmail.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Audit"]).stdout.contains("Sponsor        Jo Doe, CFO, <jo.doe@nissan.example>\n"))
    }

    /// A lead whose e-mail is not the stored namesake's is another person, as a contact import
    /// would have it: converted, it is a new contact, and the lead's own e-mail is kept.
    @Test func aLeadOfANameWithAnotherEmailBecomesANewContact() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Umbrella"]).status == 0)
        #expect(try q.run(["contact", "add", "Ana Lee", "--account", "Umbrella", "--email", "ana@umbrella.example"]).status == 0)
        #expect(try q.run(["lead", "add", "Ana Lee", "--company", "Umbrella", "--email", "ANA@umbrella.example"]).status == 0)
        #expect(try q.run(["lead", "add", "Ana Lee", "--company", "Umbrella", "--email", "ana2@umbrella.example"]).status == 0)
        let same = try q.run(["lead", "convert", "1"])
        #expect(same.status == 0 && same.stdout.contains("  contact \"Ana Lee\" (existing)\n"), "\(same.stdout)\(same.stderr)")
        let other = try q.run(["lead", "convert", "2"])
        #expect(other.status == 0 && other.stdout.contains("  contact \"Ana Lee\" (new)\n"), "\(other.stdout)\(other.stderr)")
        let listed = try q.run(["contact", "list", "--account", "Umbrella"]).stdout
        #expect(listed.contains("ana@umbrella.example") && listed.contains("ana2@umbrella.example"), "\(listed)")
    }

    /// A rep's file whose contact has the name of the manager's only one but another e-mail is
    /// another person: added beside the first, the file's e-mail kept. Without an e-mail on one
    /// side, the name says it is the same person.
    @Test func importAllAddsANamesakeWithAnotherEmailBesideTheStoredOne() throws {
        let manager = try QualifyBinary()
        #expect(try manager.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try manager.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp", "--email", "mojca.zagar@acme.example", "--title", "VP Sales"]).status == 0)
        let rep = try QualifyBinary()
        #expect(try rep.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try rep.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp", "--email", "mojca@acme.example", "--title", "CFO"]).status == 0)
        let file = rep.home.appendingPathComponent("rep.jsonl").path
        #expect(try rep.run(["export", "all", "-o", file]).status == 0)
        let imported = try manager.run(["import", "all", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stderr.contains("is the stored one"), "\(imported.stderr)")
        let listed = try manager.run(["contact", "list", "--account", "Acme Corp"]).stdout
        #expect(listed.contains("mojca.zagar@acme.example") && listed.contains("mojca@acme.example") && listed.contains("CFO"), "\(listed)")
    }

    /// Wherever a command takes a contact by name, two of that name are told apart by e-mail or
    /// CRM id, and the refusal lists them and shows the command that picks one.
    @Test func aNameTwoContactsHaveIsPickedByEmailOrCRMIdWhereverAContactIsNamed() throws {
        let q = try QualifyBinary()
        // The second Jo Doe has no e-mail, only its Id.
        let contacts = try twoJoDoes(q, secondEmail: "")
        #expect(try q.run(["import", "contacts", contacts]).status == 0)
        let both = "2 contacts at Nissan Motors are called \"Jo Doe\": <jo.doe@nissan.example> (salesforce id 003f4000002J1), salesforce id 003f4000002J2; "

        let byName = try q.run(["contact", "set", "Jo Doe", "--account", "Nissan Motors", "--email", "jdoe@nissan.example"])
        #expect(byName.status == 1)
        #expect(byName.stderr == "qualify: " + both + "say which by its e-mail or CRM id in place of the name, as in qualify contact set jo.doe@nissan.example --account \"Nissan Motors\" --title TITLE.\n")
        let byId = try q.run(["contact", "set", "003f4000002J2", "--account", "Nissan Motors", "--email", "jdoe@nissan.example"])
        #expect(byId.status == 0, "\(byId.stderr)")
        #expect(try q.run(["contact", "list", "--account", "Nissan Motors"]).stdout.contains("Jo Doe  Fleet Manager  jdoe@nissan.example"))

        // A lead of the name: its e-mail says which; without one, --contact does.
        #expect(try q.run(["lead", "add", "Jo Doe", "--company", "Nissan Motors"]).status == 0)
        #expect(try q.run(["lead", "add", "Jo Doe", "--company", "Nissan Motors", "--email", "jo.doe@nissan.example"]).status == 0)
        let unsaid = try q.run(["lead", "convert", "1"])
        #expect(unsaid.status == 1)
        #expect(unsaid.stderr == "qualify: " + both.replacingOccurrences(of: "salesforce id 003f4000002J2", with: "<jdoe@nissan.example> (salesforce id 003f4000002J2)")
                + "say which the lead's person is with --contact and its e-mail or CRM id: qualify lead convert 1 --contact jo.doe@nissan.example.\n", "\(unsaid.stderr)")
        let chosen = try q.run(["lead", "convert", "1", "--contact", "003f4000002J2", "--opportunity", "Nissan - Fleet"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Fleet"]).stdout.contains("Sponsor        Jo Doe, Fleet Manager, <jdoe@nissan.example>\n"))
        let byEmail = try q.run(["lead", "convert", "2", "--opportunity", "Nissan - Audit"])
        #expect(byEmail.status == 0, "\(byEmail.stderr)")
        #expect(try q.run(["opportunity", "show", "Nissan - Audit"]).stdout.contains("Sponsor        Jo Doe, CFO, <jo.doe@nissan.example>\n"))

        // A rep's file: its Jo Doe is the stored one of its e-mail; without one it says how to give it one.
        let rep = try QualifyBinary()
        #expect(try rep.run(["account", "add", "Nissan Motors"]).status == 0)
        #expect(try rep.run(["contact", "add", "Jo Doe", "--account", "Nissan Motors"]).status == 0)
        let file = rep.home.appendingPathComponent("rep.jsonl").path
        #expect(try rep.run(["export", "all", "-o", file]).status == 0)
        let refused = try q.run(["import", "all", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("qualify: line "), "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("the file's contact has no e-mail to say which it is, so nothing was imported: give it its e-mail where the file was exported (qualify contact set \"Jo Doe\" --account \"Nissan Motors\" --email …), export again and import that file.\n"), "\(refused.stderr)")
        #expect(try rep.run(["contact", "set", "Jo Doe", "--account", "Nissan Motors", "--email", "jdoe@nissan.example"]).status == 0)
        #expect(try rep.run(["export", "all", "-o", file, "--force"]).status == 0)
        let merged = try q.run(["import", "all", file])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("contact \"Jo Doe\" is the stored one (the same name and e-mail at the account)"), "\(merged.stderr)")
        #expect(try q.run(["contact", "list", "--account", "Nissan Motors"]).stdout.components(separatedBy: "Jo Doe").count == 3)
    }
}
