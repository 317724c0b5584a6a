import Foundation
import Testing

/// `stats` counts real deals only: the demo deal, tagged `[demo]` by `home` and
/// `review gaps` and left out of `export all`, is left out of its numbers too, and it says so.
@Suite struct DemoStatsTests {
    @Test func statsLeavesTheDemoDealOutOfItsNumbersAndSaysSo() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["demo"]).status == 0)
        let onlyDemo = try q.run(["stats"])
        #expect(onlyDemo.status == 0, "\(onlyDemo.stderr)")
        #expect(onlyDemo.stdout == "No opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\nThe demo deal is not counted (as `export all` leaves it out).\n")

        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["The forecast is late"]).status == 0)
        let stats = try q.run(["stats"])
        let rows = stats.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.contains { $0.hasPrefix("All opportunities 1 0%") }, "\(stats.stdout)")
        #expect(stats.stdout.hasSuffix("\nThe demo deal is not counted (as `export all` leaves it out).\n"), "\(stats.stdout)")

        let json = try q.run(["stats", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((document["total"] as? [String: Any])?["opportunities"] as? Int == 1)
        #expect(document["demoLeftOut"] as? Int == 1)
    }
}
