import Foundation
import GRDB
import QualifyKit

/// A sales stage as the administrator configured it.
public struct Stage: Codable, Equatable, Sendable, FetchableRecord, RowIDRecord {
    public static let databaseTableName = "stage"

    public var id: Int64?
    /// Byte-exact: "Closed Won" and "closed won" are two stages, as in vtiger and SuiteCRM.
    public var name: String
    public var position: Int
    /// The probability a deal takes when it enters this stage.
    public var probability: Int
    public var closed: StageOutcome?

    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let position = Column(CodingKeys.position)
        static let closed = Column(CodingKeys.closed)
    }

    public init(name: String, position: Int, probability: Int, closed: StageOutcome?) {
        self.name = name
        self.position = position
        self.probability = probability
        self.closed = closed
    }
}

extension StageOutcome: DatabaseValueConvertible {}
