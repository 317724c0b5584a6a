import CSQLiteSetup

/// How SQLite runs in this process, set once before its first connection opens.
enum SQLiteSetup {
    /// SQLite counts every allocation under a global mutex for its memory statistics,
    /// which qualify never reads: 2% of a 100,000-row import (perf). Only possible before
    /// SQLite starts; if something started it first, it keeps counting, which is harmless.
    static let done: Void = {
        _ = qualify_sqlite3_keep_no_memory_statistics()
    }()
}
