import Foundation
import QualifyKit
import QualifyStore

/// `qualify stats`: two small tables, per sales stage and per rep.
public enum StatsReport {
    /// The lists, averaged per opportunity; the single answers are a gap, shown by `review gaps`.
    static let averaged = Field.allCases.filter(\.isList)
    static let headings = ["Opportunities", "Pain admitted"] + averaged.map(\.title) + ["Letter drafted"]

    public static func table(_ report: PipelineReport, style: ReportStyle) -> String {
        let demo = report.demoLeftOut == 0 ? "" : demoNote
        if report.total.opportunities == 0 {
            return "No opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\n" + demo
        }
        return section("By sales stage", report.stages + [report.total], style: style) + "\n"
            + section("By rep", report.reps, style: style) + (demo.isEmpty ? "" : "\n" + demo)
    }

    /// Said under the tables, so nobody wonders where the `[demo]` deal of `home` went.
    static let demoNote = "The demo deal is not counted (as `export all` leaves it out).\n"

    private static func section(_ title: String, _ groups: [PipelineStats], style: ReportStyle) -> String {
        let rows = groups.map { group in
            [group.name, String(group.opportunities), percent(group.share(answering: .pain))]
                + averaged.map { decimal(group.average($0)) } + [percent(group.letterShare)]
        }
        // Names read left to right, numbers line up on the right.
        let alignments = [TextTable.Alignment.left] + Array(repeating: .right, count: headings.count)
        let lines = TextTable.lines(header: [title] + headings, rows: rows, widest: .max, alignments: alignments)
        return style.bold(lines[0]) + "\n" + lines.dropFirst().joined(separator: "\n") + "\n"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    public static func json(_ report: PipelineReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let document = StatsDocument(stages: report.stages.map(StatsRecord.init),
                                     reps: report.reps.map(StatsRecord.init),
                                     total: StatsRecord(report.total), demoLeftOut: report.demoLeftOut)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}

private struct StatsDocument: Encodable {
    let stages: [StatsRecord]
    let reps: [StatsRecord]
    let total: StatsRecord
    /// Demo deals not counted in any group.
    let demoLeftOut: Int
}

/// One group in `stats --format json`: "withPain", "painShare", an
/// "average…" per list field ("averageReasons"), "withLetter", "letterShare".
private struct StatsRecord: Encodable {
    let stats: PipelineStats

    init(_ stats: PipelineStats) { self.stats = stats }

    func encode(to encoder: any Encoder) throws {
        // Three decimals: enough for a dashboard, stable across platforms.
        func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(stats.name, forKey: JSONKey("name"))
        try c.encode(stats.opportunities, forKey: JSONKey("opportunities"))
        try c.encode(stats.answered[.pain], forKey: JSONKey("withPain"))
        try c.encode(rounded(stats.share(answering: .pain)), forKey: JSONKey("painShare"))
        for field in StatsReport.averaged {
            try c.encode(rounded(stats.average(field)), forKey: JSONKey("average" + field.title.filter { !$0.isWhitespace }))
        }
        try c.encode(stats.withLetter, forKey: JSONKey("withLetter"))
        try c.encode(rounded(stats.letterShare), forKey: JSONKey("letterShare"))
    }
}
