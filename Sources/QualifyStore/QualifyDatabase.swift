import Foundation
import GRDB
import QualifyKit

/// The opportunity database: one SQLite file, readable by its owner only,
/// because it holds what buyers said in confidence.
public final class QualifyDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// Said once to the user: a mode that was tightened.
    public let notes: [String]
    /// The file was missing or empty when this command opened it: there was
    /// nothing to back up, and a refused import leaves nothing behind.
    public let startedHere: Bool
    private let damage = DamageMark()

    /// `PRAGMA application_id` of every database qualify creates: "QLFY".
    public static let applicationID: Int32 = 0x514C_4659
    /// The first migration of every qualify database, so a file created before
    /// `applicationID` existed is still recognised as ours.
    static let firstMigration = "v1: accounts, opportunities, statements, letters"
    /// `PRAGMA quick_check` reads every page: 0.2 s for 43 MB (10,000 opportunities) but
    /// 1.3 s warm and 4.4 s cold at 433 MB (1,000,000 statements). Above this size the
    /// start-up check is skipped and `qualify doctor` does it; SQLite still reports damage
    /// on the pages it reads, and that stops every write.
    static let quickCheckLimit: Int64 = 48 << 20

    /// Opens or creates the database at `path`. A file that is not SQLite, not
    /// qualify's, or damaged is refused before anything is written to it.
    /// `waiting`: how a write waits for another qualify holding the lock.
    /// `beforeMigrating` runs (with the file still unchanged) when an existing database needs migrating.
    public static func open(path: String, waiting: LockWaiting = .command,
                            beforeMigrating: ((QualifyDatabase) throws -> Void)? = nil) throws(StoreError) -> QualifyDatabase {
        try open(path: path, waiting: waiting, startingFrom: Configuration(), beforeMigrating: beforeMigrating)
    }

    /// `base`: a test's connection set up the way another libsqlite3 build
    /// would have it (say `synchronous = OFF`), to prove qualify's own settings win.
    static func open(path: String, waiting: LockWaiting, startingFrom base: Configuration,
                     beforeMigrating: ((QualifyDatabase) throws -> Void)?) throws(StoreError) -> QualifyDatabase {
        SQLiteSetup.done
        let prepared = try DatabaseFile.prepare(at: path)
        do {
            var configuration = base
            configuration.foreignKeysEnabled = true
            configuration.busyMode = waiting.busyMode
            configuration.prepareDatabase { db in
                // Every commit reaches the disk before it is acknowledged, however libsqlite3 was built.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Migrations.migrator
            if prepared.hadContent { try queue.inDatabase { db in try refuseForeignOrDamaged(db, file: prepared) } }
            // Made owner-only once it is known to be qualify's (or new): another application's file keeps its mode.
            let file = try prepared.tightened()
            // One visit for what every command checks next: the journal, which migrations.
            let schema = try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                return try SchemaState(db, migrator: migrator)
            }
            let database = QualifyDatabase(path: path, queue: queue, notes: file.notes, startedHere: !file.hadContent)
            if schema.isNewer {
                throw StoreError(.newerSchema, "\(path) was written by a newer version of qualify; it was left unchanged. Update qualify to open it.")
            }
            if !schema.isUpToDate {
                if !schema.isCurrent && file.hadContent { try beforeMigrating?(database) }
                try bringUpToDate(queue)
            }
            return database
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The migrations a file has had and, once it has them all, the method's fields it knows.
    private struct SchemaState {
        let applied: Set<String>
        let methodFields: Int?
        /// A migration this qualify does not know: a newer qualify wrote the file.
        let isNewer: Bool
        /// Every migration is applied.
        var isCurrent: Bool { methodFields != nil }
        /// Nothing to write: every migration and every field of the method.
        var isUpToDate: Bool { methodFields == Field.allCases.count }

        init(_ db: Database, migrator: DatabaseMigrator) throws {
            applied = try migrator.appliedIdentifiers(db)
            methodFields = applied == Set(migrator.migrations)
                ? try Int.fetchOne(db, sql: "SELECT count(*) FROM statementField") ?? 0 : nil
            isNewer = applied.contains { !migrator.migrations.contains($0) }
        }
    }

    /// The migrations a file lacks, then the method's fields its statementField table lacks.
    private static func bringUpToDate(_ queue: DatabaseQueue) throws {
        try Migrations.migrator.migrate(queue)
        if try queue.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM statementField") }) != Field.allCases.count {
            try queue.write(Migrations.addMethodFields)
        }
    }

    /// The database a dry run checks against, which creates and changes nothing: the file
    /// at `path` when it exists and is up to date; else a pipeline in memory, said in `notes`:
    /// qualify's own stages and nothing else where no file exists yet (a first import is
    /// checked before the database is made), a migrated copy of a file an older qualify wrote.
    public static func openForDryRun(path: String, waiting: LockWaiting = .command) throws(StoreError) -> QualifyDatabase {
        SQLiteSetup.done
        do {
            guard try DatabaseFile.hasContent(at: path) else {
                let queue = try DatabaseQueue()
                try bringUpToDate(queue)
                return QualifyDatabase(path: path, queue: queue, notes: [
                    "no database at \(path) yet: this dry run checked the file against an empty pipeline (qualify's stages, no accounts) and created nothing; the import without --dry-run starts the database there.",
                ])
            }
            var configuration = Configuration()
            configuration.readonly = true
            let file = try DatabaseFile.prepare(at: path)
            let stored = try DatabaseQueue(path: path, configuration: configuration)
            try stored.inDatabase { db in try refuseForeignOrDamaged(db, file: file) }
            let migrator = Migrations.migrator
            let schema = try stored.read { db in try SchemaState(db, migrator: migrator) }
            // Up to date, open() writes nothing to the file; older, it would migrate it.
            if schema.isUpToDate || schema.isNewer {
                try stored.close()
                return try open(path: path, waiting: waiting)
            }
            let copy = try DatabaseQueue()
            try stored.backup(to: copy)
            try bringUpToDate(copy)
            return QualifyDatabase(path: path, queue: copy, notes: [
                "\(path) was written by an older qualify: this dry run checked the file against an upgraded copy in memory and changed nothing; the import without --dry-run upgrades it (after a backup).",
            ])
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Reads only: another application's file must keep every byte.
    private static func refuseForeignOrDamaged(_ db: Database, file: DatabaseFile) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let ours = try id == applicationID || (id == 0 && db.tableExists("grdb_migrations")
            && Bool.fetchOne(db, sql: "SELECT 1 FROM grdb_migrations WHERE identifier = ?", arguments: [firstMigration]) == true)
        guard ours else {
            throw StoreError(.notADatabase, "\(file.path) is not a qualify database (another application's SQLite file); it was left unchanged. Choose another file with --database.")
        }
        guard file.size <= quickCheckLimit else { return }
        let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
        if problems != ["ok"] {
            throw StoreError.damaged(file.path, detail: problems.joined(separator: "; "))
        }
    }

    private init(path: String, queue: DatabaseQueue, notes: [String], startedHere: Bool = false) {
        self.path = path
        self.queue = queue
        self.notes = notes
        self.startedHere = startedHere
    }

    /// Closes and deletes the database when this command started it: a
    /// refused first import leaves no empty pipeline behind for a mistyped
    /// --database to pass for. Nothing else may use it afterwards.
    public func removeIfStartedHere() {
        guard startedHere else { return }
        try? queue.close()
        for file in DatabaseFile.companions(of: path) { unlink(file) }
    }

    /// `PRAGMA synchronous` as qualify's connection has it (2 is FULL).
    public func synchronousMode() throws(StoreError) -> Int {
        try read { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try queue.read(body) } catch { throw noted(StoreError.from(error, path: path)) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if let damaged = damage.error { throw damaged }
        do { return try queue.write(body) } catch { throw noted(StoreError.from(error, path: path)) }
    }

    /// Once SQLite has met a damaged page, nothing more is written to the file.
    func noted(_ error: StoreError) -> StoreError {
        if error.kind == .damaged || error.kind == .notADatabase { damage.error = error }
        return error
    }
}

/// The first damage seen, shared by every write of this process.
private final class DamageMark: @unchecked Sendable {
    private let lock = NSLock()
    private var first: StoreError?
    var error: StoreError? {
        get { lock.withLock { first } }
        set { lock.withLock { if first == nil { first = newValue } } }
    }
}
