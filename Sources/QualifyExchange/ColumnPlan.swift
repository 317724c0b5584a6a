import QualifyKit
import QualifyStore

/// Which column of a file feeds which field, decided once from the header.
public struct ColumnPlan: Equatable, Sendable {
    /// Field for each column index that is used.
    public private(set) var fieldsByColumn: [Int: ImportField]
    /// The same in the file's order, walked for every row.
    private var usedColumns: [UsedColumn] = []

    private struct UsedColumn: Equatable, Sendable {
        var index: Int
        var field: ImportField
    }
    /// Headers no rule or --map recognised: reported, then ignored.
    public var unknownColumns: [String]
    /// The file's header for each field, so a report names the user's column.
    public var columnNames: [ImportField: String]
    /// The CRM the header looks like (see RecordKind.crm), nil for a hand-made file.
    public var crm: String?

    /// `mappings` are the `--map 'Column=field'` options; they win over the known names.
    public init(header: [String], kind: RecordKind, mappings: [String]) throws(CommandFailure) {
        var explicit: [String: ImportField] = [:]
        for mapping in mappings {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CommandFailure("--map \"\(mapping)\" is not Column=field; e.g. --map 'Deal Size=amount'.")
            }
            guard let field = ImportField(rawValue: parts[1]), kind.fields.contains(field) else {
                throw CommandFailure("--map \"\(mapping)\": \"\(parts[1])\" is not a field of \(kind.rawValue); use one of \(kind.fields.map(\.rawValue).joined(separator: ", ")).")
            }
            explicit[parts[0]] = field
        }
        fieldsByColumn = [:]
        if kind == .accounts {
            // Another kind's file read as accounts would store its ids as the accounts' own.
            let names = Set(header.map { Self.normalised($0.trimmingCharacters(in: .whitespaces)) })
            let other: RecordKind? = !names.isDisjoint(with: RecordKind.dealColumns) ? .opportunities
                : !names.isDisjoint(with: RecordKind.personColumns) ? .contacts : nil
            if let other, explicit.isEmpty {
                let telling = header.filter { (other == .opportunities ? RecordKind.dealColumns : RecordKind.personColumns).contains(Self.normalised($0.trimmingCharacters(in: .whitespaces))) }
                throw CommandFailure("this file has \(Self.quoted(telling)): it holds \(other.rawValue)\(other == .contacts ? " or leads" : ""), not accounts; import it with qualify import \(other.rawValue) FILE (its accounts come with it by name), or say which column is the account's name with --map 'Column=name'.")
            }
        }
        crm = RecordKind.crm(header: header)
        unknownColumns = []
        columnNames = [:]
        let known = kind.knownColumns
        for (index, rawColumn) in header.enumerated() {
            let column = rawColumn.trimmingCharacters(in: .whitespaces)
            guard let field = explicit[column] ?? known[Self.normalised(column)] else {
                if !column.isEmpty { unknownColumns.append(column) }
                continue
            }
            // The first column wins: Salesforce files can hold both Name and Account.Name style twins.
            guard columnNames[field] == nil else { unknownColumns.append(column); continue }
            fieldsByColumn[index] = field
            columnNames[field] = column
        }
        usedColumns = fieldsByColumn.sorted { $0.key < $1.key }.map { UsedColumn(index: $0.key, field: $0.value) }
        let columns = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
        if let missing = mappings.first(where: { !columns.contains(String($0.prefix { $0 != "=" })) }) {
            throw CommandFailure("--map \"\(missing)\" names no column of the file (found \(Self.quoted(header))).")
        }
        let named = kind == .leads || kind == .contacts
        let required: [ImportField] = named ? [.person, .lastName] : [.name]
        guard required.contains(where: { columnNames[$0] != nil }) else {
            if header.first?.hasPrefix("{") == true {
                throw CommandFailure("this is a JSON lines file, not CSV; a file qualify export all wrote goes in with qualify import all FILE.")
            }
            throw CommandFailure("no column gives the \(required[0].rawValue) (found \(Self.quoted(header))); name it with --map 'Column=\(required[0].rawValue)'.")
        }
        if named, columnNames[.person] == nil {
            // Reported as the columns the rep sees: the person is made of them (see values(of:)).
            let parts = [columnNames[.firstName], columnNames[.lastName]].compactMap { $0 }
            columnNames[.person] = parts.joined(separator: " + ")
        }
        if kind == .opportunities || kind == .contacts, columnNames[.account] == nil, columnNames[.accountId] == nil {
            throw CommandFailure("no column gives the account (e.g. \"Account Name\"); name it with --map 'Column=account'.")
        }
    }

    /// The values of one row by field. Cells are kept byte for byte except
    /// vtiger's `Accounts::::` prefix on related names.
    public func values(of cells: [String]) -> ImportValues {
        values(cellCount: cells.count) { cells[$0] }
    }

    /// The same from a record read cell by cell: only the used cells are read.
    func values(cellCount: Int, cell: (Int) -> String) -> ImportValues {
        var values = ImportValues()
        fill(&values, cellCount: cellCount, cell: cell)
        return values
    }

    /// The same into `values`, replacing an earlier row's: a file read row after row
    /// fills one list of slots instead of allocating and freeing one a row.
    func fill(_ values: inout ImportValues, cellCount: Int, cell: (Int) -> String) {
        for column in usedColumns { values[column.field] = nil }
        values[.person] = nil
        for column in usedColumns where column.index < cellCount {
            let (index, field) = (column.index, column.field)
            var cell = cell(index)
            if field == .account || field == .company, cell.withUTF8Bytes({ $0.contains(UInt8(ascii: ":")) }), let range = cell.range(of: "::::") {
                cell = String(cell[range.upperBound...])
            }
            values[field] = cell
        }
        if values[.person] == nil, values[.firstName] != nil || values[.lastName] != nil {
            let parts = [values[.firstName], values[.lastName]].compactMap { $0 }.filter { !$0.isEmpty }
            values[.person] = parts.joined(separator: " ")
        }
    }

    /// The header as the message shows it: a file that is no CSV can make its first
    /// line one huge "header", so the message stays a line a rep can read.
    private static func quoted(_ header: [String]) -> String {
        let shown = header.prefix(12).map { $0.count > 60 ? "\"\($0.prefix(60))…\"" : "\"\($0)\"" }
        let rest = header.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }

    static func normalised(_ column: String) -> String {
        String(column.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }
}
