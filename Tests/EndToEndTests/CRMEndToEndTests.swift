import Foundation
import GRDB
import Testing

/// The CRM record through the binary: what the rep types, what they see,
/// and what the database file holds afterwards.
@Suite struct CRMEndToEndTests {
    func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../QualifyExchangeTests/Fixtures/\(name)").standardized.path
    }

    @Test func opportunityFieldsHistoryAndRefusals() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        let added = try q.run(["opportunity", "add", "Rollout", "--account", "Acme Corp", "--amount", "120 000",
                               "--close", "2027-03-31", "--stage", "Needs Analysis", "--next-milestone", "Workshop, \"Tuesday\""])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("note: the name does not mention Acme Corp; names like \"Acme Corp - Rollout\" are easier to find."))

        let ambiguous = try q.run(["opportunity", "set", "Rollout", "amount", "1.200,50"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr == "qualify: amount: \"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR\n")
        let hundred = try q.run(["opportunity", "set", "Rollout", "probability", "100"])
        #expect(hundred.status == 1 && hundred.stderr.contains("100 is kept for a closed-won stage"))
        let badField = try q.run(["opportunity", "set", "Rollout", "budget", "3"])
        #expect(badField.status == 64 && noCrash(badField))

        let past = try q.run(["opportunity", "set", "rollout", "close-date", "2020-01-31", "amount", "125000.50 USD", "stage", "Closed Won"])
        #expect(past.status == 0)
        #expect(past.stderr == "note: the close date 2020-01-31 is in the past; it was kept. Change it if the deal slipped.\n")

        let shown = try q.run(["opportunity", "show", "Rollout", "--history"])
        #expect(shown.status == 0)
        for line in ["Amount         125 000.50 USD", "Expected close 2020-01-31", "Stage          Closed Won (closed won)",
                     "Probability    100%", "Next milestone Workshop, \"Tuesday\"", "Owner          Rep O'Neil"] {
            #expect(shown.stdout.contains(line), "\(line)")
        }
        for change in ["stage: Needs Analysis -> Closed Won  (Rep O'Neil)", "amount: 120 000 EUR -> 125 000.50 USD",
                       "probability: 25% -> 100%", "close-date: 2027-03-31 -> 2020-01-31"] {
            #expect(shown.stdout.contains(change), "\(change)")
        }
        let db = try DatabaseQueue(path: q.databasePath)
        let stored = try db.read { try Row.fetchOne($0, sql: "SELECT amountHundredths, currency, closeDate FROM opportunity")! }
        #expect(stored["amountHundredths"] == 12_500_050 as Int64 && stored["currency"] == "USD" && stored["closeDate"] == "2020-01-31")

        let list = try q.run(["opportunity", "list"])
        #expect(list.stdout.hasPrefix("Rollout      Acme Corp  Closed Won  125 000.50 USD  2020-01-31  100%   missing: problem"))
        #expect(try q.run(["opportunity", "remove", "Rollout"]).status == 0)
        #expect(try q.run(["opportunity", "show", "Rollout"]).status == 1)
    }

    @Test func stagesAreConfigurableAndRemovalNeedsReassign() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Acme - Deal")
        #expect(try q.run(["stage", "add", "Discovery", "--probability", "15", "--position", "2"]).status == 0)
        #expect(try q.run(["opportunity", "set", "Acme - Deal", "stage", "Discovery"]).status == 0)
        let refused = try q.run(["stage", "remove", "Discovery"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: 1 opportunity is at stage \"Discovery\"; move them with --reassign STAGE.\n")
        let removed = try q.run(["stage", "remove", "Discovery", "--reassign", "Qualification"])
        #expect(removed.stdout == "Removed stage \"Discovery\"; 1 opportunity moved to \"Qualification\".\n")
        #expect(try q.run(["stage", "rename", "Qualification", "Qualified"]).status == 0)
        #expect(try q.run(["stage", "move", "Qualified", "1"]).status == 0)
        let list = try q.run(["stage", "list"])
        #expect(list.stdout.split(separator: "\n")[1].hasPrefix("1   Qualified"))
        #expect(list.stdout.contains("closed won"))
        let wrongCase = try q.run(["opportunity", "set", "Acme - Deal", "stage", "closed won"])
        #expect(wrongCase.status == 1 && wrongCase.stderr.contains("Did you mean \"Closed Won\""))
    }

    @Test func theLetterIsAddressedToTheSponsorThenThePowerSponsor() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["contact", "add", "Dana Smith", "--account", "Acme Corp", "--title", "VP Sales", "--email", "dana@acme.example"]).status == 0)
        #expect(try q.run(["contact", "add", "Lee Chen", "--account", "Acme Corp", "--title", "CFO"]).status == 0)
        let badEmail = try q.run(["contact", "add", "X", "--account", "Acme Corp", "--email", "x-at-acme"])
        #expect(badEmail.status == 1 && badEmail.stderr == "qualify: \"x-at-acme\" is not an e-mail address; write it like name@example.com.\n")
        #expect(try q.run(["opportunity", "set", "Acme - Forecasting", "sponsor", "dana smith"]).status == 0)
        #expect(try q.run(["letter", "Acme - Forecasting"]).stdout.contains("Dear Dana Smith,"))
        #expect(try q.run(["opportunity", "set", "Acme - Forecasting", "power-sponsor", "Lee Chen"]).status == 0)
        #expect(try q.run(["letter", "Acme - Forecasting"]).stdout.contains("Dear Lee Chen,"))
        let unknown = try q.run(["opportunity", "set", "Acme - Forecasting", "sponsor", "Nobody"])
        #expect(unknown.status == 1 && unknown.stderr.contains("qualify contact add \"Nobody\" --account \"Acme Corp\""))
    }

    @Test func leadsConvertOnceCarryingEveryField() throws {
        let q = try QualifyBinary()
        let added = try q.run(["lead", "add", "Peter Gibbons", "--company", "Initech", "--title", "Engineer",
                               "--email", "peter@initech.example", "--phone", "555-0100", "--source", "Web", "--notes", "Hates \"TPS\" reports"])
        #expect(added.stdout == "Added lead #1 Peter Gibbons (Initech).\n")
        let converted = try q.run(["lead", "convert", "1", "--opportunity", "Initech - TPS", "--amount", "5000"])
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.contains("account \"Initech\" (new)") && converted.stdout.contains("opportunity \"Initech - TPS\", sponsor Peter Gibbons"))
        let again = try q.run(["lead", "convert", "Peter Gibbons"])
        #expect(again.status == 1 && again.stderr.contains("was already converted"))
        let shown = try q.run(["lead", "show", "#1"])
        #expect(shown.stdout.contains("Opportunity Initech - TPS") && shown.stdout.contains("Contact     Peter Gibbons"))
        let record = try q.run(["opportunity", "show", "Initech - TPS"])
        #expect(record.stdout.contains("Lead source    Web") && record.stdout.contains("Description    Hates \"TPS\" reports"))
        #expect(record.stdout.contains("Sponsor        Peter Gibbons, Engineer, <peter@initech.example>"))
    }

    @Test func csvImportReportsBadRowsAndWritesNothing() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let file = fixture("suitecrm-opportunities.csv")
        let refused = try q.run(["import", "opportunities", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("qualify: \(file):3: column \"Opportunity Amount\": \"1.200,50\" is ambiguous"))
        #expect(refused.stderr.contains("qualify: \(file):4: column \"Expected Close Date\": \"01/02/2027\" could be read day-first or month-first"))
        #expect(refused.stderr.contains("note: ignored columns: \"Campaign\""))
        #expect(refused.stderr.contains("nothing was imported"))
        let dry = try q.run(["import", "opportunities", file, "--dry-run", "--skip-invalid"])
        #expect(dry.stdout.contains("Dry run of \(file): 1 added, 0 changed, 0 unchanged, 2 bad rows; nothing was written."))
        let db = try DatabaseQueue(path: q.databasePath)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM opportunity") } == 0)
        let partial = try q.run(["import", "opportunities", file, "--skip-invalid"])
        #expect(partial.status == 0 && partial.stdout == "Imported \(file): 1 added, 0 changed, 0 unchanged, 2 bad rows.\n")
        let duplicate = try q.run(["import", "opportunities", file, "--skip-invalid", "--on-duplicate", "skip"])
        // A file without ids names its deals: the same file again is the same deals, unchanged.
        #expect(duplicate.stdout.contains("0 added, 0 changed, 1 unchanged, 2 bad rows"), "\(duplicate.stdout)")
        let missing = try q.run(["import", "opportunities", "/nonexistent.csv"])
        #expect(missing.status == 1 && missing.stderr == "qualify: cannot read /nonexistent.csv; give the path of a CSV file.\n")
    }

    @Test func importAllSaysWhatItAddedInWordsNotTableNames() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep)
        // Addressed, so the letter has no gap and can be marked sent.
        #expect(try rep.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp"]).status == 0)
        #expect(try rep.run(["opportunity", "set", "Acme - Forecasting", "sponsor", "Mojca Žagar"]).status == 0)
        #expect(try rep.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines).status == 0)
        #expect(try rep.run(["plan", "add", "Acme - Forecasting", "Pilot", "--who", "us", "--due", "+14d"]).status == 0)
        #expect(try rep.run(["letter", "Acme - Forecasting"]).status == 0)
        #expect(try rep.run(["letter", "mark", "Acme - Forecasting", "sent"]).status == 0)
        let file = rep.home.appendingPathComponent("team.jsonl").path
        #expect(try rep.run(["export", "all", "-o", file]).status == 0)
        let imported = try QualifyBinary().run(["import", "all", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        for words in ["1 letter mark", "1 plan step", "1 opportunity"] {
            #expect(imported.stdout.contains(words), "\(imported.stdout)")
        }
        #expect(!imported.stdout.contains("letterMark") && !imported.stdout.contains("planStep") && !imported.stdout.contains("letterQuote"),
                "\(imported.stdout)")
    }

    @Test func exportAllIsOwnerOnlyAndImportsIdempotently() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep)
        #expect(try rep.run(["opportunity", "set", "Acme - Forecasting", "amount", "99.99"]).status == 0)
        #expect(try rep.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines).status == 0)
        let file = rep.home.appendingPathComponent("team.jsonl").path
        #expect(try rep.run(["export", "all", "--format", "jsonl", "--output", file]).status == 0)
        let mode = try (FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
        let manager = try QualifyBinary()
        let first = try manager.run(["import", "all", file])
        #expect(first.status == 0 && first.stdout.contains("1 opportunity"))
        let second = try manager.run(["import", "all", file])
        #expect(second.stdout.contains("added nothing"))
        let again = try manager.run(["export", "all"])
        #expect(again.stdoutData == (try Data(contentsOf: URL(fileURLWithPath: file))))
        let csv = try manager.run(["export", "opportunities"])
        #expect(csv.stdout.hasPrefix("Opportunity Name,Account Name,Amount,"))
        #expect(csv.stdout.contains("Acme - Forecasting,Acme Corp,99.99,EUR,"))
        let wrongFormat = try manager.run(["export", "all", "--format", "csv"])
        #expect(wrongFormat.status == 64)
    }

    @Test func mapNamesUnknownColumnsAndLeadsRoundTripThroughCSV() throws {
        let q = try QualifyBinary()
        let file = q.home.appendingPathComponent("hand-made.csv").path
        try "Deal,Customer,Deal Size,Stage\r\nHooli - Search,Hooli,\"1 500\",Qualification\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unmapped = try q.run(["import", "opportunities", file])
        #expect(unmapped.status == 1 && unmapped.stderr.contains("no column gives the name"))
        let mapped = try q.run(["import", "opportunities", file, "--map", "Deal=name", "--map", "Customer=account",
                                "--map", "Deal Size=amount", "--create-accounts"])
        #expect(mapped.status == 0 && mapped.stdout == "Imported \(file): 1 added, 0 changed, 0 unchanged, 1 account created.\n")
        #expect(try q.run(["opportunity", "show", "Hooli - Search"]).stdout.contains("Amount         1 500 EUR"))
        #expect(try q.run(["import", "leads", fixture("vtiger-leads.csv"), "--skip-invalid"]).status == 0)
        let leads = try q.run(["lead", "list"])
        #expect(leads.stdout == "Lead  Person         Company  Source  State\n#1    Peter Gibbons  Initech  Web     open\n")
        let exported = try q.run(["export", "leads", "--format", "json"])
        #expect(exported.stdout.contains("\"notes\" : \"Wants \\\"fewer bosses\\\"\""))
        let accounts = try q.run(["export", "accounts"])
        #expect(accounts.stdoutData == Data("Account Name,Source CRM,Id,Name in qualify\r\nHooli,,,Hooli\r\n".utf8))
    }

    @Test func aBrokenConfigIsAnErrorThatNamesTheFile() throws {
        let q = try QualifyBinary()
        let folder = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "currency: [EUR\n".write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let result = try q.run(["account", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("qualify: \(folder.appendingPathComponent("config.yaml").path) is not a valid qualify config"))
    }

    /// A wrong value names its key in one line; the interview does not fall back to the login name.
    @Test func aWrongConfigValueNamesItsKeyAndTheInterviewStops() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "homeDays: soon\n".write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let interview = try q.run(["interview", "Acme - Forecasting"], input: Data("the problem\n".utf8),
                                  extraEnvironment: ["QUALIFY_REP": ""])
        #expect(interview.status == 1)
        #expect(interview.stderr.hasSuffix("is not a valid qualify config: at homeDays: expected a whole number; fix or remove it\n"), "\(interview.stderr)")
        #expect(interview.stderr.split(separator: "\n").count == 1)
        #expect(try statements(in: q.databasePath).isEmpty)
    }

    @Test func theConfiguredCurrencyAndOwnerAreTheDefaults() throws {
        let q = try QualifyBinary()
        let folder = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "currency: CHF\nowner: Jo Rep\n".write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        try setUpOpportunity(q)
        #expect(try q.run(["opportunity", "set", "Acme - Forecasting", "amount", "10"]).status == 0)
        let shown = try q.run(["opportunity", "show", "Acme - Forecasting"])
        #expect(shown.stdout.contains("Amount         10 CHF") && shown.stdout.contains("Owner          Jo Rep"))
    }
}
