import Foundation
import GRDB
import GRDBSQLite

/// What an opportunity import will write, gathered while the file is read
/// and checked, then written in one short transaction.
///
/// Reading, resolving and checking 100,000 rows takes seconds; an
/// interview's answer must not wait that long for the write lock. So the
/// rows are checked against one read snapshot and their final values go to
/// tables of a private temporary database attached for the import (`schema`):
/// it belongs to this connection, so filling it takes no lock on the rep's
/// database, it spills to a file past a fixed cache, so memory stays flat, and
/// detaching it throws it away at once (dropping 100,000 staged rows from
/// SQLite's temp database instead journalled every freed page: 16 MB written).
/// The write transaction then re-checks what may have changed meanwhile
/// (the unique names and ids by their constraints, an updated deal by its
/// fingerprint) and copies the rows across: all of them, or none.
final class ImportStaging {
    private let inserter: OpportunityInserter
    private var stageStatement: GRDB.Statement?
    private var nameStatement: GRDB.Statement?
    private var sourceStatement: GRDB.Statement?
    /// Rows bound to `stageStatement` and not yet written.
    private var pendingRows = 0
    /// The slots of `stageStatement` bound to rows since their parameters were last NULL.
    private var boundSlots = 0
    /// The names and CRM ids of the rows staged so far, pending ones included.
    private var keys = StagedKeys()
    /// Whether the staged rows are indexed by name and CRM id (see `indexed(in:)`).
    private var isIndexed = false
    /// Stored deals a row updates, by id, with the row's line: one row per deal.
    private var updatedLines: [Int64: Int] = [:]
    /// Accounts --create-accounts makes, by the placeholder id (negative) their deals carry until written.
    private var newAccounts: [String] = []
    /// A stored deal's every column as one text: equal texts, unchanged deal.
    private let fingerprint: String

