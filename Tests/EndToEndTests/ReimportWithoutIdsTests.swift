import Foundation
import Testing

/// Files without CRM ids (vtiger, SuiteCRM without ID, hand-made, qualify's own export of
/// deals made in qualify) imported again: each row is the stored record of its name and
/// account, so a second import changes what changed and adds nothing.
@Suite struct ReimportWithoutIdsTests {
    @Test func theSameIdLessFileImportedThreeTimesKeepsOneDeal() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
        let file = try write("Opportunity Name,Account Name,Stage,Amount,Close Date\nHand Deal X,Globex,Prospecting,1000,2027-03-03\n",
                             to: "h.csv", in: q)
        #expect(try q.run(["import", "opportunities", file, "--on-duplicate", "rename"]).stdout == "Imported \(file): 1 added, 0 changed, 0 unchanged.\n")
        for flags in [["--on-duplicate", "rename"], ["--on-duplicate", "rename"], []] {
            let again = try q.run(["import", "opportunities", file] + flags)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout == "Imported \(file): 0 added, 0 changed, 1 unchanged.\n", "\(again.stderr)")
        }
        #expect(try q.run(["export", "opportunities"]).stdout.split(separator: "\r\n").count == 2)

        // A changed amount is a change of that deal, with its history row.
        let changed = try write("Opportunity Name,Account Name,Stage,Amount,Close Date\nHand Deal X,Globex,Prospecting,1500,2027-03-03\n",
                                to: "h2.csv", in: q)
        #expect(try q.run(["import", "opportunities", changed, "--on-duplicate", "rename"]).stdout == "Imported \(changed): 0 added, 1 changed, 0 unchanged.\n")
        let shown = try q.run(["opportunity", "show", "Hand Deal X", "--history"]).stdout
        #expect(shown.contains("Amount         1 500 EUR\n"), "\(shown)")
        #expect(shown.contains("  amount: 1 000 EUR -> 1 500 EUR  ("), "\(shown)")
        #expect(try q.run(["export", "opportunities"]).stdout.split(separator: "\r\n").count == 2)
    }

    @Test func aNameRepeatedInTheFileOrTakenByAnotherAccountMatchesTheDealsItWasRenamedTo() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
        #expect(try q.run(["account", "add", "Acme"]).status == 0)
        #expect(try q.run(["opportunity", "add", "Fleet", "--account", "Acme"]).status == 0)
        let file = try write("""
            Opportunity Name,Account Name,Stage,Amount,Close Date
            Renewal,Globex,Prospecting,1,2027-03-03
            Renewal,Globex,Prospecting,2,2027-03-03
            Fleet,Globex,Prospecting,3,2027-03-03

            """, to: "r.csv", in: q)
        let first = try q.run(["import", "opportunities", file, "--on-duplicate", "rename"])
        #expect(first.stdout == "Imported \(file): 3 added, 0 changed, 0 unchanged, 2 renamed.\n", "\(first.stderr)")
        let second = try q.run(["import", "opportunities", file, "--on-duplicate", "rename"])
        #expect(second.stdout == "Imported \(file): 0 added, 0 changed, 3 unchanged.\n", "\(second.stderr)")
        let third = try q.run(["import", "opportunities", file])
        #expect(third.stdout == "Imported \(file): 0 added, 0 changed, 3 unchanged.\n", "\(third.stderr)")
        let names = try q.run(["export", "opportunities"]).stdout.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(names.sorted() == ["Fleet", "Fleet - Globex", "Renewal", "Renewal - Globex"])
        // Acme's own Fleet, typed by hand, is still another account's deal.
        #expect(try q.run(["opportunity", "show", "Fleet"]).stdout.contains("Amount         -\n"))
    }

    @Test func anExportImportedTwiceIntoAFreshDatabaseChangesNothingTheSecondTime() throws {
        let rep = try QualifyBinary()
        #expect(try rep.run(["account", "add", "Globex"]).status == 0)
        #expect(try rep.run(["opportunity", "add", "Pilot", "--account", "Globex"]).status == 0)
        #expect(try rep.run(["opportunity", "add", "Rollout", "--account", "Globex"]).status == 0)
        let exported = rep.home.appendingPathComponent("opp.csv").path
        #expect(try rep.run(["export", "opportunities", "-o", exported]).status == 0)

        let fresh = try QualifyBinary()
        let first = try fresh.run(["import", "opportunities", exported, "--create-accounts"])
        #expect(first.stdout == "Imported \(exported): 2 added, 0 changed, 0 unchanged, 1 account created.\n", "\(first.stderr)")
        let second = try fresh.run(["import", "opportunities", exported, "--create-accounts"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "Imported \(exported): 0 added, 0 changed, 2 unchanged.\n", "\(second.stderr)")
    }

    @Test func anIdLessAccountsFileImportedTwiceKeepsOneAccount() throws {
        let q = try QualifyBinary()
        let file = try write("Account Name\nFoo Ltd\n", to: "a.csv", in: q)
        #expect(try q.run(["import", "accounts", file, "--on-duplicate", "rename"]).stdout == "Imported \(file): 1 added, 0 changed, 0 unchanged.\n")
        #expect(try q.run(["import", "accounts", file, "--on-duplicate", "rename"]).stdout == "Imported \(file): 0 added, 0 changed, 1 unchanged.\n")
        let plain = try q.run(["import", "accounts", file])
        #expect(plain.status == 0 && plain.stdout == "Imported \(file): 0 added, 0 changed, 1 unchanged.\n", "\(plain.stderr)")
        #expect(try q.run(["account", "list"]).stdout == "Foo Ltd\n")
    }
}
