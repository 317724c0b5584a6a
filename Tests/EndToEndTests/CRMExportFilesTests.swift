import Foundation
import GRDB
import Testing

/// Real CRM exports, whole: Salesforce Data Loader files with ids and
/// repeated names, Zoho's display formats, label-style files.
@Suite struct CRMExportFilesTests {
    /// The hand-written exports beside the exchange tests.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../QualifyExchangeTests/Fixtures/\(name)").standardized.path
    }

    let accounts = Self.fixture("salesforce-dataloader-accounts.csv")
    let opportunities = Self.fixture("salesforce-dataloader-opportunities.csv")

    @Test func opportunitiesBeforeTheirAccountsNameTheAccountsFile() throws {
        let q = try QualifyBinary()
        let early = try q.run(["import", "opportunities", opportunities])
        #expect(early.status == 1)
        #expect(early.stderr.contains("3 rows: account id not imported \"001f4000003NkdYAAS\" (1), \"001f4000003NkdZAAS\" (1), \"001f4000003Nke0AAC\" (1): import the accounts file of the same export first (qualify import accounts Accounts.csv), then this file\n"), "\(early.stderr)")
        #expect(early.stderr.contains("\(opportunities):2: column \"AccountId\": account id \"001f4000003NkdYAAS\" was never imported from salesforce.\n"))
    }

    @Test func repeatedNamesAreKeptByRenamingAndReimportChangesNothing() throws {
        let q = try QualifyBinary()
        let plain = try q.run(["import", "accounts", accounts])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("an account called \"Acme Corp\" already exists with another id (001f4000003NkdZAAS); --on-duplicate rename keeps both"), "\(plain.stderr)")
        #expect(plain.stderr.hasSuffix("qualify: \(accounts) has 1 row whose name another record has; nothing was imported. --on-duplicate rename keeps every account (numbered), --on-duplicate skip keeps the stored one.\n"))
        // The summary says the same fix as the last line (it once said "keeps the first" there).
        #expect(plain.stderr.contains("1 row: repeated name \"Acme Corp\" (1): --on-duplicate rename keeps every account (numbered), --on-duplicate skip keeps the stored one\n"), "\(plain.stderr)")
        let renamedAccounts = try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"])
        #expect(renamedAccounts.status == 0, "\(renamedAccounts.stderr)")
        #expect(renamedAccounts.stdout == "Imported \(accounts): 3 added, 0 changed, 0 unchanged, 1 renamed.\n")
        #expect(renamedAccounts.stderr.contains("\(accounts):4: \"Acme Corp\" is taken; stored as \"Acme Corp (2)\""))

        let refused = try q.run(["import", "opportunities", opportunities])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("2 rows: repeated name \"System Assessment\" (2): --on-duplicate rename keeps every deal (adding the account name), --on-duplicate skip keeps the first"), "\(refused.stderr)")
        let imported = try q.run(["import", "opportunities", opportunities, "--on-duplicate", "rename"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Imported \(opportunities): 3 added, 0 changed, 0 unchanged, 2 renamed.\n")
        #expect(imported.stderr.contains("\"System Assessment\" is taken; stored as \"System Assessment - Acme Corp\""))
        #expect(imported.stderr.contains("\"System Assessment\" is taken; stored as \"System Assessment - Acme Corp (2)\""))
        // Linked by AccountId, not by name: the second Acme deal is at the second Acme account.
        let second = try q.run(["opportunity", "show", "System Assessment - Acme Corp (2)"])
        #expect(second.stdout.contains("Account        Acme Corp (2)"), "\(second.stdout)")
        #expect(second.stdout.contains("CRM id         salesforce 006f400000AAA3"))
        #expect(second.stdout.contains("Name in CRM    System Assessment"))
        #expect(second.stdout.contains("Next milestone -") && second.stdout.contains("Amount         7 000.50 EUR"))
        // A deal closed long ago is no news; nothing was said about its date.
        #expect(!imported.stderr.contains("past"))

        let before = try q.run(["export", "opportunities"])
        #expect(before.stdout.contains("System Assessment,Nissan Motors,22700,EUR,2020-12-22,Closed Won,100,"))
        #expect(before.stdout.contains(",salesforce,006f400000AAA1,001f4000003NkdYAAS,System Assessment\r\n"))
        // Data Loader updating by Id reads the name the CRM knows; qualify's own name rides in "Name in qualify".
        #expect(before.stdout.hasPrefix("Opportunity Name,") && before.stdout.contains(",Id,Account Id,Name in qualify\r\n"))
        #expect(before.stdout.contains("\r\nSystem Assessment,Acme Corp (2),7000.50,EUR,"), "\(before.stdout)")
        let accountsOut = try q.run(["export", "accounts"])
        #expect(accountsOut.stdout.contains("\r\nAcme Corp,salesforce,001f4000003Nke0AAC,Acme Corp (2)\r\n"), "\(accountsOut.stdout)")
        #expect(before.stdout.contains(",salesforce,006f400000AAA3,001f4000003Nke0AAC,System Assessment - Acme Corp (2)\r\n"), "\(before.stdout)")
        let again = try q.run(["import", "opportunities", opportunities, "--on-duplicate", "rename"])
        #expect(again.stdout == "Imported \(opportunities): 0 added, 0 changed, 3 unchanged.\n", "\(again.stderr)")
        #expect(!again.stderr.contains("had no currency"))
        let accountsAgain = try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"])
        #expect(accountsAgain.stdout == "Imported \(accounts): 0 added, 0 changed, 3 unchanged.\n")
        let after = try q.run(["export", "opportunities"])
        #expect(after.stdoutData == before.stdoutData)
        // qualify's own export reads back as the same records: nothing new, nothing changed.
        let file = q.home.appendingPathComponent("export.csv").path
        try before.stdoutData.write(to: URL(fileURLWithPath: file))
        let own = try q.run(["import", "opportunities", file])
        #expect(own.stdout == "Imported \(file): 0 added, 0 changed, 3 unchanged.\n", "\(own.stderr)")
    }

    @Test func aChangedRowUpdatesItsDealWithHistory() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        #expect(try q.run(["import", "opportunities", opportunities, "--on-duplicate", "rename"]).status == 0)
        let file = q.home.appendingPathComponent("changed.csv").path
        let changed = try String(contentsOfFile: opportunities, encoding: .utf8)
            .replacingOccurrences(of: "\"Prospecting\",\"5000\"", with: "\"Negotiation/Review\",\"6000\"")
            .replacingOccurrences(of: "\"10\",\"false\",\"false\",\"Call", with: "\"80\",\"false\",\"false\",\"Call")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
        let update = try q.run(["import", "opportunities", file, "--on-duplicate", "rename"])
        #expect(update.stdout == "Imported \(file): 0 added, 1 changed, 2 unchanged.\n", "\(update.stderr)")
        let history = try q.run(["opportunity", "show", "System Assessment - Acme Corp"])
        #expect(history.stdout.contains("Stage          Negotiation/Review"))
        #expect(history.stdout.contains("Amount         6 000 EUR"))
        let db = try DatabaseQueue(path: q.databasePath)
        let changes = try db.read { try String.fetchAll($0, sql: "SELECT field || ': ' || oldValue || ' -> ' || newValue FROM opportunityChange ORDER BY id") }
        #expect(changes == ["stage: Prospecting -> Negotiation/Review", "amount: 5 000 EUR -> 6 000 EUR", "probability: 10% -> 80%"])
    }

    @Test func stageAddPutsAnOpenStageBeforeTheClosedOnes() throws {
        let q = try QualifyBinary()
        let added = try q.run(["stage", "add", "Discovery", "--probability", "15"])
        #expect(added.stdout == "Added stage \"Discovery\" at position 9, 15%.\n")
        let closed = try q.run(["stage", "add", "Closed - No Budget", "--probability", "0", "--closed", "lost"])
        #expect(closed.stdout == "Added stage \"Closed - No Budget\" at position 12, 0%.\n")
    }

    @Test func zohoAmountsTakeTheCurrencyFlagAndTheSummarySaysWhatWasAssumed() throws {
        let q = try QualifyBinary()
        for account in ["Nissan Motors", "Globex"] { #expect(try q.run(["account", "add", account]).status == 0) }
        let file = Self.fixture("zoho-potentials.csv")
        let refused = try q.run(["import", "opportunities", file])
        #expect(refused.status == 1)
        // Said once, by sign, with the flag and where EUR came from; each row says only what is wrong with it.
        #expect(refused.stderr.contains("qualify: 2 rows: currency sign contradicts EUR \"$\" (2): import with --currency USD (or the code the $ stands for: CAD, AUD, NZD…); EUR came from qualify's default; currency: in config.yaml sets another\n"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(file):2: column \"Amount\": \"$22,700.00\" has a $ sign, which is not EUR\n"), "\(refused.stderr)")
        // Nothing was stored, so no note says what was stored or assumed.
        #expect(!refused.stderr.contains("had no currency") && !refused.stderr.contains("date-time"), "\(refused.stderr)")
        let imported = try q.run(["import", "opportunities", file, "--currency", "USD"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("note: 1 amount had no currency: stored as USD from --currency.\n"))
        #expect(imported.stderr.contains("note: 1 close date was a date-time: the date was kept, the time dropped.\n"))
        #expect(imported.stderr.contains("note: 1 open deal has its close date in the past: see qualify home.\n"))
        #expect(try q.run(["opportunity", "show", "Nissan - Fleet"]).stdout.contains("Amount         22 700 USD"))
    }

    @Test func createStagesAndDateFormatFromTheCommandLine() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let workbench = try q.run(["import", "opportunities", Self.fixture("salesforce-workbench-opportunities.csv"), "--create-stages", "--skip-invalid"])
        #expect(workbench.status == 0, "\(workbench.stderr)")
        #expect(workbench.stderr.contains("note: added stage \"Discovery\" (open, 20%)\n"))
        #expect(workbench.stdout.hasSuffix("5 added, 0 changed, 0 unchanged, 3 stages added, 2 bad rows.\n"), "\(workbench.stdout)")
        let suite = try q.run(["import", "opportunities", Self.fixture("suitecrm-opportunities.csv"), "--decimal-comma", "--date-format", "DMY",
                               "--map-stage", "Discovery=Qualification", "--skip-invalid"])
        #expect(suite.status == 0, "\(suite.stderr)")
        #expect(try q.run(["opportunity", "show", "Initech - Bad date"]).stdout.contains("Expected close 2027-02-01"))
        let badMap = try q.run(["import", "opportunities", Self.fixture("suitecrm-opportunities.csv"), "--map-stage", "Discovery"])
        #expect(badMap.status == 64 && badMap.stderr.contains("--map-stage \"Discovery\" is not From=To"))
    }

    @Test func homeListsOverdueDealsFirstAndSaysWhyEachIsThere() throws {
        let q = try QualifyBinary()
        for account in ["Nissan Motors", "Globex"] { #expect(try q.run(["account", "add", account]).status == 0) }
        #expect(try q.run(["import", "opportunities", Self.fixture("zoho-potentials.csv"), "--currency", "USD"]).status == 0)
        let home = try q.run(["home"])
        #expect(home.status == 0, "\(home.stderr)")
        let lines = home.stdout.split(separator: "\n").map(String.init)
        let listed = lines.filter { $0.hasPrefix("20") }
        #expect(listed.count == 3, "\(home.stdout)")
        #expect(listed[0].hasPrefix("2021-04-16  Nissan - Fleet") && listed[0].contains("22 700 USD") && listed[0].contains("overdue by "))
        #expect(listed[0].hasSuffix("days; no next milestone"))
        // Then the largest first.
        #expect(listed[1].hasPrefix("2027-04-16  Nissan - Parts") && listed[1].hasSuffix("no next milestone"))
        #expect(listed[2].hasPrefix("2027-04-16  Globex - Audit"))
        #expect(lines.contains("Pending (3)") && !home.stdout.contains("Nothing upcoming"))
    }

    /// A merged pipeline can hold tens of thousands of overdue deals: home shows
    /// the first 50 of each part and counts the rest, upcoming still reached.
    @Test func homeShowsTheFirstRowsOfEachPartAndCountsTheRest() throws {
        let q = try QualifyBinary()
        let soon = Calendar.current.date(byAdding: .day, value: 3, to: Date())!
        let c = Calendar.current.dateComponents([.year, .month, .day], from: soon)
        let soonText = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        var csv = "Opportunity Name,Account Name,Amount,Expected Close Date\r\n"
        for n in 1...55 { csv += "Overdue \(n),Acme,\(1000 + n),2021-03-\(String(format: "%02d", n % 28 + 1))\r\n" }
        for n in 1...2 { csv += "Soon \(n),Acme,\(500 + n),\(soonText)\r\n" }
        let file = q.home.appendingPathComponent("pipeline.csv")
        try Data(csv.utf8).write(to: file)
        let imported = try q.run(["import", "opportunities", file.path, "--create-accounts", "--currency", "EUR"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let home = try q.run(["home"])
        #expect(home.status == 0, "\(home.stderr)")
        let lines = home.stdout.split(separator: "\n").map(String.init)
        let pending = try #require(lines.firstIndex(of: "Pending (55)"), "\(home.stdout)")
        let upcoming = try #require(lines.firstIndex(of: "Upcoming (2)"), "\(home.stdout)")
        #expect(lines[(pending + 2)..<upcoming].filter { $0.hasPrefix("2021-") }.count == 50)
        #expect(lines.contains { $0.hasPrefix("… and 5 more") })
        #expect(lines[upcoming...].filter { $0.hasPrefix(soonText) }.count == 2)
    }

    @Test func sourceIdsTravelInExportAllSoTheManagersCopyUpdatesByThem() throws {
        let rep = try QualifyBinary()
        #expect(try rep.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        #expect(try rep.run(["import", "opportunities", opportunities, "--on-duplicate", "rename"]).status == 0)
        let file = rep.home.appendingPathComponent("team.jsonl").path
        #expect(try rep.run(["export", "all", "--format", "jsonl", "--output", file]).status == 0)
        let manager = try QualifyBinary()
        #expect(try manager.run(["import", "all", file]).status == 0)
        let again = try manager.run(["import", "opportunities", opportunities, "--on-duplicate", "rename"])
        #expect(again.stdout == "Imported \(opportunities): 0 added, 0 changed, 3 unchanged.\n", "\(again.stderr)")
    }

    @Test func contactsFindTheirAccountByIdAndReimportChangesNothing() throws {
        let q = try QualifyBinary()
        let contacts = Self.fixture("salesforce-dataloader-contacts.csv")
        let early = try q.run(["import", "contacts", contacts])
        #expect(early.status == 1 && early.stderr.contains("2 rows: account id not imported"), "\(early.stderr)")
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        let imported = try q.run(["import", "contacts", contacts])
        #expect(imported.stdout == "Imported \(contacts): 2 added, 0 changed, 0 unchanged.\n", "\(imported.stderr)")
        // Dana works at the second Acme Corp, found by its AccountId, not the first of that name.
        let list = try q.run(["contact", "list", "--account", "Acme Corp (2)"])
        #expect(list.stdout.contains("Dana Scully"), "\(list.stdout)")
        let again = try q.run(["import", "contacts", contacts])
        #expect(again.stdout == "Imported \(contacts): 0 added, 0 changed, 2 unchanged.\n")
        let exported = try q.run(["export", "contacts"])
        #expect(exported.stdout.contains("Dana Scully,Acme Corp (2),CFO,dana@acme2.example,,salesforce,003f4000001A,001f4000003Nke0AAC\r\n"), "\(exported.stdout)")
    }

    @Test func dataLoaderDecimalsForPercentsAndAmountsAreRead() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["import", "accounts", accounts, "--on-duplicate", "rename"]).status == 0)
        // Data Loader extracts write percent and currency fields as decimals.
        let file = q.home.appendingPathComponent("Opportunity.csv").path
        try """
            "Id","AccountId","Name","StageName","Amount","CloseDate","Probability","IsClosed","IsWon"
            "006f400000BBB1","001f4000003NkdYAAS","Nissan - Fleet","Prospecting","22700.0","2027-01-31","10.0","false","false"
            "006f400000BBB2","001f4000003NkdYAAS","Nissan - Parts","Prospecting","5000.0","2027-01-31","12.5","false","false"

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try q.run(["import", "opportunities", file, "--currency", "USD", "--skip-invalid"])
        #expect(result.stdout == "Imported \(file): 1 added, 0 changed, 0 unchanged, 1 bad row.\n", "\(result.stderr)")
        #expect(result.stderr.contains("\(file):3: column \"Probability\": \"12.5\" is not a probability; give a whole number from 0 to 99, e.g. 40\n"))
        let shown = try q.run(["opportunity", "show", "Nissan - Fleet"])
        #expect(shown.stdout.contains("Amount         22 700 USD\n") && shown.stdout.contains("Probability    10%\n"), "\(shown.stdout)")
    }
}
