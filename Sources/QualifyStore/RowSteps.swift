import GRDB
import GRDBSQLite

extension GRDB.Statement {
    /// Steps through the rows with SQLite's C API, handing each row's
    /// statement to `body`, which reads the columns in place: no GRDB `Row`
    /// and no Swift value per cell, for lists and exports of 100,000 rows.
    func forEachRow(in db: Database, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            try body(handle)
        }
    }
}
