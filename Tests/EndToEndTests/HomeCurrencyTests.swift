import Foundation
import Testing

/// `qualify home` with a minimum in one currency: amounts are never converted, so deals in
/// another currency are not compared, and the footer says how many and how to see them.
@Suite struct HomeCurrencyTests {
    private func pipeline(minimum: String) throws -> QualifyBinary {
        let q = try QualifyBinary()
        let config = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "currency: USD\nhomeMinimumAmount: \"\(minimum)\"\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let setup = try q.run([], lines: [
            "account add \"Acme Corp\"", "account add Globex",
            "opportunity add \"Acme - Rollout\" --account \"Acme Corp\" --amount \"120 000 EUR\" --close +30d --next-milestone \"Demo to the CFO\"",
            "opportunity add \"Globex - Pilot\" --account Globex --amount \"60 000\" --close +10d --next-milestone \"Security review\"",
            "opportunity add \"Globex - Renewal\" --account Globex --amount \"50 000\" --close +90d",
        ])
        #expect(setup.status == 0, "\(setup.stderr)")
        return q
    }

    @Test func aMinimumInDollarsSaysTheEuroDealWasNotCompared() throws {
        let q = try pipeline(minimum: "50000")
        let home = try q.run(["home"])
        #expect(home.status == 0, "\(home.stderr)")
        #expect(home.stdout.contains("Globex - Pilot") && home.stdout.contains("Globex - Renewal") && !home.stdout.contains("Acme - Rollout"), "\(home.stdout)")
        #expect(home.stdout.contains("\nNot compared: homeMinimumAmount compares amounts in USD only, without converting: 1 deal in other currencies left out (1 in EUR); give the minimum in their currency, e.g. qualify home --minimum \"50 000 EUR\".\n"), "\(home.stdout)")
        // A dollar sign is the configured currency's: read as such, not refused against EUR.
        let signed = try q.run(["home", "--minimum", "$50,000"])
        #expect(signed.status == 0 && signed.stdout == home.stdout.replacingOccurrences(of: "homeMinimumAmount compares", with: "--minimum compares"),
                "\(signed.stdout)\(signed.stderr)")
        let listed = try q.run(["opportunity", "list", "--min-amount", "$50,000", "--columns", "name"])
        #expect(listed.status == 0 && listed.stdout.contains("Globex - Pilot"), "\(listed.stderr)")
        let pounds = try q.run(["home", "--minimum", "£50,000"])
        #expect(pounds.status == 64 && pounds.stderr.contains("--minimum: \"£50,000\" has a £ sign, which contradicts USD (from config.yaml)"), "\(pounds.stderr)")
        // Shown as the footer said, the euro deal is upcoming.
        let euros = try q.run(["home", "--minimum", "50 000 EUR"]).stdout
        #expect(euros.contains("Upcoming (1)") && euros.contains("Acme - Rollout"), "\(euros)")
        #expect(euros.contains("Not compared: --minimum compares amounts in EUR only, without converting: 2 deals in other currencies left out (2 in USD); give the minimum in their currency, e.g. qualify home --minimum \"50 000 USD\"."), "\(euros)")
    }

    @Test func aMinimumInEurosNamesTheDollarDealsClosingSoonAndPending() throws {
        let q = try pipeline(minimum: "50000 EUR")
        let home = try q.run(["home"]).stdout
        #expect(home.contains("Acme - Rollout") && !home.contains("Globex - Pilot"), "\(home)")
        #expect(home.contains("homeMinimumAmount compares amounts in EUR only, without converting: 2 deals in other currencies left out (2 in USD)"), "\(home)")
        // With no deal left out for its currency, nothing is said.
        #expect(try q.run(["opportunity", "set", "Globex - Pilot", "amount", "60000 EUR"]).status == 0)
        #expect(try q.run(["opportunity", "set", "Globex - Renewal", "amount", "50000 EUR"]).status == 0)
        let all = try q.run(["home"]).stdout
        #expect(all.contains("Globex - Pilot") && all.contains("Globex - Renewal") && !all.contains("Not compared"), "\(all)")
    }
}
