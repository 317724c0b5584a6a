import Foundation
import GRDB

/// The id ranges each `import all` added: another rep's rows, whatever name they carry.
enum ImportedRows {
    static func newestIds(in db: Database) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for table in ExportedTable.all {
            ids[table.table] = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table.table)") ?? 0
        }
        return ids
    }

    static func record(after before: [String: Int64], in db: Database) throws {
        for (table, from) in before {
            let to = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table)") ?? 0
            guard to > from else { continue }
            try db.execute(sql: "INSERT INTO importedRange (tableName, fromId, toId) VALUES (?, ?, ?)", arguments: [table, from + 1, to])
        }
    }
}

/// Rows written on this laptop under one name, not yet on the team server, per kind.
public struct CapturedUnder: Sendable, Equatable {
    public var name: String
    /// kind -> rows, in `SyncTable.all` order when listed.
    public var counts: [String: Int]

    public var total: Int { counts.values.reduce(0, +) }
}

/// What `qualify rep claim` changed.
public struct RepClaimReport: Sendable, Equatable {
    public var claimed: [String: Int] = [:]
    /// Deals created here whose owner was the old name, now the rep's.
    public var ownedDeals = 0
    /// Rows under the old name that `import all` brought: another rep's, left as they are.
    public var leftImported = 0
    public var total: Int { claimed.values.reduce(0, +) + ownedDeals }
}

extension QualifyDatabase {
    /// The condition on `t` for a row of `table` not pushed yet: above the pushed mark
    /// (rows pulled while a push waits are the server's already, and never refused).
    private static func unpushed(_ table: String) -> String {
        "t.id > coalesce((SELECT pushedUpTo FROM syncCursor WHERE tableName = '\(table)'), 0)"
    }

    /// Not pushed, and written here, not brought by `import all`.
    private static func unpushedHere(_ table: String) -> String {
        unpushed(table) + " AND NOT " + imported(table)
    }

    private static func imported(_ table: String) -> String {
        "EXISTS (SELECT 1 FROM importedRange r WHERE r.tableName = '\(table)' AND t.id BETWEEN r.fromId AND r.toId)"
    }

    /// Names other than `name` on rows waiting to be pushed, imported ones included:
    /// the server refuses them all, so sync names them first.
    public func unpushedAuthors(otherThan name: String) throws(StoreError) -> [CapturedUnder] {
        try read { db in
            var byName: [String: [String: Int]] = [:]
            for table in SyncTable.all {
                guard let author = table.author else { continue }
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t.\(author) AS name, count(*) AS n FROM \(table.exported.table) t
                    WHERE t.\(author) <> ? AND \(Self.unpushed(table.exported.table)) GROUP BY t.\(author)
                    """, arguments: [name])
                for row in rows { byName[row["name"], default: [:]][table.kind] = row["n"] }
            }
            return byName.keys.sorted().map { CapturedUnder(name: $0, counts: byName[$0]!) }
        }
    }

    /// Re-attributes what this laptop captured under `oldName` and has not pushed to `newName`,
    /// in one transaction, with a record of who claimed which rows when. Only the author
    /// changes: the buyer's words, their times and ids stay as stored. Rows pulled from the
    /// server or brought by `import all` are never taken.
    public func claimRows(from oldName: String, as newName: String, claimedBy: String, at date: Date = Date()) throws(StoreError) -> RepClaimReport {
        try write { db in
            var report = RepClaimReport()
            try db.execute(sql: "INSERT INTO repClaim (fromName, toName, claimedBy, claimedAt) VALUES (?, ?, ?, ?)",
                           arguments: [oldName, newName, claimedBy, StoredTime.databaseValue(date)])
            let claimId = db.lastInsertedRowID
            for table in SyncTable.all {
                guard let author = table.author else { continue }
                let name = table.exported.table
                let mine = "t.\(author) = :old AND \(Self.unpushedHere(name))"
                try db.execute(sql: "INSERT INTO repClaimRow (repClaimId, tableName, uuid) SELECT :claim, '\(name)', t.uuid FROM \(name) t WHERE \(mine)",
                               arguments: ["claim": claimId, "old": oldName])
                try db.execute(sql: "UPDATE \(name) AS t SET \(author) = :new WHERE \(mine)", arguments: ["new": newName, "old": oldName])
                if db.changesCount > 0 { report.claimed[table.kind] = db.changesCount }
                report.leftImported += try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM \(name) t WHERE t.\(author) = ? AND \(Self.unpushed(name)) AND \(Self.imported(name))
                    """, arguments: [oldName]) ?? 0
            }
            // A deal created here took the rep's name as its owner: under the login, the login. Left so,
            // `opportunity list --owner` and the team's per-rep figures would not find it under the rep.
            let owned = "t.owner = :old AND \(Self.unpushedHere("opportunity"))"
            try db.execute(sql: "INSERT INTO repClaimRow (repClaimId, tableName, uuid) SELECT :claim, 'opportunity', t.uuid FROM opportunity t WHERE \(owned)",
                           arguments: ["claim": claimId, "old": oldName])
            let deals = try Int64.fetchAll(db, sql: "SELECT t.id FROM opportunity t WHERE \(owned)", arguments: ["old": oldName])
            try db.execute(sql: "UPDATE opportunity AS t SET owner = :new WHERE \(owned)", arguments: ["new": newName, "old": oldName])
            // An owner's change is a dated history row, whoever makes it (opportunity show --history).
            for deal in deals {
                var change = OpportunityChange(opportunityId: deal, field: .owner, oldValue: oldName, newValue: newName,
                                               changedBy: newName, changedAt: date)
                try change.insert(db)
            }
            report.ownedDeals = deals.count
            if report.total == 0 { try db.execute(sql: "DELETE FROM repClaim WHERE id = ?", arguments: [claimId]) }
            return report
        }
    }
}
