import QualifyKit

/// Owners a file gives as CRM user ids (Salesforce Data Loader's `OwnerId`, `005…`) instead of
/// names: an id is not stored as the owner's name. `--map-owner 'ID=Name'` says who each is;
/// the ids no one said are counted, so the summary names each once with the option that maps it.
public struct OwnersAsIds: Equatable, Sendable {
    /// The file's column, for the summary.
    public private(set) var column: String?
    /// Rows per id, and the ids in the order the file first gave them.
    public private(set) var rows: [String: Int] = [:]
    public private(set) var order: [String] = []

    public var count: Int { rows.values.reduce(0, +) }

    mutating func count(_ id: String, column: String) {
        self.column = column
        if rows[id] == nil { order.append(id) }
        rows[id, default: 0] += 1
    }

    /// One line, or nil when every owner had a name.
    public func note(idsShown: Int = 5) -> String? {
        guard let column, let first = order.first else { return nil }
        let ids = order.prefix(idsShown).map { "\"\($0)\" (\(rows[$0]!))" }.joined(separator: ", ")
            + (order.count > idsShown ? " … and \(order.count - idsShown) more" : "")
        return "the owner of \(counted(count, "deal")) came as a user id (\(column)), not a name: \(ids). New deals were stored without an owner, stored ones kept theirs; "
            + "say who each is with --map-owner '\(first)=Owner Name' (repeatable), or export the owner's name beside it (Salesforce: Owner.Name)."
    }
}

extension OpportunityImporter {
    /// The row's owner from its id column when it gives no name: the name --map-owner gives the
    /// id, set in `values`; else the id, returned, which the row must not store as a name.
    func ownerFromId(_ row: ImportRow, into values: inout FieldValues<OpportunityField>) -> String? {
        guard let id = Self.nonEmpty(row.values[.ownerId]), Self.nonEmpty(values[.owner]) == nil else { return nil }
        if let name = options.ownerMap[id] {
            values[.owner] = name
            return nil
        }
        return id
    }
}
