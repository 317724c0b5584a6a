import Foundation
import GRDB
import QualifyKit

extension QualifyDatabase {
    /// The configured stages in pipeline order.
    public func stages() throws(StoreError) -> [Stage] {
        try read { db in try Self.orderedStages(db) }
    }

    public func stage(named name: String) throws(StoreError) -> Stage {
        try read { db in try Self.stage(named: name, in: db) }
    }

    /// How many opportunities sit at each stage, by stage id.
    public func opportunityCountsByStage() throws(StoreError) -> [Int64: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT stageId, count(*) AS n FROM opportunity WHERE stageId IS NOT NULL GROUP BY stageId")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["stageId"] as Int64, $0["n"] as Int) })
        }
    }

    /// Adds a stage at `position` (1 = first); without one, an open stage
    /// goes before the first closed stage and a closed one last.
    @discardableResult
    public func addStage(named rawName: String, probability: Int, closed: StageOutcome?,
                         position: Int? = nil) throws(StoreError) -> Stage {
        let name = try Self.validName(rawName, what: "stage")
        try Self.checkStageProbability(probability, closed: closed)
        return try write { db in
            if try Stage.all().named(name).fetchOne(db) != nil {
                throw StoreError(.duplicate, "a stage called \"\(name)\" already exists; see qualify stage list.")
            }
            var stages = try Self.orderedStages(db)
            // As `stage move`: a position off the list is refused, not quietly moved to an end.
            if let position, !(1...stages.count + 1).contains(position) {
                throw StoreError(.invalid, "position \(position) is outside the list; give 1 to \(stages.count + 1).")
            }
            var stage = Stage(name: name, position: stages.count + 1, probability: probability, closed: closed)
            try stage.insert(db)
            // Without a position an open stage goes before the closed ones, where a deal can still reach it.
            let beforeClosed = closed == nil ? stages.firstIndex { $0.closed != nil } : nil
            let index = position.map { $0 - 1 } ?? beforeClosed ?? stages.count
            stages.insert(stage, at: index)
            try Self.renumber(stages, in: db)
            return try Stage.fetchOne(db, key: stage.id!)!
        }
    }

    /// Renames a stage; opportunities keep it (they point at its id).
    public func renameStage(_ oldName: String, to rawName: String) throws(StoreError) {
        let name = try Self.validName(rawName, what: "stage")
        try write { db in
            var stage = try Self.stage(named: oldName, in: db)
            if name != oldName, try Stage.all().named(name).fetchOne(db) != nil {
                throw StoreError(.duplicate, "a stage called \"\(name)\" already exists; choose another name.")
            }
            stage.name = name
            try stage.update(db)
        }
    }

    /// Moves a stage to `position` (1 = first) in the pipeline.
    public func moveStage(_ name: String, to position: Int) throws(StoreError) {
        try write { db in
            var stages = try Self.orderedStages(db)
            guard (1...stages.count).contains(position) else {
                throw StoreError(.invalid, "position \(position) is outside the list; give 1 to \(stages.count).")
            }
            let stage = try Self.stage(named: name, in: db)
            stages.removeAll { $0.id == stage.id }
            stages.insert(stage, at: position - 1)
            try Self.renumber(stages, in: db)
        }
    }

    /// Removes a stage. Opportunities at it are refused unless `reassign`
    /// names the stage they move to; each move is kept in their history.
    /// Returns how many opportunities moved.
    @discardableResult
    public func removeStage(_ name: String, reassignTo reassign: String?, changedBy: String) throws(StoreError) -> Int {
        try write { db in
            let stage = try Self.stage(named: name, in: db)
            // The pipeline keeps a way to win and a way to lose: without a won stage, a won deal has
            // nowhere to go and probability 100 nowhere to be set.
            if let outcome = stage.closed,
               try Stage.filter(Stage.Columns.closed == outcome.rawValue && Stage.Columns.id != stage.id!).fetchCount(db) == 0 {
                throw StoreError(.invalid, "\"\(stage.name)\" is the only closed-\(outcome.rawValue) stage; add another first (qualify stage add NAME --closed \(outcome.rawValue)), then remove it.")
            }
            let using = try Opportunity.filter(Opportunity.Columns.stageId == stage.id!).fetchAll(db)
            if !using.isEmpty {
                guard let reassign else {
                    throw StoreError(.invalid, "\(using.count) opportunit\(using.count == 1 ? "y is" : "ies are") at stage \"\(stage.name)\"; move them with --reassign STAGE.")
                }
                let target = try Self.stage(named: reassign, in: db)
                guard target.id != stage.id else {
                    throw StoreError(.invalid, "--reassign names the stage being removed; give another stage.")
                }
                for original in using {
                    // As `opportunity set NAME stage TO` would: the new stage's probability, unless the rep chose one.
                    var opportunity = original
                    opportunity.stageId = target.id
                    opportunity.probability = FieldResolver.probability(original.probability, movingFrom: stage, to: target)
                    if let probability = opportunity.probability, (try? ProbabilityRule.check(probability, outcome: target.closed)) == nil {
                        throw StoreError(.invalid, "\"\(original.name)\" is at \(probability)%, which stage \"\(target.name)\" does not allow; set its probability first (qualify opportunity set \"\(original.name)\" probability 90), then remove the stage.")
                    }
                    try opportunity.update(db)
                    try Self.recordChanges(from: original, oldStage: stage, to: opportunity, newStage: target, by: changedBy, in: db)
                }
            }
            try Stage.deleteOne(db, key: stage.id!)
            try Self.renumber(try Self.orderedStages(db), in: db)
            return using.count
        }
    }

    static func orderedStages(_ db: Database) throws -> [Stage] {
        try Stage.order(Stage.Columns.position, Stage.Columns.id).fetchAll(db)
    }

    static func stage(named name: String, in db: Database) throws -> Stage {
        if let stage = try Stage.all().named(name).fetchOne(db) { return stage }
        let names = try orderedStages(db).map(\.name)
        let hint = NameMatcher.didYouMean(name, among: names)
        throw StoreError(.notFound, "no stage called \"\(name)\" (stage names are exact, case included).\(hint) See qualify stage list.")
    }

    static func checkStageProbability(_ probability: Int, closed: StageOutcome?) throws(StoreError) {
        guard (0...100).contains(probability) else {
            throw StoreError(.invalid, "a stage's probability is 0 to 100; \(probability) is outside.")
        }
        if probability == 100 && closed != .won {
            throw StoreError(.invalid, "only a closed-won stage has probability 100; give 0 to 99 or --closed won.")
        }
    }

    /// Positions stay 1…n with no gaps, so `move` and the list agree.
    private static func renumber(_ stages: [Stage], in db: Database) throws {
        for (index, stage) in stages.enumerated() {
            try db.execute(sql: "UPDATE stage SET position = ? WHERE id = ?", arguments: [index + 1, stage.id])
        }
    }
}
