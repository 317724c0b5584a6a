import Foundation
import GRDB
import GRDBSQLite

/// Writes new opportunities the way an import needs 100,000 of them
/// written. Its two statements (is the name taken, insert) are prepared
/// once and bound through SQLite's own API: building GRDB's
/// `StatementArguments` and cursors cost more per row than SQLite's work
/// (callgrind, 10,000 rows: 30,000 instructions a row of 190,000; the
/// same statements through `setUncheckedArguments` + `execute()` made the
/// 100,000-row benchmark 1.91 s instead of 1.54 s). GRDB still owns the
/// connection, the transaction and the prepared statements. The
/// creation time is formatted once a millisecond rather than once a row,
/// and uuids are time-ordered.
final class OpportunityInserter {
    private var insertStatement: GRDB.Statement?
    private var idByNameStatement: GRDB.Statement?
    private var idBySourceStatement: GRDB.Statement?
    private var uuids = TimeOrderedUUIDs()
    /// Where a row's text waits for SQLite to read it (see RowText).
    private let rowText = RowText()
    private var storedMillisecond: (millis: Int64, date: Date, text: String)?

    /// An opportunity not yet stored, created now.
    func make(name: String, accountId: Int64) -> Opportunity {
        let now = Date()
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        if storedMillisecond?.millis != millis {
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            // GRDB's own text for a date (see StoredTime), so these rows read back like any other.
            guard case .string(let text) = StoredTime.databaseValue(date).storage else { preconditionFailure("dates are stored as text") }
            storedMillisecond = (millis, date, text)
        }
        return Opportunity(name: name, accountId: accountId, createdAt: storedMillisecond!.date, uuid: uuids.next(at: now))
    }

    func id(named name: String, in db: Database) throws -> Int64? {
        try integer(&idByNameStatement, "SELECT id FROM opportunity WHERE name = ?", name, in: db)
    }

    /// The opportunity a CRM's id was imported as, if any.
    func id(sourceCRM: String, sourceId: String, in db: Database) throws -> Int64? {
        try integer(&idBySourceStatement, "SELECT id FROM opportunity WHERE sourceCRM = ? AND sourceId = ?", sourceCRM, sourceId, in: db)
    }

    /// The first column of the first row `sql` finds for `texts`, through a statement prepared once.
    func integer(_ statement: inout GRDB.Statement?, _ sql: String, _ texts: String..., in db: Database) throws -> Int64? {
        let prepared = try prepared(&statement, sql, in: db)
        let handle = prepared.sqliteStatement
        defer { sqlite3_reset(handle) } // every parameter is bound on every call
        for (offset, text) in texts.enumerated() { bind(text, at: Int32(offset + 1), to: handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        case let code: throw error(code, prepared, db)
        }
    }

    /// The columns `bind(_:to:)` fills, in order: every stored column but the id.
    static let columns = Opportunity.storedColumns.map(\.rawValue)

    func insert(_ opportunity: inout Opportunity, in db: Database) throws {
        let statement = try prepared(&insertStatement, """
            INSERT INTO opportunity (\(Self.columns.joined(separator: ", ")))
            VALUES (\(Self.columns.map { _ in "?" }.joined(separator: ", ")))
            """, in: db)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) } // every parameter is bound on every call
        startStatement()
        try bind(opportunity, to: handle)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code, statement, db) }
        opportunity.id = db.lastInsertedRowID
    }

    /// Before the first `bind(_:to:after:)` of a statement's parameters: the text bound to
    /// the statement before has been read.
    func startStatement() {
        rowText.startRow()
    }

    /// Binds `columns` to the parameters after `first` of a statement that writes them (the
    /// import's staging table too, several rows to a statement).
    func bind(_ o: Opportunity, to handle: OpaquePointer, after first: Int32 = 0) throws {
        for (offset, column) in Opportunity.storedColumns.enumerated() {
            let index = first + Int32(offset + 1)
            switch column {
            case .uuid:
                // Stored as GRDB stores a UUID: its sixteen bytes.
                withUnsafeBytes(of: o.uuid.uuid) { rowText.bind(blob: $0, at: index, to: handle) }
            case .name: rowText.bind(o.name, at: index, to: handle)
            case .isDemo: sqlite3_bind_int64(handle, index, o.isDemo ? 1 : 0)
            case .createdAt:
                if let text = storedMillisecond.flatMap({ $0.date == o.createdAt ? $0.text : nil }) {
                    rowText.bind(text, at: index, to: handle)
                } else {
                    try bind(StoredTime.databaseValue(o.createdAt), at: index, to: handle)
                }
            case .amountHundredths: bind(o.amount?.hundredths, at: index, to: handle)
            case .currency: rowText.bind(o.currency, at: index, to: handle)
            case .storedCloseDate: rowText.bind(o.closeDateText, at: index, to: handle)
            case .probability: bind(o.probability.map(Int64.init), at: index, to: handle)
            case .nextMilestone: rowText.bind(o.nextMilestone, at: index, to: handle)
            case .owner: rowText.bind(o.owner, at: index, to: handle)
            case .leadSource: rowText.bind(o.leadSource, at: index, to: handle)
            case .description: rowText.bind(o.description, at: index, to: handle)
            case .sourceCRM: rowText.bind(o.sourceCRM, at: index, to: handle)
            case .sourceId: rowText.bind(o.sourceId, at: index, to: handle)
            case .sourceName: rowText.bind(o.sourceName, at: index, to: handle)
            case .accountId: sqlite3_bind_int64(handle, index, o.accountId)
            case .sponsorId: bind(o.sponsorId, at: index, to: handle)
            case .powerSponsorId: bind(o.powerSponsorId, at: index, to: handle)
            case .stageId: bind(o.stageId, at: index, to: handle)
            case .id: break // SQLite assigns it
            }
        }
    }

    func prepared(_ statement: inout GRDB.Statement?, _ sql: String, in db: Database) throws -> GRDB.Statement {
        if let statement { return statement }
        let made = try db.makeStatement(sql: sql)
        statement = made
        return made
    }

    /// SQLite copies the bytes (SQLITE_TRANSIENT), so they need not outlive the call.
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ text: String?, at index: Int32, to handle: OpaquePointer) {
        guard var text else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would read as NULL.
            guard let start = bytes.baseAddress, !bytes.isEmpty else { _ = sqlite3_bind_text(handle, index, "", 0, transient); return }
            _ = start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
            }
        }
    }

    func bind(_ number: Int64?, at index: Int32, to handle: OpaquePointer) {
        if let number { sqlite3_bind_int64(handle, index, number) } else { sqlite3_bind_null(handle, index) }
    }

    private func bind(_ value: DatabaseValue, at index: Int32, to handle: OpaquePointer) throws {
        guard case .string(let text) = value.storage else { throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "a date that is not text") }
        bind(text, at: index, to: handle)
    }

    func error(_ code: Int32, _ statement: GRDB.Statement, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }
}
