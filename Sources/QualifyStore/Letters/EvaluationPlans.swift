import Foundation
import GRDB
import QualifyKit

/// A change to one plan step; nil leaves that part as it is.
public struct PlanStepChange: Sendable {
    public var what: String?
    public var owner: PlanOwner?
    public var due: CalendarDay?
    public var isDecision: Bool?
    public var isDone: Bool?

    public init(what: String? = nil, owner: PlanOwner? = nil, due: CalendarDay? = nil, isDecision: Bool? = nil, isDone: Bool? = nil) {
        self.what = what
        self.owner = owner
        self.due = due
        self.isDecision = isDecision
        self.isDone = isDone
    }
}

extension QualifyDatabase {
    /// The plan in the order it is carried out: by due date, the go/no-go
    /// last among steps due the same day.
    public func planSteps(opportunityId: Int64) throws(StoreError) -> [PlanStepRecord] {
        try read { db in try Self.planSteps(opportunityId: opportunityId, in: db) }
    }

    static func planSteps(opportunityId: Int64, in db: Database) throws -> [PlanStepRecord] {
        try PlanStepRecord.filter(PlanStepRecord.Columns.opportunityId == opportunityId)
            .order(PlanStepRecord.Columns.due, PlanStepRecord.Columns.isDecision, PlanStepRecord.Columns.id)
            .fetchAll(db)
    }

    @discardableResult
    public func addPlanStep(_ what: String, owner: PlanOwner, due: CalendarDay, isDecision: Bool,
                            opportunityId: Int64, by rep: String) throws(StoreError) -> PlanStepRecord {
        let text = try Self.validStep(what)
        return try write { db in
            if isDecision { try Self.refuseSecondDecision(opportunityId: opportunityId, except: nil, in: db) }
            var step = PlanStepRecord(opportunityId: opportunityId, what: text, owner: owner, due: due,
                                      isDecision: isDecision, createdBy: rep)
            try step.insert(db)
            return step
        }
    }

    /// Changes step `number` (as listed) in one transaction.
    @discardableResult
    public func changePlanStep(_ number: Int, opportunityId: Int64, _ change: PlanStepChange, by changedBy: String) throws(StoreError) -> PlanStepRecord {
        let what = try change.what.map { (text: String) throws(StoreError) in try Self.validStep(text) }
        return try write { db in
            let original = try Self.planStep(number, opportunityId: opportunityId, in: db)
            var step = original
            if let what { step.what = what }
            if let owner = change.owner { step.owner = owner.description }
            if let due = change.due { step.redate(due) }
            if let isDecision = change.isDecision {
                if isDecision { try Self.refuseSecondDecision(opportunityId: opportunityId, except: step.id, in: db) }
                step.isDecision = isDecision
            }
            if let isDone = change.isDone { step.doneAt = isDone ? (step.doneAt ?? Date()) : nil }
            try step.update(db)
            try FieldHistory.record(from: original, to: step, by: changedBy, in: db)
            return step
        }
    }

    @discardableResult
    public func removePlanStep(_ number: Int, opportunityId: Int64, by rep: String) throws(StoreError) -> PlanStepRecord {
        try write { db in
            let step = try Self.planStep(number, opportunityId: opportunityId, in: db)
            try step.delete(db)
            let isDemo = try Bool.fetchOne(db, sql: "SELECT isDemo FROM opportunity WHERE id = ?", arguments: [opportunityId]) ?? false
            try Removal.record(step.uuid, kind: PlanStepRecord.databaseTableName, isDemo: isDemo, by: rep, in: db)
            return step
        }
    }

    private static func planStep(_ number: Int, opportunityId: Int64, in db: Database) throws -> PlanStepRecord {
        let steps = try planSteps(opportunityId: opportunityId, in: db)
        guard steps.indices.contains(number - 1) else {
            let range = steps.isEmpty ? "the plan has no steps yet" : "the plan has steps 1 to \(steps.count)"
            throw StoreError(.notFound, "there is no step \(number): \(range); qualify plan list NAME shows them.")
        }
        return steps[number - 1]
    }

    private static func refuseSecondDecision(opportunityId: Int64, except id: Int64?, in db: Database) throws {
        let steps = try planSteps(opportunityId: opportunityId, in: db)
        if let index = steps.firstIndex(where: { $0.isDecision && $0.id != id }) {
            throw StoreError(.duplicate, "step \(index + 1) (\"\(steps[index].what)\") is already the go/no-go decision; a plan ends with one. Clear it first with qualify plan set NAME \(index + 1) --no-decision.")
        }
    }

    private static func validStep(_ what: String) throws(StoreError) -> String {
        let text = what.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError(.invalid, "a plan step needs words: what will be done, e.g. \"Pilot with the sales team\".") }
        return text
    }
}
