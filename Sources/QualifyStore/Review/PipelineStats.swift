import Foundation
import GRDB
import QualifyKit

/// Qualification counts for one group of opportunities (a sales stage or a rep).
public struct PipelineStats: Equatable, Sendable {
    public var name: String
    public var opportunities = 0
    /// Opportunities with an answer, per field.
    public var answered = FieldCounts()
    /// Current statements, per field (a list's items summed).
    public var items = FieldCounts()
    public var withLetter = 0

    public init(name: String) { self.name = name }

    /// The share of opportunities with an answer for `field` ("pain admitted").
    public func share(answering field: Field) -> Double { share(answered[field]) }
    /// Items of `field` per opportunity.
    public func average(_ field: Field) -> Double { share(items[field]) }
    public var letterShare: Double { share(withLetter) }

    private func share(_ count: Int) -> Double {
        opportunities == 0 ? 0 : Double(count) / Double(opportunities)
    }

    mutating func add(_ other: PipelineStats) {
        opportunities += other.opportunities
        answered += other.answered
        items += other.items
        withLetter += other.withLetter
    }
}

/// `qualify stats`: the pipeline per sales stage (in the stage list's order)
/// and per rep (by name), plus the whole.
public struct PipelineReport: Equatable, Sendable {
    public var stages: [PipelineStats] = []
    public var reps: [PipelineStats] = []
    public var total = PipelineStats(name: "All opportunities")
    /// Demo deals, left out of every number as `export all` leaves them out
    /// of the team's file: the manual's example is nobody's pipeline.
    public var demoLeftOut = 0

    public init() {}

    public static let noStage = "(no stage)"
    public static let noRep = "(no rep)"
}

extension QualifyDatabase {
    public func pipelineReport() throws(StoreError) -> PipelineReport {
        try read { db in
            // SQLite groups by (stage, rep): a few hundred rows at most, whatever
            // the pipeline's size; the two views are sums of them.
            let sql = """
                SELECT stagePosition, stage, rep, count(*) AS opportunities,
                       \(Field.allCases.map { "sum(\($0.countName) > 0) AS \($0.rawValue)Answered, sum(\($0.countName)) AS \($0.rawValue)Items," }.joined(separator: " "))
                       sum(lastLetterAt IS NOT NULL) AS withLetter
                FROM (\(Qualification.sql(where: "NOT isDemo")))
                GROUP BY stagePosition, stage, rep
                """
            var report = PipelineReport()
            report.demoLeftOut = try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunity WHERE isDemo") ?? 0
            var stages: [String: (position: Int, stats: PipelineStats)] = [:]
            var reps: [String: PipelineStats] = [:]
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let stage: String = row["stage"] ?? PipelineReport.noStage
                let rep: String = row["rep"] ?? PipelineReport.noRep
                var group = PipelineStats(name: stage)
                group.opportunities = row["opportunities"]
                for field in Field.allCases {
                    group.answered[field] = row["\(field.rawValue)Answered"]
                    group.items[field] = row["\(field.rawValue)Items"]
                }
                group.withLetter = row["withLetter"]
                // Opportunities without a stage come last.
                let position: Int = row["stagePosition"] ?? Int.max
                stages[stage, default: (position, PipelineStats(name: stage))].stats.add(group)
                group.name = rep
                reps[rep, default: PipelineStats(name: rep)].add(group)
                report.total.add(group)
            }
            report.stages = stages.values.sorted { $0.position < $1.position }.map(\.stats)
            report.reps = reps.values.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            return report
        }
    }
}
