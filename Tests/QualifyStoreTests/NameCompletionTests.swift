import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// What Tab offers from the stored names: the prefix in any case, in order,
/// a limited list that still tells the editor how far all matches agree.
@Suite struct NameCompletionTests {
    let scratch = Scratch()

    func database(accounts: [String]) throws -> QualifyDatabase {
        let db = try QualifyDatabase.open(path: scratch.path())
        for name in accounts { try db.addAccount(named: name) }
        return db
    }

    @Test func accountsStartingWithThePrefixInAnyCaseInOrder() throws {
        let db = try database(accounts: ["Globex", "acme labs", "Acme Corp", "Initech", "ACME Widgets"])
        #expect(try db.names(.accounts, startingWith: "acme") == NameMatches(first: ["Acme Corp", "acme labs", "ACME Widgets"], last: nil))
        #expect(try db.names(.accounts, startingWith: "ACME L").first == ["acme labs"])
        #expect(try db.names(.accounts, startingWith: "").first == ["Acme Corp", "acme labs", "ACME Widgets", "Globex", "Initech"])
        #expect(try db.names(.accounts, startingWith: "Umbrella").first.isEmpty)
    }

    @Test func lettersBeyondASCIIMatchInEitherCase() throws {
        let db = try database(accounts: ["Žito d.d.", "žaga s.p.", "Zavarovalnica", "Čokolada", "Šef Šport", "Šef šola"])
        #expect(try db.names(.accounts, startingWith: "ž").first == ["Žito d.d.", "žaga s.p."].sorted(by: QualifyDatabase.noCaseLess))
        #expect(try db.names(.accounts, startingWith: "ŽAG").first == ["žaga s.p."])
        #expect(try db.names(.accounts, startingWith: "šef š").first == ["Šef šola", "Šef Šport"].sorted(by: QualifyDatabase.noCaseLess))
        #expect(try db.names(.accounts, startingWith: "z").first == ["Zavarovalnica"])
    }

    /// Beyond the limit, the last match comes too: the editor completes only
    /// as far as every match agrees ("Account " here, not "Account 1").
    @Test func aLongListIsCutAndKeepsItsLastMatch() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.write { db in
            for i in 1...300 {
                var account = Account(name: "Account \(i)")
                try account.insert(db)
            }
        }
        let matches = try db.names(.accounts, startingWith: "acc", limit: 10)
        #expect(matches.first == ["Account 1", "Account 10", "Account 100", "Account 101", "Account 102",
                                  "Account 103", "Account 104", "Account 105", "Account 106", "Account 107"])
        #expect(matches.last == "Account 99")
        #expect(try db.names(.accounts, startingWith: "account 29", limit: 10) == NameMatches(
            first: ["Account 29", "Account 290", "Account 291", "Account 292", "Account 293", "Account 294",
                    "Account 295", "Account 296", "Account 297", "Account 298"], last: "Account 299"))
        // Account 3, 30-39 and 300: twelve, so ten and the last.
        let threes = try db.names(.accounts, startingWith: "account 3", limit: 10)
        #expect(threes.candidates.count == 11 && threes.first[2] == "Account 300" && threes.last == "Account 39")
    }

    @Test func opportunitiesAndEachAccountsContacts() throws {
        let db = try database(accounts: ["Acme Corp", "Globex"])
        try db.addOpportunity(named: "Acme - Rollout", account: "Acme Corp")
        try db.addOpportunity(named: "Globex - Renewal", account: "Globex")
        try db.addContact(named: "Mojca Žagar", account: "Acme Corp")
        try db.addContact(named: "Marko Novak", account: "Globex")
        try db.addContact(named: "Mojca Žagar", account: "Globex")
        #expect(try db.names(.opportunities, startingWith: "glo").first == ["Globex - Renewal"])
        // A name two accounts share is one candidate.
        #expect(try db.names(.contacts(accountId: nil), startingWith: "m").first == ["Marko Novak", "Mojca Žagar"])
        let acme = try db.account(named: "Acme Corp").id!
        #expect(try db.names(.contacts(accountId: acme), startingWith: "m").first == ["Mojca Žagar"])
        #expect(try db.names(.contacts(accountId: acme), startingWith: "MOJCA ž").first == ["Mojca Žagar"])
    }

    /// The contact name index is what the completion walks.
    @Test func contactCompletionUsesAnIndex() throws {
        let db = try database(accounts: [])
        let plan = try db.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT name FROM contact WHERE name COLLATE NOCASE >= 'a' AND name COLLATE NOCASE < 'b'
                ORDER BY name COLLATE NOCASE
                """).map { $0["detail"] as String }.joined()
        }
        #expect(plan.contains("contact_on_name_nocase"), "\(plan)")
    }
}
