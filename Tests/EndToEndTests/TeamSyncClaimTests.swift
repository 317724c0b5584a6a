import Foundation
import GRDB
import Testing

/// A rep who used qualify before joining the team captured under their login;
/// the server takes only rows under the name it knows for them.
extension TeamSyncEndToEndTests {
    @Test func aRepClaimsWhatTheyCapturedUnderTheirLoginThenSyncs() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        // Before the team: no QUALIFY_REP, so everything carries the login.
        let login = ["QUALIFY_REP": "", "USER": "root"]
        #expect(try ana.binary.run(["account", "add", "Globex"], extraEnvironment: login).status == 0)
        #expect(try ana.binary.run(["opportunity", "add", "Globex renewal", "--account", "Globex"], extraEnvironment: login).status == 0)
        let answers = Data(["They lose “12 %” of orders", "pain", "reason", "", "impact", "", "capability", ""].joined(separator: "\n").utf8 + [0x0A])
        let interview = try ana.binary.run(["interview", "Globex renewal"], input: answers, extraEnvironment: login)
        #expect(interview.status == 0, "\(interview.stderr)")
        #expect(try ana.binary.run(["opportunity", "set", "Globex renewal", "stage", "Needs Analysis"], extraEnvironment: login).status == 0)
        #expect(try ana.count("SELECT count(*) FROM statement WHERE capturedBy = 'root'") == 5)
        #expect(try ana.count("SELECT count(*) FROM opportunityChange WHERE changedBy = 'root'") >= 1)

        // Setting QUALIFY_REP afterwards: sync names what is in the way and how to claim it, instead of the server's refusal.
        let refused = try ana.run(["sync", "--server", ana.url])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("captured under another name than Ana Kovač"), "\(refused.stderr)")
        #expect(refused.stderr.contains("for \(team.role("ana")) ('root': "), "\(refused.stderr)")
        #expect(refused.stderr.contains("5 statements"), "\(refused.stderr)")
        #expect(refused.stderr.contains("qualify rep claim \"root\""), "\(refused.stderr)")

        let claimed = try ana.run(["rep", "claim", "root"])
        #expect(claimed.status == 0, "\(claimed.stderr)")
        #expect(claimed.stdout.contains("Claimed for Ana Kovač what was captured under \"root\": "), "\(claimed.stdout)")
        #expect(claimed.stdout.contains("5 statements"), "\(claimed.stdout)")
        #expect(try ana.count("SELECT count(*) FROM statement WHERE capturedBy = 'root'") == 0)
        #expect(try ana.count("SELECT count(*) FROM opportunityChange WHERE changedBy = 'root'") == 0)
        // The deal created under the login was the login's; it is Ana's now, so --owner finds it under her name.
        #expect(claimed.stdout.contains("the owner of 1 deal"), "\(claimed.stdout)")
        #expect(try ana.count("SELECT count(*) FROM opportunity WHERE name = 'Globex renewal' AND owner = 'Ana Kovač'") == 1)
        #expect(try ana.run(["opportunity", "list", "--owner", "ana kovač"]).stdout.contains("Globex renewal"))
        #expect(try ana.count("SELECT count(*) FROM opportunityChange WHERE field = 'owner' AND oldValue = 'root' AND newValue = 'Ana Kovač' AND changedBy = 'Ana Kovač'") == 1)
        // The buyer's words are as captured; the claim is on record.
        #expect(try ana.count("SELECT count(*) FROM statement WHERE text = 'They lose “12 %” of orders' AND capturedBy = 'Ana Kovač'") == 1)
        #expect(try ana.count("SELECT count(*) FROM repClaim WHERE fromName = 'root' AND toName = 'Ana Kovač' AND claimedAt IS NOT NULL") == 1)
        #expect(try ana.count("SELECT count(*) FROM repClaimRow r JOIN statement s ON s.uuid = r.uuid") == 5)

        let synced = try ana.sync()
        #expect(synced.stdout.contains("5 statements"), "\(synced.stdout)")
        // Claimed again: nothing of this laptop's is left under the old name, and pushed rows are never re-attributed.
        let again = try ana.run(["rep", "claim", "root"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
    }

    @Test func aClaimUnderTheSameNameSaysHowToSetTheTeamName() throws {
        let laptop = try QualifyBinary()
        let result = try laptop.run(["rep", "claim", "root"], extraEnvironment: ["QUALIFY_REP": "root"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("set QUALIFY_REP"), "\(result.stderr)")
    }
}
