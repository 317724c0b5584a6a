import Foundation
import GRDB

/// How a column travels to the team server: uuids as uuids, SQLite
/// integers (booleans included) as integers, everything else as the exact
/// text SQLite holds, dates included, so a row comes back byte for byte.
public enum SyncColumnType: Sendable, Equatable {
    case uuid, integer, text
}

public struct SyncColumn: Sendable, Equatable {
    public let name: String
    public let type: SyncColumnType
}

/// One kind of record as the team server stores it. Derived from the same
/// table descriptions as `export all` and from the local schema's declared
/// column types, so the server's tables are never a second hand-written copy.
public struct SyncTable: Sendable {
    /// The kind, which is also the server table's name: `statement`, `opportunityChange`…
    public let kind: String
    /// In the order every pushed and pulled row carries its values.
    public let columns: [SyncColumn]
    /// Statements, letters and history rows: inserted once, never changed.
    public let isAppendOnly: Bool
    /// The column naming who wrote an append-only row; the server lets a rep
    /// insert only rows that name the rep.
    public let author: String?
    let exported: ExportedTable

    /// Parents before children, as `export all` writes them.
    public static let all: [SyncTable] = {
        // The migrated schema, in memory: the declared types as the migrations wrote them.
        let types: [String: [String: String]]
        do {
            let queue = try DatabaseQueue()
            try Migrations.migrator.migrate(queue)
            types = try queue.read { db in
                var types: [String: [String: String]] = [:]
                for table in ExportedTable.all {
                    for column in try db.columns(in: table.table) { types[table.table, default: [:]][column.name] = column.type }
                }
                return types
            }
        } catch {
            // An in-memory database with our own migrations cannot fail short of a broken build.
            preconditionFailure("qualify's own schema did not migrate in memory: \(error)")
        }
        return ExportedTable.all.map { table in
            var columns = table.columns.map { name -> SyncColumn in
                let declared = types[table.table]?[name]?.uppercased() ?? "TEXT"
                let type: SyncColumnType = name == "uuid" ? .uuid
                    : (declared == "INTEGER" || declared == "BOOLEAN") ? .integer : .text
                return SyncColumn(name: name, type: type)
            }
            columns += table.references.map { SyncColumn(name: $0.key, type: .uuid) }
            if table.table == "opportunity" { columns.append(SyncColumn(name: "stage", type: .text)) }
            let authors = ["statement": "capturedBy", "letter": "draftedBy", "opportunityChange": "changedBy", "letterMark": "markedBy",
                           "fieldChange": "changedBy", "removal": "removedBy"]
            return SyncTable(kind: table.kind, columns: columns, isAppendOnly: !table.isEditable,
                             author: authors[table.table], exported: table)
        }
    }()

    public static func named(_ kind: String) -> SyncTable? { all.first { $0.kind == kind } }
}
