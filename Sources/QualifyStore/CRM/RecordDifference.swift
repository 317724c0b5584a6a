import GRDB
import QualifyKit

/// A record of an `import all` file that met a stored record: the same one
/// (its uuid, or its CRM id, or a contact's name at the account) holding other
/// values, or another one whose name was taken. The manager sees each, so no
/// value is dropped silently.
public struct RecordDifference: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        /// The same record (its uuid): the file's values replaced the stored ones.
        case updated
        /// The same record under another uuid (`why`): the stored values were kept.
        case kept(why: String)
        /// Another record of a name taken here: stored under `newName`, the file's name kept as its name in CRM.
        case renamed(newName: String)
    }

    /// The file's line.
    public var line: Int
    /// The file's kind: "opportunity", "account", "contact", "lead", "planStep".
    public var kind: String
    /// The record's name as the file gives it (a plan step's words, a lead's person).
    public var name: String
    public var outcome: Outcome
    /// Each field that differs: its name, the value stored before, the file's.
    public var fields: [Field] = []

    public struct Field: Equatable, Sendable {
        public var field: String
        public var stored: String
        public var file: String
    }

    /// A file's kind or column in the rep's words: `planStep` is "plan step", `opportunityChange` a "history row".
    public static func spoken(_ camelCase: String) -> String {
        if camelCase == "opportunityChange" { return "history row" }
        return camelCase.reduce(into: "") { words, character in
            words += character.isUppercase ? " " + character.lowercased() : String(character)
        }
    }

    /// One line for the manager: what happened to the record and every value that lost.
    public var description: String {
        let kind = Self.spoken(kind)
        let record = "\(kind) \"\(name)\""
        switch outcome {
        case .renamed(let newName):
            return "\(record) is another \(kind)'s name here; stored as \"\(newName)\" (\"\(name)\" kept as its name in CRM)"
        case .updated:
            let values = fields.map { "\($0.field) \($0.file) (was \($0.stored))" }.joined(separator: ", ")
            return "\(record), the same record (same uuid), now has the file's \(values)"
        case .kept(let why):
            let values = fields.map { "\($0.field) \($0.stored) (the file has \($0.file))" }.joined(separator: ", ")
            return "\(record) is the stored one (\(why)); kept its \(values)"
        }
    }
}

/// How one table's stored values read in a `RecordDifference`.
struct DifferenceReader {
    let table: ExportedTable

    /// Columns that say nothing about the record to a manager, or differ by nature between two copies.
    private static let unreported: Set<String> = ["uuid", "createdAt", "isDemo"]

    /// The fields whose value differs between the stored row and the file's values, both in `storedColumns` order.
    func differences(stored: [DatabaseValue], file: [DatabaseValue], in db: Database) throws -> [RecordDifference.Field] {
        let columns = table.storedColumns
        var fields: [RecordDifference.Field] = []
        for column in columns where !Self.unreported.contains(column) {
            if column == "currency", let amount = columns.firstIndex(of: "amountHundredths"), stored[amount] != file[amount] { continue }
            let before = try text(column, stored, columns, in: db), after = try text(column, file, columns, in: db)
            if before != after { fields.append(RecordDifference.Field(field: label(column), stored: before, file: after)) }
        }
        return fields
    }

    private func label(_ column: String) -> String {
        if column == "amountHundredths" { return "amount" }
        if column == "stageId" { return "stage" }
        if column == "sourceName" { return "name in CRM" }
        if column == "sourceId" { return "CRM id" }
        if column == "sourceCRM" { return "CRM" }
        return RecordDifference.spoken(table.references.first { $0.column == column }?.key ?? column)
    }

    /// The value as a manager reads it: an amount with its currency, a stage or referenced record by name, text quoted.
    private func text(_ column: String, _ values: [DatabaseValue], _ columns: [String], in db: Database) throws -> String {
        let value = values[columns.firstIndex(of: column)!]
        if value.isNull { return "(empty)" }
        if column == "amountHundredths", let hundredths = Int64.fromDatabaseValue(value) {
            let currency = columns.firstIndex(of: "currency").flatMap { String.fromDatabaseValue(values[$0]) } ?? ""
            return Amount(hundredths: hundredths, currency: currency).display
        }
        let target = column == "stageId" ? "stage" : table.references.first { $0.column == column }?.table
        if let target {
            let name = target == "planStep" ? "what" : target == "lead" ? "person" : "name"
            let named = try String.fetchOne(db, sql: "SELECT \(name) FROM \(target) WHERE id = ?", arguments: [value])
            return named.map { "\"\($0)\"" } ?? "(empty)"
        }
        switch value.storage {
        case .int64(let integer): return column == "probability" ? "\(integer)%" : String(integer)
        case .double(let double): return String(double)
        case .string(let string): return "\"\(string)\""
        case .blob, .null: return "(empty)"
        }
    }
}
