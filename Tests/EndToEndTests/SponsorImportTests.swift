import Foundation
import Testing

/// An opportunity file's Sponsor and Power Sponsor columns (name, title,
/// e-mail, as `export opportunities` writes them) come back in: each is one
/// of the account's stored contacts, by e-mail first, then by name.
@Suite struct SponsorImportTests {
    let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")
    let contacts = CRMExportFilesTests.fixture("salesforce-dataloader-contacts.csv")
    let opportunities = CRMExportFilesTests.fixture("salesforce-dataloader-opportunities.csv")

    /// A pipeline with sponsors: two accounts named alike, a contact's name at two accounts, one without an e-mail.
    private func pipeline() throws -> QualifyBinary {
        let q = try QualifyBinary()
        for step in [["import", "accounts", accounts, "--on-duplicate", "rename"], ["import", "contacts", contacts],
                     ["import", "opportunities", opportunities, "--on-duplicate", "rename"],
                     ["contact", "add", "Zoë O'Brien, Jr.", "--account", "Nissan Motors", "--title", "VP \"Fleet\"", "--email", "zoe@nissan.example"],
                     ["contact", "add", "Satoshi Nakamura", "--account", "Acme Corp", "--title", "Buyer", "--email", "satoshi@acme.example"],
                     ["opportunity", "set", "System Assessment", "sponsor", "Satoshi Nakamura", "power-sponsor", "Zoë O'Brien, Jr."],
                     ["opportunity", "set", "System Assessment - Acme Corp", "sponsor", "Satoshi Nakamura"],
                     ["opportunity", "set", "System Assessment - Acme Corp (2)", "power-sponsor", "Dana Scully"]] {
            let result = try q.run(step)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        return q
    }

    private func export(_ kind: String, of q: QualifyBinary) throws -> String {
        let path = q.home.appendingPathComponent("\(kind).csv").path
        let result = try q.run(["export", kind, "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func exportIntoAFreshDatabaseAndExportAgainIsByteIdenticalSponsorsIncluded() throws {
        let rep = try pipeline()
        let files = try ["accounts", "contacts", "opportunities"].map { try export($0, of: rep) }
        let exported = try Data(contentsOf: URL(fileURLWithPath: files[2]))
        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.contains(",Satoshi Nakamura,VP Fleet,,\"Zoë O'Brien, Jr.\",\"VP \"\"Fleet\"\"\",zoe@nissan.example,salesforce,006f400000AAA1,"), "\(text)")

        let fresh = try QualifyBinary()
        for (kind, file) in zip(["accounts", "contacts", "opportunities"], files) {
            let imported = try fresh.run(["import", kind, file])
            #expect(imported.status == 0, "\(kind): \(imported.stderr)")
        }
        let again = try fresh.run(["export", "opportunities"])
        #expect(again.stdoutData == exported, "\(again.stdout)")
        // The Satoshi at Nissan, not the one of the same name at Acme Corp.
        let shown = try fresh.run(["opportunity", "show", "System Assessment"])
        #expect(shown.stdout.contains("Sponsor        Satoshi Nakamura, VP Fleet\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Power sponsor  Zoë O'Brien, Jr., VP \"Fleet\", <zoe@nissan.example>\n"))
    }

    @Test func aSponsorNotAmongTheAccountsContactsIsRefusedNamingTheContactsFile() throws {
        let rep = try pipeline()
        let files = try ["accounts", "opportunities"].map { try export($0, of: rep) }
        let fresh = try QualifyBinary()
        #expect(try fresh.run(["import", "accounts", files[0]]).status == 0)
        let refused = try fresh.run(["import", "opportunities", files[1]])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 2 rows: sponsor not a contact of the account \"Satoshi Nakamura\" (2): import the contacts file of the same export first (qualify import contacts Contacts.csv), then this file; or add each with qualify contact add NAME --account ACCOUNT --email E\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(files[1]):2: column \"Power Sponsor\": power sponsor \"Zoë O'Brien, Jr.\" <zoe@nissan.example> is not a contact at Nissan Motors.\n"), "\(refused.stderr)")
        #expect(try fresh.run(["export", "opportunities"]).stdout.split(separator: "\r\n").count == 1)
    }

    @Test func aSponsorIsFoundByEmailFirstAndAnEmailTheContactDoesNotHaveIsRefused() throws {
        let q = try pipeline()
        let file = q.home.appendingPathComponent("hand-made.csv").path
        try """
            Opportunity Name,Account Name,Sponsor,Sponsor Email,Power Sponsor,Power Sponsor Email
            System Assessment,Nissan Motors,Zoe OBrien,zoe@nissan.example,,
            System Assessment - Acme Corp,Acme Corp,Satoshi Nakamura,satoshi@elsewhere.example,,

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try q.run(["import", "opportunities", file, "--on-duplicate", "update"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(file):3: column \"Sponsor Email\": sponsor \"Satoshi Nakamura\" at Acme Corp has the e-mail satoshi@acme.example, not satoshi@elsewhere.example; correct the file, or the contact: qualify contact set \"Satoshi Nakamura\" --account \"Acme Corp\" --email satoshi@elsewhere.example.\n"), "\(refused.stderr)")

        let imported = try q.run(["import", "opportunities", file, "--on-duplicate", "update", "--skip-invalid"])
        #expect(imported.stdout.hasPrefix("Imported \(file): 0 added, 1 changed, 0 unchanged"), "\(imported.stderr)")
        #expect(imported.stderr.contains("\(file):2: sponsor \"Zoe OBrien\" is \"Zoë O'Brien, Jr.\" at Nissan Motors by e-mail; linked to that contact, whose name is left as it is.\n"), "\(imported.stderr)")
        // The empty Power Sponsor cells say the deal has none now, kept as a dated change.
        let shown = try q.run(["opportunity", "show", "System Assessment", "--history"])
        #expect(shown.stdout.contains("Sponsor        Zoë O'Brien, Jr., VP \"Fleet\", <zoe@nissan.example>\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Power sponsor  -\n"))
        #expect(shown.stdout.contains("  sponsor: Satoshi Nakamura -> Zoë O'Brien, Jr.  (Rep O'Neil)\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  power-sponsor: Zoë O'Brien, Jr. -> -  (Rep O'Neil)\n"))
    }
}
