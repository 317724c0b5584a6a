import GRDB
import QualifyKit

/// What a whole file says about its stages, read before any row is
/// imported, so `--create-stages` can add each unknown stage once, in the
/// right place: the probability most of its rows carry, and whether its rows
/// are closed (won or lost), from IsClosed/IsWon or, without them, its name.
public struct StageCensus: Sendable {
    struct Tally: Sendable {
        var probabilities: [Int: Int] = [:]
        var closed = 0, open = 0, won = 0, lost = 0
    }

    private var tallies: [String: Tally] = [:]
    /// Stage names in the order the file first gives them.
    private var order: [String] = []
    private let stageMap: [String: String]

    public init(stageMap: [String: String] = [:]) {
        self.stageMap = stageMap
    }

    public mutating func count(_ row: ImportRow) {
        guard let raw = row.values[.stage], !raw.isEmpty else { return }
        let stage = stageMap[raw] ?? raw
        if tallies[stage] == nil { order.append(stage) }
        var tally = tallies[stage] ?? Tally()
        if let probability = row.values[.probability].flatMap({ Int($0.trimmedSpaces) }) {
            tally.probabilities[probability, default: 0] += 1
        }
        if let closed = row.values[.isClosed].flatMap(OpportunityImporter.flag) {
            if closed { tally.closed += 1 } else { tally.open += 1 }
        }
        if let won = row.values[.isWon].flatMap(OpportunityImporter.flag) {
            if won { tally.won += 1 } else { tally.lost += 1 }
        }
        tallies[stage] = tally
    }

    /// Adds the stages the database lacks: open ones before the first closed
    /// stage, closed ones last. A closed stage whose rows and name do not say
    /// won or lost is left out, and its rows are refused as unknown.
    /// Returns the names it left out.
    func createStages(in db: Database, report: inout ImportReport) throws -> Set<String> {
        var undecided: Set<String> = []
        var stages = try QualifyDatabase.orderedStages(db)
        let known = Set(stages.map(\.name))
        for name in order where !known.contains(name) {
            let tally = tallies[name]!
            guard let outcome = Self.outcome(name, tally) else {
                undecided.insert(name)
                continue
            }
            let probability: Int
            switch outcome {
            case .open:
                // The value most of its rows carry; a tie goes to the lower one.
                let common = tally.probabilities.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
                probability = min(max(common, 0), 99)
            case .closed(.won): probability = 100
            case .closed(.lost): probability = 0
            }
            let closed: StageOutcome? = if case .closed(let result) = outcome { result } else { nil }
            var stage = Stage(name: name, position: 0, probability: probability, closed: closed)
            try stage.insert(db)
            let firstClosed = stages.firstIndex { $0.closed != nil } ?? stages.count
            stages.insert(stage, at: closed == nil ? firstClosed : stages.count)
            report.createdStages.append("\"\(name)\" (\(closed.map { "closed \($0.rawValue)" } ?? "open"), \(probability)%)")
        }
        for (index, stage) in stages.enumerated() {
            try db.execute(sql: "UPDATE stage SET position = ? WHERE id = ?", arguments: [index + 1, stage.id])
        }
        return undecided
    }

    enum Outcome { case open, closed(StageOutcome) }

    /// IsClosed/IsWon decide, most rows winning; without them, a name with
    /// Won or Lost is closed that way, one with Closed alone is undecided.
    static func outcome(_ name: String, _ tally: Tally) -> Outcome? {
        let lowered = name.lowercased()
        let nameSays: StageOutcome? = lowered.contains("won") ? .won : lowered.contains("lost") ? .lost : nil
        let closed = tally.closed + tally.open > 0 ? tally.closed > tally.open : (nameSays != nil || lowered.contains("closed"))
        guard closed else { return .open }
        if tally.won + tally.lost > 0 { return .closed(tally.won > tally.lost ? .won : .lost) }
        return nameSays.map { .closed($0) }
    }
}
