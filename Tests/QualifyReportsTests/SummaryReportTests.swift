import Foundation
@testable import QualifyReports
import QualifyStore
import Testing

@Suite struct SummaryReportTests {
    @Test func statsTableAlignsNumbersAndJSONRoundsShares() throws {
        var stage = PipelineStats(name: "Prospecting")
        stage.opportunities = 3
        stage.answered[.pain] = 1
        stage.items[.reasons] = 4
        stage.withLetter = 2
        var report = PipelineReport()
        report.stages = [stage]
        report.reps = [{ var rep = stage; rep.name = "ana"; return rep }()]
        report.total = { var total = stage; total.name = "All opportunities"; return total }()
        let table = StatsReport.table(report, style: ReportStyle(colors: false))
        #expect(table.contains("Prospecting                    3            33%      1.3      0.0           0.0             67%"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try StatsReport.json(report).utf8)) as? [String: Any])
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages[0]["painShare"] as? Double == 0.333 && stages[0]["opportunities"] as? Int == 3)
        #expect(StatsReport.table(PipelineReport(), style: ReportStyle(colors: false)).hasPrefix("No opportunities yet"))
    }
}
