import Foundation
import QualifyStore

/// The team's schema on PostgreSQL, in schema `qualify`. One versioned
/// migration per change, never edited once shipped, like the local ones.
/// The record tables are derived from `SyncTable` (the store's own
/// definitions); columns a newer local schema adds are added after the
/// migrations, so the two never drift.
enum ServerSchema {
    static let reps = "qualify_reps"
    static let managers = "qualify_managers"
    /// Serialises pushes: the change counter then grows in commit order, so
    /// a reader that has seen counter N has seen everything below N.
    static let pushLock = 0x7175_616C_6966_79 // "qualify"

    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable () -> [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "team tables, reps and managers, append-only rules", statements: version1),
        Migration(version: 2, name: "history of contacts and plan steps", statements: { recordTables(["fieldChange"]) }),
        Migration(version: 3, name: "removed deals and plan steps", statements: { recordTables(["removal"]) }),
    ]

    /// The record tables version 1 made; each later kind is a migration of its own.
    private static let version1Kinds: Set<String> = [
        "account", "contact", "opportunity", "opportunityChange", "statement", "letter", "letterQuote", "letterMark",
        "planStep", "lead",
    ]

    static var newestVersion: Int { migrations.map(\.version).max() ?? 0 }

    private static func version1() -> [String] {
        let both = "\(reps), \(managers)"
        let sql = [
            "CREATE SCHEMA qualify",
            "CREATE TABLE qualify.migration (version integer PRIMARY KEY, name text NOT NULL, \"appliedAt\" timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE qualify.team (id uuid PRIMARY KEY, \"createdAt\" timestamptz NOT NULL DEFAULT now())",
            "INSERT INTO qualify.team (id) VALUES (gen_random_uuid())",
            // Who may sync, under which name their statements are captured.
            "CREATE TABLE qualify.member (role name PRIMARY KEY, name text NOT NULL UNIQUE, kind text NOT NULL CHECK (kind IN ('rep', 'manager')))",
            """
            CREATE TABLE qualify."syncEvent" (id bigserial PRIMARY KEY, role name NOT NULL DEFAULT current_user,
              "clientId" uuid NOT NULL, at timestamptz NOT NULL DEFAULT now(), pushed integer NOT NULL)
            """,
            "CREATE SEQUENCE qualify.\"changeSeq\"",
            """
            CREATE FUNCTION qualify.\"memberName\"() RETURNS text LANGUAGE sql STABLE
              AS $$ SELECT name FROM qualify.member WHERE role = current_user $$
            """,
            """
            CREATE FUNCTION qualify.\"refuseRewrite\"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'qualify.% is append-only: what a buyer said is never rewritten or deleted', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
            END $$
            """,
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(reps)') THEN CREATE ROLE \(reps) NOLOGIN; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(managers)') THEN CREATE ROLE \(managers) NOLOGIN; END IF;
            END $$
            """,
            "GRANT USAGE ON SCHEMA qualify TO \(both)",
            "GRANT SELECT ON qualify.team, qualify.member, qualify.migration, qualify.\"syncEvent\" TO \(both)",
            "GRANT INSERT ON qualify.\"syncEvent\" TO \(both)",
            "GRANT USAGE ON SEQUENCE qualify.\"changeSeq\", qualify.\"syncEvent_id_seq\" TO \(both)",
            "ALTER TABLE qualify.\"syncEvent\" ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY \"readAll\" ON qualify.\"syncEvent\" FOR SELECT TO \(both) USING (true)",
            "CREATE POLICY \"ownSync\" ON qualify.\"syncEvent\" FOR INSERT TO \(both) WITH CHECK (role = current_user)",
        ]
        return sql + recordTables(version1Kinds)
    }

    private static func recordTables(_ kinds: Set<String>) -> [String] {
        SyncTable.all.filter { kinds.contains($0.kind) }.flatMap(recordTable)
    }

    /// One record table: the store's columns, then where and when each row reached the server.
    private static func recordTable(_ table: SyncTable) -> [String] {
        let name = "qualify.\(quoted(table.kind))"
        let both = "\(reps), \(managers)"
        var columns = table.columns.map { column -> String in
            column.name == "uuid" ? "\"uuid\" uuid PRIMARY KEY" : "\(quoted(column.name)) \(sqlType(column.type))"
        }
        columns += [
            "seq bigint NOT NULL DEFAULT nextval('qualify.\"changeSeq\"')",
            "\"syncedBy\" name NOT NULL DEFAULT current_user",
            "\"syncedFrom\" uuid NOT NULL",
            "\"syncedAt\" timestamptz NOT NULL DEFAULT now()",
        ]
        var sql = [
            "CREATE TABLE \(name) (\n  \(columns.joined(separator: ",\n  "))\n)",
            "CREATE INDEX ON \(name) (seq)",
            "ALTER TABLE \(name) ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY \"readAll\" ON \(name) FOR SELECT TO \(both) USING (true)",
            "GRANT SELECT, INSERT ON \(name) TO \(both)",
        ]
        // Row-level security: a member inserts only rows pushed as themselves and, for what
        // someone wrote (statements, letters, history, marks), written under their own name.
        let own = table.author.map { "\(quoted($0)) = qualify.\"memberName\"() AND " } ?? ""
        sql.append("CREATE POLICY \"ownRows\" ON \(name) FOR INSERT TO \(both) WITH CHECK (\(own)\"syncedBy\" = current_user)")
        if table.isAppendOnly {
            // No UPDATE or DELETE grant; the trigger is the second wall, also against the table's owner.
            sql.append("CREATE TRIGGER \"appendOnly\" BEFORE UPDATE OR DELETE ON \(name) FOR EACH ROW EXECUTE FUNCTION qualify.\"refuseRewrite\"()")
            sql.append("CREATE TRIGGER \"appendOnlyTruncate\" BEFORE TRUNCATE ON \(name) FOR EACH STATEMENT EXECUTE FUNCTION qualify.\"refuseRewrite\"()")
        } else {
            sql.append("GRANT UPDATE ON \(name) TO \(both)")
            sql.append("CREATE POLICY \"ownUpdate\" ON \(name) FOR UPDATE TO \(both) USING (true) WITH CHECK (\"syncedBy\" = current_user)")
        }
        return sql
    }

    static func sqlType(_ type: SyncColumnType) -> String {
        switch type {
        case .uuid: return "uuid"
        case .integer: return "bigint"
        case .text: return "text"
        }
    }

    /// Columns the store's definitions have and the server lacks, for a
    /// server set up by an older qualify: added, never removed or changed.
    static func missingColumns(present: Set<String>) -> [String] {
        var sql: [String] = []
        for table in SyncTable.all {
            for column in table.columns where !present.contains("\(table.kind).\(column.name)") {
                sql.append("ALTER TABLE qualify.\(quoted(table.kind)) ADD COLUMN \(quoted(column.name)) \(sqlType(column.type))")
            }
        }
        return sql
    }
}
