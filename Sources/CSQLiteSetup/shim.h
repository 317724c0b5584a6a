#include <sqlite3.h>

/// sqlite3_config is variadic, which Swift cannot call. Before SQLite starts
/// (the first connection opened): keep no memory statistics, so no allocation
/// of SQLite's takes the global mutex that guards them. SQLITE_MISUSE once
/// SQLite has started; nothing else changes.
static inline int qualify_sqlite3_keep_no_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
