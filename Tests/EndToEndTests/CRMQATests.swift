import Foundation
import GRDB
import Testing

/// What a demanding sales-ops admin tripped over in the CRM record, each
/// kept as the command that showed it.
@Suite struct CRMQATests {
    /// Reassigning a closed-won stage's deals to an open stage must not leave
    /// them at 100% there: every later `set` would be refused for it.
    @Test func removingAStageWithReassignAppliesTheNewStagesProbability() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: "Acme - Won")
        #expect(try q.run(["opportunity", "set", "Acme - Won", "stage", "Closed Won"]).status == 0)
        let removed = try q.run(["stage", "remove", "Closed Won", "--reassign", "Negotiation/Review"])
        #expect(removed.status == 0, "\(removed.stderr)")

        let shown = try q.run(["opportunity", "show", "Acme - Won", "--history"])
        #expect(shown.stdout.contains("Probability    80%"), "\(shown.stdout)")
        #expect(shown.stdout.contains("probability: 100% -> 80%"), "\(shown.stdout)")
        let later = try q.run(["opportunity", "set", "Acme - Won", "next-milestone", "Kick-off"])
        #expect(later.status == 0, "\(later.stderr)")
    }
}
