import Foundation
import GRDB
import QualifyKit

/// One stored step of an opportunity's evaluation plan. Unlike the buyer's
/// words, a plan is a working list: steps are re-dated, done and removed.
public struct PlanStepRecord: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "planStep"

    public var id: Int64?
    public var uuid: UUID
    public var opportunityId: Int64
    public var what: String
    /// `buyer`, `us`, or a person's name.
    public var owner: String
    /// The due day's `YYYY-MM-DD` text, which SQLite orders as the days fall.
    private var storedDue: String
    /// The go/no-go step the plan ends with; at most one per opportunity.
    public var isDecision: Bool
    public var doneAt: Date?
    public var createdBy: String
    public var createdAt: Date

    /// The day the step is due. Nil when the stored text is no day (a
    /// hand-edited row): the text stays until the rep re-dates the step.
    public var due: CalendarDay? { CalendarDay(iso: storedDue) }

    /// Re-dates the step. (No nil: the column is NOT NULL, a step always has a day.)
    public mutating func redate(_ day: CalendarDay) {
        storedDue = day.description
    }

    enum CodingKeys: String, CodingKey {
        case id, uuid, opportunityId, what, owner
        case storedDue = "due"
        case isDecision, doneAt, createdBy, createdAt
    }

    public enum Columns {
        static let opportunityId = Column(CodingKeys.opportunityId)
        static let due = Column(CodingKeys.storedDue)
        static let isDecision = Column(CodingKeys.isDecision)
        static let id = Column(CodingKeys.id)
    }

    public init(opportunityId: Int64, what: String, owner: PlanOwner, due: CalendarDay, isDecision: Bool,
                createdBy: String, createdAt: Date = Date()) {
        self.uuid = UUID()
        self.opportunityId = opportunityId
        self.what = what
        self.owner = owner.description
        self.storedDue = due.description
        self.isDecision = isDecision
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// As the letter and the calendar see it, numbered as listed.
    public func step(number: Int) -> PlanStep {
        PlanStep(number: number, what: what, owner: PlanOwner(stored: owner),
                 due: due,
                 isDecision: isDecision, isDone: doneAt != nil, uuid: uuid.uuidString)
    }
}
