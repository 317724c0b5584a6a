import Foundation
import QualifyKit
import QualifyStore

/// `qualify stats`: two small tables, per sales stage and per rep.
public enum StatsReport {
    static let headings = ["Opportunities", "Pain admitted", "Reasons", "Impacts", "Capabilities", "Letter drafted"]

    public static func table(_ report: PipelineReport, style: ReportStyle) -> String {
        if report.total.opportunities == 0 {
            return "No opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\n"
        }
        return section("By sales stage", report.stages + [report.total], style: style) + "\n"
            + section("By rep", report.reps, style: style)
    }

    private static func section(_ title: String, _ groups: [PipelineStats], style: ReportStyle) -> String {
        let rows = groups.map { group in
            [group.name, String(group.opportunities), percent(group.painShare),
             decimal(group.averageReasons), decimal(group.averageImpacts), decimal(group.averageCapabilities),
             percent(group.letterShare)]
        }
        let all = [[title] + headings] + rows
        let widths = (0..<all[0].count).map { column in all.map { $0[column].terminalWidth }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.terminalWidth)
                // Names read left to right, numbers line up on the right.
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return style.bold(line(all[0])) + "\n" + rows.map(line).joined(separator: "\n") + "\n"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    public static func json(_ report: PipelineReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let document = StatsDocument(stages: report.stages.map(StatsRecord.init),
                                     reps: report.reps.map(StatsRecord.init),
                                     total: StatsRecord(report.total))
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}

private struct StatsDocument: Encodable {
    let stages: [StatsRecord]
    let reps: [StatsRecord]
    let total: StatsRecord
}

private struct StatsRecord: Encodable {
    let name: String
    let opportunities: Int
    let withPain: Int
    let painShare: Double
    let averageReasons: Double
    let averageImpacts: Double
    let averageCapabilities: Double
    let withLetter: Int
    let letterShare: Double

    init(_ stats: PipelineStats) {
        // Three decimals: enough for a dashboard, stable across platforms.
        func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        name = stats.name
        opportunities = stats.opportunities
        withPain = stats.withPain
        painShare = rounded(stats.painShare)
        averageReasons = rounded(stats.averageReasons)
        averageImpacts = rounded(stats.averageImpacts)
        averageCapabilities = rounded(stats.averageCapabilities)
        withLetter = stats.withLetter
        letterShare = rounded(stats.letterShare)
    }
}
