import Foundation
import GRDB
import Testing

/// What a demanding sales-ops admin tripped over in the CRM record, each
/// kept as the command that showed it.
@Suite struct CRMQATests {
    /// An emoji takes two terminal columns: the list's columns still line up.
    @Test func listsLineUpAroundEmojiAndAccents() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Acme 😬 - Šef")
        #expect(try q.run(["opportunity", "add", "Acme - Rollout", "--account", "Acme Corp"]).status == 0)
        let lines = try q.run(["opportunity", "list"]).stdout.split(separator: "\n").map(String.init)
        // Columns on screen: 😬 is one character but two columns.
        let columns = { (text: Substring) in text.count + text.filter { $0.unicodeScalars.first!.properties.isEmojiPresentation }.count }
        let accountColumns = lines.compactMap { line in line.range(of: "Acme Corp").map { columns(line[..<$0.lowerBound]) } }
        #expect(accountColumns.count == 2 && Set(accountColumns).count == 1, "\(lines)")
    }

    /// A value that starts with "-" is a value to `opportunity set`, so it gets
    /// the field's own message instead of an unknown-option error.
    @Test func aValueStartingWithADashGetsTheFieldsOwnMessage() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let back = try q.run(["opportunity", "set", "Acme - Forecasting", "close", "-5d"])
        #expect(back.status == 1)
        #expect(back.stderr == "qualify: close-date: \"-5d\" counts back; a close date is ahead: +30d, +6w, or a past date as YYYY-MM-DD\n")
        let negative = try q.run(["opportunity", "set", "Acme - Forecasting", "probability", "-5"])
        #expect(negative.stderr.hasPrefix("qualify: probability: \"-5\" is not a probability"))
    }

    /// A name must fit the CRMs it is exported to (120 characters in vtiger
    /// and Salesforce); a pasted page would also make every list unreadable.
    @Test func namesLongerThanCRMsKeepAreRefused() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let longest = String(repeating: "ž", count: 120)
        #expect(try q.run(["account", "add", longest]).status == 0)
        let tooLong = try q.run(["opportunity", "add", String(repeating: "x", count: 100_000), "--account", "Acme Corp"])
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr == "qualify: the opportunity name is 100000 characters long; CRMs keep at most 120 (vtiger, Salesforce): shorten it.\n")
        let renamed = try q.run(["opportunity", "set", "Acme - Forecasting", "name", String(repeating: "y", count: 121)])
        #expect(renamed.status == 1)
        #expect(try q.run(["opportunity", "show", "Acme - Forecasting"]).status == 0)
    }

    /// Issue 3: every bad row is reported with its line, column and reason,
    /// for accounts and leads as for opportunities; a name given twice in one
    /// file is a repeat, not "already stored" (and a stored name without an id is that account).
    @Test func badAccountAndLeadRowsNameTheirColumnAndRepeatsInTheFile() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let accounts = q.home.appendingPathComponent("accounts.csv")
        try Data("Account Name\nInitech\nGlobex\nglobex\n".utf8).write(to: accounts)
        let refused = try q.run(["import", "accounts", accounts.path])
        #expect(refused.status == 1)
        // Initech, typed by hand and named without an id, is the file's Initech: not a duplicate.
        #expect(!refused.stderr.contains("accounts.csv:2:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("accounts.csv:4: column \"Account Name\": \"globex\" is already on line 3 of this file."))

        let leads = q.home.appendingPathComponent("leads.csv")
        try Data("First Name,Last Name,Company,Email\r\nMojca,Žagar,Acme,mojca@acme\r\nMarko,Novak,Acme,m@acme.si\r\nmojca,žagar,ACME,x@acme.si\r\n".utf8).write(to: leads)
        let bad = try q.run(["import", "leads", leads.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("leads.csv:2: column \"Email\": \"mojca@acme\" is not an e-mail address"), "\(bad.stderr)")
        #expect(bad.stderr.contains("leads.csv:4: column \"First Name + Last Name\": \"mojca žagar\" is already on line 2 of this file."))
        #expect(try q.run(["lead", "list"]).stdout.contains("Marko") == false)

        let deals = q.home.appendingPathComponent("deals.csv")
        try Data("Opportunity Name,Account Name\nInitech - TPS,Initech\ninitech - tps,Initech\n".utf8).write(to: deals)
        let twice = try q.run(["import", "opportunities", deals.path])
        #expect(twice.stderr.contains("deals.csv:3: column \"Opportunity Name\": \"initech - tps\" is already on an earlier line of this file."), "\(twice.stderr)")
    }

    /// Reassigning a closed-won stage's deals to an open stage must not leave
    /// them at 100% there: every later `set` would be refused for it.
    @Test func removingAStageWithReassignAppliesTheNewStagesProbability() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Acme - Won")
        #expect(try q.run(["opportunity", "set", "Acme - Won", "stage", "Closed Won"]).status == 0)
        // The only won stage stays: without it a won deal has nowhere to go.
        let only = try q.run(["stage", "remove", "Closed Won", "--reassign", "Negotiation/Review"])
        #expect(only.status == 1 && only.stderr == "qualify: \"Closed Won\" is the only closed-won stage; add another first (qualify stage add NAME --closed won), then remove it.\n",
                "\(only.stderr)")
        let added = try q.run(["stage", "add", "Won - Signed", "--closed", "won", "--probability", "100"])
        #expect(added.status == 0, "\(added.stderr)")
        let removed = try q.run(["stage", "remove", "Closed Won", "--reassign", "Negotiation/Review"])
        #expect(removed.status == 0, "\(removed.stderr)")

        let shown = try q.run(["opportunity", "show", "Acme - Won", "--history"])
        #expect(shown.stdout.contains("Probability    80%"), "\(shown.stdout)")
        #expect(shown.stdout.contains("probability: 100% -> 80%"), "\(shown.stdout)")
        let later = try q.run(["opportunity", "set", "Acme - Won", "next-milestone", "Kick-off"])
        #expect(later.status == 0, "\(later.stderr)")
    }

    /// SuiteCRM writes empty cells for fields nobody filled in: an empty Sales Stage is no
    /// value and takes the first stage, as a missing column does; an empty Assigned to says
    /// nobody owns the deal, so it is stored without an owner, not given to the importing rep.
    @Test func emptyStageCellTakesTheFirstStageAndAnEmptyOwnerCellNoOwner() throws {
        let q = try QualifyBinary()
        let file = q.home.appendingPathComponent("suitecrm.csv")
        try Data("""
            "Opportunity Name","Account Name","Opportunity Amount","Sales Stage","Probability (%)","Assigned to"\r
            "Beta - Upsell","Beta GmbH","","","",""\r

            """.utf8).write(to: file)
        let imported = try q.run(["import", "opportunities", file.path, "--create-accounts"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let shown = try q.run(["opportunity", "show", "Beta - Upsell"])
        for line in ["Stage          Prospecting", "Probability    10%", "Owner          -\n"] {
            #expect(shown.stdout.contains(line), "\(line)")
        }

        let cleared = try q.run(["opportunity", "set", "Beta - Upsell", "stage", ""])
        #expect(cleared.status == 1)
        #expect(cleared.stderr == "qualify: stage: the stage is empty; every opportunity is at a stage: give one from qualify stage list.\n")
    }

    /// Two reps who both met Mojca at Acme: the manager's database has one
    /// Mojca, as `contact add` would allow, and both deals name her.
    @Test func mergingTwoRepsKeepsOneContactPerPersonAndAccount() throws {
        let manager = try QualifyBinary()
        for rep in ["A", "B"] {
            let q = try QualifyBinary()
            #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
            #expect(try q.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp", "--title", "VP Sales"]).status == 0)
            #expect(try q.run(["opportunity", "add", "Acme Corp - \(rep)", "--account", "Acme Corp", "--sponsor", "Mojca Žagar"]).status == 0)
            let file = manager.home.appendingPathComponent("rep\(rep).jsonl").path
            #expect(try q.run(["export", "all", "--format", "jsonl", "-o", file]).status == 0)
            let imported = try manager.run(["import", "all", file])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let again = try manager.run(["import", "all", manager.home.appendingPathComponent("repB.jsonl").path])
        #expect(again.stdout.contains("added nothing"), "\(again.stdout)")

        let contacts = try manager.run(["contact", "list"])
        #expect(contacts.stdout.components(separatedBy: "Mojca Žagar").count == 2, "\(contacts.stdout)")
        let db = try DatabaseQueue(path: manager.databasePath)
        let sponsors = try db.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT sponsorId) FROM opportunity")! }
        #expect(sponsors == 1)
    }

    /// Two reps' deals that share a name are two deals in the manager's database: the second is
    /// renamed (and says so), `stats` counts both reps, and both reps' words are there.
    @Test func mergingTwoRepsKeepsBothDealsOfOneName() throws {
        let manager = try QualifyBinary()
        for (rep, amount) in [("Ana", "100000"), ("Marko", "250000")] {
            let q = try QualifyBinary()
            #expect(try q.run(["account", "add", "Nissan Motors"]).status == 0)
            #expect(try q.run(["opportunity", "add", "System Assessment", "--account", "Nissan Motors", "--amount", amount]).status == 0)
            let interview = try q.run(["interview", "System Assessment"], lines: ["\(rep)'s problem", "\(rep)'s pain", ""])
            #expect(interview.status == 0, "\(interview.stderr)")
            #expect(try q.run(["opportunity", "set", "System Assessment", "owner", rep]).status == 0)
            let file = manager.home.appendingPathComponent("\(rep).jsonl").path
            #expect(try q.run(["export", "all", "-o", file]).status == 0)
        }
        #expect(try manager.run(["import", "all", manager.home.appendingPathComponent("Ana.jsonl").path]).status == 0)
        let second = try manager.run(["import", "all", manager.home.appendingPathComponent("Marko.jsonl").path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("added 1 opportunity,") && second.stdout.contains("; 1 renamed."), "\(second.stdout)")
        #expect(second.stderr.contains(": opportunity \"System Assessment\" is another opportunity's name here; stored as \"System Assessment - Nissan Motors\" (\"System Assessment\" kept as its name in CRM)\n"), "\(second.stderr)")

        let list = try manager.run(["opportunity", "list", "--columns", "name,amount,owner", "--format", "csv"])
        #expect(list.stdout.contains("System Assessment,100000,Ana") && list.stdout.contains("System Assessment - Nissan Motors,250000,Marko"), "\(list.stdout)")
        let stats = try manager.run(["stats"])
        let byRep = stats.stdout.components(separatedBy: "By rep").last ?? ""
        #expect(byRep.contains("\nAna ") && byRep.contains("\nMarko "), "\(stats.stdout)")
        let words = try manager.run(["review", "--format", "csv"])
        for said in ["Ana's problem", "Ana's pain", "Marko's problem", "Marko's pain"] { #expect(words.stdout.contains(said), "\(said)") }
    }

    /// `import all` is how a manager consolidates: a byte that is not UTF-8
    /// must refuse the file, not become U+FFFD in a buyer's words; a folder
    /// is no file.
    @Test func importAllRefusesAByteThatIsNotUTF8AndAFolder() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep, name: "Acme - Rollout")
        let file = rep.home.appendingPathComponent("all.jsonl")
        #expect(try rep.run(["export", "all", "--format", "jsonl", "-o", file.path]).status == 0)
        var bytes = try Data(contentsOf: file)
        bytes.replaceSubrange(bytes.range(of: Data("Rollout".utf8))!, with: Data([0x52, 0xFF, 0x6C]))
        try bytes.write(to: file)

        let manager = try QualifyBinary()
        let damaged = try manager.run(["import", "all", file.path])
        #expect(damaged.status == 1)
        #expect(damaged.stderr.hasPrefix("qualify: line "), "\(damaged.stderr)")
        #expect(damaged.stderr.contains(" is not UTF-8 text; nothing was imported."), "\(damaged.stderr)")
        // The refused first import started the database; it leaves none behind.
        #expect(!FileManager.default.fileExists(atPath: manager.databasePath))

        let folder = try manager.run(["import", "all", manager.home.path])
        #expect(folder.status == 1)
        #expect(folder.stderr == "qualify: cannot read \(manager.home.path); give the path of a file written by qualify export all --format jsonl.\n")
    }

    /// A typo in --map's column imported every row without the amount.
    @Test func mapNamingAColumnTheFileLacksIsRefused() throws {
        let q = try QualifyBinary()
        let file = q.home.appendingPathComponent("deals.csv")
        try Data("Deal,Customer,Deal Size\nD1,Acme,120000\n".utf8).write(to: file)
        let typo = try q.run(["import", "opportunities", file.path, "--create-accounts",
                              "--map", "Deal=name", "--map", "Customer=account", "--map", "Deal Sise=amount"])
        #expect(typo.status == 1)
        #expect(typo.stderr == "qualify: \(file.path): --map \"Deal Sise=amount\" names no column of the file (found \"Deal\", \"Customer\", \"Deal Size\").\n")
        #expect(!FileManager.default.fileExists(atPath: q.databasePath))
    }

    /// A usage error points at the help of the command that was typed, not at `qualify --help`.
    @Test func usageErrorsNameTheSubcommandsHelp() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Acme - Rollout")
        let field = try q.run(["opportunity", "set", "Acme - Rollout", "budget", "3"])
        #expect(field.status == 64)
        #expect(field.stderr.contains("See 'qualify opportunity set --help'"), "\(field.stderr)")
        #expect(try q.run(["lead", "add", "Jana Novak", "--company", "Beta"]).status == 0)
        let convert = try q.run(["lead", "convert", "1", "--amount", "5"])
        #expect(convert.status == 64)
        #expect(convert.stderr.contains("See 'qualify lead convert --help'"), "\(convert.stderr)")
    }
}
