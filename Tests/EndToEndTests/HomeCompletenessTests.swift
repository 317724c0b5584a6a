import Foundation
import Testing

/// `qualify home` names only what matters: "0 of 2 have no amount" and "at 0 EUR or more" say nothing.
@Suite struct HomeCompletenessTests {
    @Test func theMissingFieldsLineLeavesOutWhatIsNotMissing() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try q.run(["opportunity", "add", "Acme - Renewal", "--account", "Acme Corp", "--amount", "80000 EUR", "--close", "+10d"]).status == 0)
        #expect(try q.run(["opportunity", "add", "Acme - Pilot", "--account", "Acme Corp", "--close", "+12d"]).status == 0)
        // Without a minimum the deal with no amount is listed: nothing to say about it.
        let everything = try q.run(["home"]).stdout
        #expect(everything.contains("\nOpen deals: closing by "), "\(everything)")
        #expect(everything.contains("Acme - Pilot") && !everything.contains("Not shown as upcoming") && !everything.contains(" 0 "))

        let noAmount = try q.run(["home", "--minimum", "50000"]).stdout
        #expect(noAmount.contains("Not shown as upcoming: 1 of 2 opportunities has no amount. Set them with"), "\(noAmount)")
        #expect(!noAmount.contains(" 0 "))

        #expect(try q.run(["opportunity", "set", "Acme - Pilot", "amount", "90000 EUR", "close-date", ""]).status == 0)
        let noDate = try q.run(["home", "--minimum", "50000"]).stdout
        #expect(noDate.contains("Not shown as upcoming: 1 of 2 opportunities has no expected close date. Set them with"), "\(noDate)")

        #expect(try q.run(["opportunity", "set", "Acme - Pilot", "close-date", "+12d"]).status == 0)
        #expect(!(try q.run(["home", "--minimum", "50000"]).stdout.contains("Not shown as upcoming")))
    }

    /// With no open deal, "every open opportunity is fully qualified" would praise an empty pipeline.
    @Test func gapsWithNoOpenDealSaysThereIsNone() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        #expect(try q.run(["review", "gaps"]).stdout == "No open opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\n")
        #expect(try q.run(["opportunity", "add", "Acme - Pilot", "--account", "Acme Corp"]).status == 0)
        let one = try q.run(["review", "gaps"]).stdout
        #expect(one.hasPrefix("Acme - Pilot") && one.hasSuffix("1 open opportunity to coach, worst first\n"), "\(one)")
    }
}
