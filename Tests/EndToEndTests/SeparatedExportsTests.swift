import Foundation
import Testing

/// A pipeline exported in a German, French or Slovenian locale goes in whole:
/// semicolons or tabs between fields, decimal commas, day-first dates.
@Suite struct SeparatedExportsTests {
    static func fixture(_ name: String) -> String { CRMExportFilesTests.fixture(name) }

    @Test func aEuropeanPipelineGoesInWithTheFlagsItsMessagesName() throws {
        let q = try QualifyBinary()
        let accounts = try q.run(["import", "accounts", Self.fixture("excel-de-accounts.csv")])
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.stderr.contains("note: \(Self.fixture("excel-de-accounts.csv")): read as semicolon-separated\n"), "\(accounts.stderr)")
        #expect(accounts.stdout.hasSuffix("3 added, 0 changed, 0 unchanged.\n"))

        let file = Self.fixture("suitecrm-de-opportunities.csv")
        // Decimal commas are never guessed: the summary names the flag. Its dates (31.12.2026) can only be day first.
        let refused = try q.run(["import", "opportunities", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: 3 rows: ambiguous amount \"1.234,50 €\" (1), \"12.000,00 €\" (1), \"980,00\" (1): import with --decimal-comma if the file writes 1.200,50\n"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("--date-format"), "\(refused.stderr)")
        #expect(refused.stderr.components(separatedBy: "read as semicolon-separated").count == 2, "\(refused.stderr)")
        let checked = try q.run(["import", "opportunities", file, "--decimal-comma", "--dry-run"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("note: 3 numeric close dates could only be read day first (\"31.12.2026\" is 2026-12-31) and were read so.\n"), "\(checked.stderr)")

        let imported = try q.run(["import", "opportunities", file, "--decimal-comma", "--date-format", "DMY"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasSuffix("3 added, 0 changed, 0 unchanged.\n"), "\(imported.stdout)")
        let deal = try q.run(["opportunity", "show", "Müller - Flotte 2027"]).stdout
        #expect(deal.contains("Account        Müller & Söhne GmbH\n"), "\(deal)")
        #expect(deal.contains("Amount         1 234.50 EUR\n") && deal.contains("Expected close 2026-12-31\n"), "\(deal)")
        #expect(deal.contains("Anruf; dann Angebot\r\nzweite Zeile, mit Komma"), "\(deal.debugDescription)")
        #expect(try q.run(["opportunity", "show", "Dupont - Audit"]).stdout.contains("Account        Dupont; Fils SARL\n"))

        let contacts = try q.run(["import", "contacts", Self.fixture("contacts-tab.txt")])
        #expect(contacts.status == 0, "\(contacts.stderr)")
        #expect(contacts.stderr.contains("read as tab-separated\n") && contacts.stdout.hasSuffix("2 added, 0 changed, 0 unchanged.\n"))
        let leads = try q.run(["import", "leads", Self.fixture("vtiger-sl-leads.csv")])
        #expect(leads.status == 0, "\(leads.stderr)")
        #expect(try q.run(["lead", "list"]).stdout.contains("Luka Novak  Novak d.o.o.  Trade Show  Contacted"))
    }

    @Test func theSeparatorCanBeGivenAndAWrongOneIsRefusedSayingWhich() throws {
        let q = try QualifyBinary()
        let file = Self.fixture("excel-de-accounts.csv")
        let given = try q.run(["import", "accounts", file, "--separator", "semicolon"])
        #expect(given.status == 0, "\(given.stderr)")
        // Given, not found: nothing to tell.
        #expect(!given.stderr.contains("read as"), "\(given.stderr)")
        let wrong = try q.run(["import", "accounts", file, "--separator", "tab"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "qualify: \(file): the header is semicolon-separated, not tab-separated; import it with --separator semicolon, or without --separator.\n", "\(wrong.stderr)")
        let unknown = try q.run(["import", "accounts", file, "--separator", "pipe"])
        #expect(unknown.status == 64 && unknown.stderr.contains("'comma', 'semicolon' or 'tab'"), "\(unknown.stderr)")
        // A comma file whose notes hold semicolons is read with commas, and says nothing about it.
        let comma = try q.run(["import", "opportunities", Self.fixture("comma-notes-with-semicolons.csv"), "--create-accounts"])
        #expect(comma.status == 0 && !comma.stderr.contains("read as"), "\(comma.stderr)")
        #expect(try q.run(["opportunity", "show", "Acme - Renewal"]).stdout.contains("call Mon; send quote Tue; sign Fri"))
    }
}