    init(db: Database, inserter: OpportunityInserter) throws {
        self.inserter = inserter
        let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(opportunity)").map { $0["name"] as String }
        fingerprint = columns.map { "quote(o.\($0.quotedDatabaseIdentifier))" }.joined(separator: " || ',' || ")
        let staged = OpportunityInserter.columns.map { $0 == "name" ? "name TEXT COLLATE NOCASE" : $0 }.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TABLE \(Self.schema).importedOpportunity (\(staged), line INTEGER NOT NULL, targetId INTEGER, fingerprint TEXT);
            CREATE TABLE \(Self.schema).importedChange (uuid, opportunityId, field, oldValue, newValue, changedBy, changedAt);
            """)
    }

    /// The attached database the rows wait in.
    static let schema = "importStaging"

    /// Rows go in this many to a statement: SQLite's work to start and finish
    /// a statement was more than half of staging a row one at a time
    /// (callgrind, 20,000 rows: 282 M instructions one a statement, 125 M twenty).
    private static let rowsPerStatement = 64
    private static let parametersPerRow = OpportunityInserter.columns.count + 3

    /// OR IGNORE is how fewer rows than the statement holds go in: a slot of
    /// NULLs breaks the NOT NULL rule of `line` and is skipped. A staged name is
    /// found before its row is bound (StagedKeys), so no row is skipped for its
    /// name; `flush` checks that every bound row went in.
    private static let stageSQL = "INSERT OR IGNORE INTO \(schema).importedOpportunity VALUES "
        + Array(repeating: "(" + Array(repeating: "?", count: parametersPerRow).joined(separator: ", ") + ")",
                count: rowsPerStatement).joined(separator: ", ")

    /// Outside any transaction (SQLite attaches only there). An empty name is a private
    /// temporary file, deleted when detached; nothing in it needs to survive a crash, so
    /// it keeps no journal and never syncs. Its pages are 64 KiB: the rows are only appended
    /// and read back in order, and the 13 MB of 100,000 rows spill to the file in 205
    /// writes instead of 3,300 (callgrind, 20,000 rows: 17 M instructions fewer). For the
    /// same reason a few pages of cache do until the rows are indexed (see `indexed(in:)`):
    /// 8 MiB from the start took 1,800 more pages of memory from the kernel for nothing.
    static func attach(in db: Database) throws {
        try db.execute(sql: """
            ATTACH DATABASE '' AS \(schema);
            PRAGMA \(schema).page_size = 65536;
            PRAGMA \(schema).journal_mode = OFF;
            PRAGMA \(schema).synchronous = OFF;
            PRAGMA \(schema).cache_size = -\(appendingCacheKiB);
            """)
    }

    /// The staging file's cache while rows are only appended, and once they are indexed
    /// and looked up at random (a file repeating 50,000 names took 25% longer with the small one).
    private static let appendingCacheKiB = 1024
    private static let indexedCacheKiB = 8192

    static func detach(in db: Database) throws {
        try db.execute(sql: "DETACH DATABASE \(schema)")
    }

    /// A deal to insert (`existing` nil) or to update, from line `line`. Throws NameTakenInFile,
    /// staging nothing, when an earlier row gives its name. The row may wait for more
    /// rows before it is written (see `flush`).
    func stage(_ opportunity: Opportunity, line: Int, existing: Opportunity?, changes: [OpportunityChange], in db: Database) throws {
        let name = StagedKeys.name(opportunity.name)
        if keys.mayContain(name), try self.line(named: opportunity.name, in: db) != nil { throw NameTakenInFile() }
        let statement = try inserter.prepared(&stageStatement, Self.stageSQL, in: db)
        let handle = statement.sqliteStatement
        if pendingRows == 0 { inserter.startStatement() }
        // Every parameter of the row's slot is bound, so none needs clearing; should binding
        // fail half way, `flush` sets the slot to NULLs.
        boundSlots = max(boundSlots, pendingRows + 1)
        let first = Int32(pendingRows * Self.parametersPerRow)
        try inserter.bind(opportunity, to: handle, after: first)
        let next = first + Int32(OpportunityInserter.columns.count + 1)
        sqlite3_bind_int64(handle, next, Int64(line))
        inserter.bind(existing?.id, at: next + 1, to: handle)
        if let id = existing?.id {
            inserter.bind(try String.fetchOne(db.cachedStatement(sql: "SELECT \(fingerprint) FROM main.opportunity AS o WHERE o.id = ?"),
                                              arguments: [id]), at: next + 2, to: handle)
        } else {
            sqlite3_bind_null(handle, next + 2)
        }
        pendingRows += 1
        keys.insert(name)
        if let sourceCRM = opportunity.sourceCRM, let sourceId = opportunity.sourceId {
            keys.insert(StagedKeys.source(crm: sourceCRM, id: sourceId))
        }
        if let id = existing?.id { updatedLines[id] = line }
        for change in changes {
            try db.execute(sql: """
                INSERT INTO \(Self.schema).importedChange VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [change.uuid, change.opportunityId, change.field.rawValue, change.oldValue, change.newValue,
                                 change.changedBy, change.changedAt])
        }
        if pendingRows == Self.rowsPerStatement { try flush(in: db) }
    }

    /// Writes the rows bound and not yet written: at the end of the file, and before the table is asked about them.
    func flush(in db: Database) throws {
        guard pendingRows > 0, let statement = stageStatement else { return }
        let handle = statement.sqliteStatement
        let rows = pendingRows
        pendingRows = 0
        defer { sqlite3_reset(handle) }
        // A slot still bound to an earlier row is set to NULLs: its text is gone (RowText).
        for parameter in rows * Self.parametersPerRow..<max(rows, boundSlots) * Self.parametersPerRow {
            sqlite3_bind_null(handle, Int32(parameter + 1))
        }
        boundSlots = rows
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw inserter.error(code, statement, db) }
        guard sqlite3_changes(db.sqliteConnection) == rows else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "\(rows) rows were staged, fewer were written", sql: statement.sql)
        }
    }

    /// The line of this file that already gives the name.
    func line(named name: String, in db: Database) throws -> Int? {
        guard keys.mayContain(StagedKeys.name(name)) else { return nil }
        try indexed(in: db)
        return try inserter.integer(&nameStatement, Self.nameSQL, name, in: db).map(Int.init)
    }

    /// The staged rows, all written and indexed, for a question `keys` cannot answer.
    /// The indexes are made at the first such question: most files never ask one, and
    /// keeping the name index as rows went in was a third of staging them (callgrind).
    private func indexed(in db: Database) throws {
        try flush(in: db)
        guard !isIndexed else { return }
        try db.execute(sql: """
            PRAGMA \(Self.schema).cache_size = -\(Self.indexedCacheKiB);
            CREATE UNIQUE INDEX \(Self.schema).importedOpportunity_name ON importedOpportunity (name);
            CREATE INDEX \(Self.schema).importedOpportunity_source ON importedOpportunity (sourceCRM, sourceId) WHERE sourceId IS NOT NULL;
            """)
        isIndexed = true
    }

    private static let nameSQL = "SELECT line FROM \(schema).importedOpportunity WHERE name = ?"

    /// The line of this file that already gives the CRM's id.
    func line(sourceCRM: String, sourceId: String, in db: Database) throws -> Int? {
        guard keys.mayContain(StagedKeys.source(crm: sourceCRM, id: sourceId)) else { return nil }
        try indexed(in: db)
        return try inserter.integer(&sourceStatement, Self.sourceSQL, sourceCRM, sourceId, in: db).map(Int.init)
    }

    private static let sourceSQL = """
        SELECT line FROM \(schema).importedOpportunity WHERE sourceCRM = ? AND sourceId = ? AND sourceId IS NOT NULL
        """

    /// The line of this file that already updates the stored deal.
    func line(updating id: Int64) -> Int? {
        updatedLines[id]
    }

    /// The id the next new account's deals carry until it is written.
    var nextAccountPlaceholder: Int64 { -Int64(newAccounts.count + 1) }

    /// The new account that `nextAccountPlaceholder` stands for, once a deal of it is staged.
    func addNewAccount(_ name: String) {
        newAccounts.append(name)
    }

    func newAccountName(_ placeholder: Int64) -> String? {
        placeholder < 0 && -placeholder <= newAccounts.count ? newAccounts[Int(-placeholder) - 1] : nil
    }

    /// Writes what was gathered; inside the write transaction.
    func write(in db: Database) throws {
        try flush(in: db)
        // A file of new deals only skips the two passes over its rows that updates need.
        let updates = !updatedLines.isEmpty
        if updates, let line = try Int.fetchOne(db, sql: """
            SELECT s.line FROM \(Self.schema).importedOpportunity AS s LEFT JOIN main.opportunity AS o ON o.id = s.targetId
            WHERE s.targetId IS NOT NULL AND (o.id IS NULL OR s.fingerprint IS NOT \(fingerprint)) LIMIT 1
            """) {
            throw StoreError(.busy, "the deal line \(line) updates was changed by another qualify while this file was read; nothing was imported. Import the file again.")
        }
        do {
            for (index, name) in newAccounts.enumerated() {
                var account = Account(name: name)
                try account.insert(db)
                try db.execute(sql: "UPDATE \(Self.schema).importedOpportunity SET accountId = ? WHERE accountId = ?",
                               arguments: [account.id!, -Int64(index + 1)])
            }
            let columns = OpportunityInserter.columns.map(\.quotedDatabaseIdentifier)
            if updates {
                try db.execute(sql: """
                    UPDATE main.opportunity SET \(columns.map { "\($0) = s.\($0)" }.joined(separator: ", "))
                    FROM \(Self.schema).importedOpportunity AS s WHERE s.targetId = opportunity.id
                    """)
            }
            try db.execute(sql: """
                INSERT INTO main.opportunity (\(columns.joined(separator: ", ")))
                SELECT \(columns.joined(separator: ", ")) FROM \(Self.schema).importedOpportunity WHERE targetId IS NULL ORDER BY rowid;
                INSERT INTO main.opportunityChange (uuid, opportunityId, field, oldValue, newValue, changedBy, changedAt)
                SELECT * FROM \(Self.schema).importedChange ORDER BY rowid;
                """)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError(.duplicate, "another qualify stored a deal or account with a name or id of this file while it was read; nothing was imported. Import the file again.")
        }
    }
}

/// A row of the file being read already gives this name (and is staged).
struct NameTakenInFile: Error {}
