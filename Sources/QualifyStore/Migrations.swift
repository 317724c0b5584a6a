import Foundation
import GRDB
import QualifyKit

/// One named migration per schema change. A migration that has shipped is
/// never edited: a change is a new migration appended here.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, opportunities, statements, letters") { db in
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "opportunity") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.belongsTo("account", onDelete: .restrict).notNull()
                t.column("isDemo", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "statement") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("opportunity", onDelete: .cascade).notNull()
                t.column("field", .text).notNull()
                    .check { ["problem", "pain", "reasons", "impacts", "capabilities"].contains($0) }
                t.column("position", .integer).notNull().check { $0 >= 1 }
                t.column("text", .text).notNull()
                t.column("capturedBy", .text).notNull()
                t.column("capturedAt", .datetime).notNull()
                // unique: a version is replaced at most once, so history is a line, never a fork.
                t.column("replacesId", .integer).unique().references("statement", onDelete: .restrict)
            }
            try db.create(index: "statement_on_opportunity_field_position",
                          on: "statement", columns: ["opportunityId", "field", "position"])
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("opportunity", onDelete: .cascade).notNull()
                t.column("body", .text).notNull()
                t.column("draftedBy", .text).notNull()
                t.column("draftedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: CRM record: stages, opportunity fields, contacts, leads, change history") { db in
            try db.create(table: "stage") { t in
                t.autoIncrementedPrimaryKey("id")
                // Compared byte for byte, as vtiger and SuiteCRM do ("Closed Won" is hard-coded there).
                t.column("name", .text).notNull().unique()
                t.column("position", .integer).notNull()
                t.column("probability", .integer).notNull().check { $0 >= 0 && $0 <= 100 }
                // NULL while open; 'won' or 'lost' once closed.
                t.column("closed", .text).check { $0 == nil || ["won", "lost"].contains($0) }
            }
            // The common CRM list, with SuiteCRM's default probabilities.
            let stages: [(String, Int, String?)] = [
                ("Prospecting", 10, nil), ("Qualification", 20, nil), ("Needs Analysis", 25, nil),
                ("Value Proposition", 30, nil), ("Id. Decision Makers", 40, nil), ("Perception Analysis", 50, nil),
                ("Proposal/Price Quote", 65, nil), ("Negotiation/Review", 80, nil),
                ("Closed Won", 100, "won"), ("Closed Lost", 0, "lost"),
            ]
            for (index, stage) in stages.enumerated() {
                try db.execute(sql: "INSERT INTO stage (name, position, probability, closed) VALUES (?, ?, ?, ?)",
                               arguments: [stage.0, index + 1, stage.1, stage.2])
            }
            try db.create(table: "contact") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("account", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                t.column("title", .text)
                t.column("email", .text)
                t.column("phone", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.alter(table: "opportunity") { t in
                // Hundredths of the currency unit: exact, sortable, never a binary float.
                t.add(column: "amountHundredths", .integer)
                t.add(column: "currency", .text)
                // ISO YYYY-MM-DD.
                t.add(column: "closeDate", .text)
                t.add(column: "stageId", .integer).references("stage", onDelete: .restrict)
                t.add(column: "probability", .integer).check { $0 == nil || ($0 >= 0 && $0 <= 100) }
                t.add(column: "nextMilestone", .text)
                t.add(column: "owner", .text)
                t.add(column: "leadSource", .text)
                t.add(column: "description", .text)
                t.add(column: "sponsorId", .integer).references("contact", onDelete: .setNull)
                t.add(column: "powerSponsorId", .integer).references("contact", onDelete: .setNull)
            }
            try db.create(index: "opportunity_on_stage", on: "opportunity", columns: ["stageId"])
            try db.create(index: "opportunity_on_closeDate", on: "opportunity", columns: ["closeDate"])
            // Every change of stage, amount, probability or close date, dated.
            try db.create(table: "opportunityChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("opportunity", onDelete: .cascade).notNull()
                t.column("field", .text).notNull()
                t.column("oldValue", .text)
                t.column("newValue", .text)
                t.column("changedBy", .text).notNull()
                t.column("changedAt", .datetime).notNull()
            }
            try db.create(table: "lead") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.column("person", .text).notNull()
                t.column("company", .text)
                t.column("title", .text)
                t.column("email", .text)
                t.column("phone", .text)
                t.column("source", .text)
                t.column("notes", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("convertedAt", .datetime)
                t.column("accountId", .integer).references("account", onDelete: .setNull)
                t.column("contactId", .integer).references("contact", onDelete: .setNull)
                t.column("opportunityId", .integer).references("opportunity", onDelete: .setNull)
            }
        }
        migrator.registerMigration("v3: review: full-text search over the buyer's words, indexes for the manager's filters") { db in
            // External content: the words are stored once, in `statement`;
            // GRDB's triggers keep the index in step with every insert and delete.
            // Diacritics removed, so a manager typing "sef" finds "šef".
            try db.create(virtualTable: "statementSearch", using: FTS5()) { t in
                t.synchronize(withTable: "statement")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("text")
            }
            // Newest first is the review's default order; reps are filtered and listed.
            try db.create(index: "statement_on_capturedAt", on: "statement", columns: ["capturedAt"])
            try db.create(index: "statement_on_capturedBy", on: "statement", columns: ["capturedBy"])
        }
        migrator.registerMigration("v4: review: indexes for one field newest first, and per-deal counts") { db in
            // `review --field pain` reads only that field's rows, already in date order:
            // at a million statements, 0.3 s instead of 1 s scanning every date.
            try db.create(index: "statement_on_field_capturedAt", on: "statement", columns: ["field", "capturedAt"])
            // Covers what gaps, stats and home count per opportunity, so they never
            // visit the table itself: 1 s instead of 3 s at a million statements.
            try db.create(index: "statement_on_opportunity_field_capturedAt", on: "statement",
                          columns: ["opportunityId", "field", "capturedAt"])
        }
        migrator.registerMigration("v5-i9-applicationId: mark the file as qualify's") { db in
            // A file with this id (or qualify's migrations) is ours; any other SQLite file is refused untouched.
            try db.execute(sql: "PRAGMA application_id = \(QualifyDatabase.applicationID)")
        }
        migrator.registerMigration("v6-i8-sourceIds: the id and CRM of imported records, an opportunity's name in its CRM, lead status") { db in
            // Re-importing a CRM's export updates the records it made, found by the id that CRM gave them.
            for table in ["account", "contact", "lead", "opportunity"] {
                try db.alter(table: table) { t in
                    t.add(column: "sourceCRM", .text)
                    t.add(column: "sourceId", .text)
                }
                try db.create(index: "\(table)_on_source", on: table, columns: ["sourceCRM", "sourceId"],
                              unique: true, condition: Column("sourceId") != nil)
            }
            // Set when an import renamed a record whose name was taken: the name its CRM uses.
            try db.alter(table: "account") { t in t.add(column: "sourceName", .text) }
            try db.alter(table: "opportunity") { t in t.add(column: "sourceName", .text) }
            // The CRM's own word (Open, Working, Qualified…), kept as it was written.
            try db.alter(table: "lead") { t in t.add(column: "status", .text) }
        }
        migrator.registerMigration("v7-i10: completion: contacts by name, any case") { db in
            // Tab after --sponsor walks this index from the typed prefix: a merged
            // team's contacts complete in milliseconds, never by a scan and sort.
            try db.execute(sql: "CREATE INDEX contact_on_name_nocase ON contact (name COLLATE NOCASE)")
        }
        migrator.registerMigration("v8-i12-evaluation-plan") { db in
            // The steps a power sponsor agrees to, ending with the go/no-go.
            try db.create(table: "planStep") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("opportunity", onDelete: .cascade).notNull()
                t.column("what", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("due", .text).notNull()
                t.column("isDecision", .boolean).notNull().defaults(to: false)
                t.column("doneAt", .datetime)
                t.column("createdBy", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            // One go/no-go per plan, whatever writes the table.
            try db.execute(sql: "CREATE UNIQUE INDEX planStep_one_decision ON planStep(opportunityId) WHERE isDecision")
        }
        migrator.registerMigration("v9-i14-statementField: the method's fields in a lookup table instead of a CHECK") { db in
            // A question added to the method is a Field case: its name joins this
            // table when a database is opened (see addMethodFields), no migration needed.
            try db.create(table: "statementField") { t in
                t.primaryKey("name", .text)
            }
            try addMethodFields(db)
            try rebuildStatementWithFieldLookup(db)
        }
        migrator.registerMigration("v10-i12-letter-versions: type and origin of each version, quote provenance, sent and confirmed") { db in
            try db.alter(table: "letter") { t in
                t.add(column: "type", .text).notNull().defaults(to: "sponsor")
                // 'drafted' from the stored words, or 'edited' by the rep.
                t.add(column: "origin", .text).notNull().defaults(to: "drafted")
            }
            try db.create(index: "letter_on_opportunity_type", on: "letter", columns: ["opportunityId", "type"])
            // Which statement version each quote of a stored letter reproduces.
            try db.create(table: "letterQuote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("letter", onDelete: .cascade).notNull()
                t.column("line", .integer).notNull()
                t.column("statementId", .integer).notNull().references("statement", onDelete: .restrict)
            }
            // Append-only, like the letters: sent, then confirmed by the buyer.
            try db.create(table: "letterMark") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("letter", onDelete: .cascade).notNull()
                t.column("status", .text).notNull().check { ["sent", "confirmed"].contains($0) }
                t.column("markedBy", .text).notNull()
                t.column("markedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v11-i13-sync: what the team server already has") { db in
            // Append-only rows are pushed by id: every id above `pushedUpTo` is new.
            // `pulledSeq` is the server's change counter last applied here, per table.
            try db.create(table: "syncCursor") { t in
                t.primaryKey("tableName", .text)
                t.column("pushedUpTo", .integer).notNull().defaults(to: 0)
                t.column("pulledSeq", .integer).notNull().defaults(to: 0)
            }
            // Which team server this file syncs with, and the uuid this laptop signs its pushes with,
            // so its own rows are not pulled back as news.
            try db.create(table: "syncTeam") { t in
                t.primaryKey("clientId", .text)
                t.column("teamId", .text)
                t.column("lastSyncAt", .datetime)
            }
            // Editable rows changed after they were pushed. INSERT OR REPLACE gives a row changed
            // again during a push a new rowid, so marking the push done cannot swallow that change.
            try db.create(table: "syncOutbox") { t in
                t.column("tableName", .text).notNull()
                t.column("rowId", .integer).notNull()
                t.primaryKey(["tableName", "rowId"])
            }
            for table in ["account", "contact", "opportunity", "lead", "planStep"] {
                try db.execute(sql: """
                    CREATE TRIGGER syncOutbox_\(table) AFTER UPDATE ON \(table) BEGIN
                      INSERT OR REPLACE INTO syncOutbox (tableName, rowId) VALUES ('\(table)', NEW.id);
                    END
                    """)
            }
            // Another rep's account or opportunity of the same name is ours: their uuid leads here.
            try db.create(table: "syncAlias") { t in
                t.column("tableName", .text).notNull()
                t.column("uuid", .blob).notNull()
                t.column("localId", .integer).notNull()
                t.primaryKey(["tableName", "uuid"])
            }
        }
        migrator.registerMigration("v12-i13-fieldHistory: dated changes of contacts and plan steps") { db in
            // An opportunity's changes are in opportunityChange; these are the other records a rep edits.
            // Append-only: sync resolves two laptops' edits of one field from it, the later change winning.
            try db.create(table: "fieldChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.belongsTo("contact", onDelete: .cascade)
                t.belongsTo("planStep", onDelete: .cascade)
                t.column("field", .text).notNull()
                t.column("oldValue", .text)
                t.column("newValue", .text)
                t.column("changedBy", .text).notNull()
                t.column("changedAt", .datetime).notNull()
                t.check(sql: "(contactId IS NULL) <> (planStepId IS NULL)")
            }
        }
        migrator.registerMigration("v13-i13-removal: removed deals and plan steps, so sync removes them everywhere") { db in
            try db.create(table: "removal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uuid", .text).notNull().unique()
                t.column("recordKind", .text).notNull()
                // The removed row's uuid as text: no row is left to reference.
                t.column("recordUuid", .text).notNull().indexed()
                t.column("removedBy", .text).notNull()
                t.column("removedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v14-i13-repClaim: rows a rep claimed from another name, and what import all brought") { db in
            // Who claimed which rows from which name, and when: the change of a row's author is history too.
            try db.create(table: "repClaim") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fromName", .text).notNull()
                t.column("toName", .text).notNull()
                t.column("claimedBy", .text).notNull()
                t.column("claimedAt", .datetime).notNull()
            }
            try db.create(table: "repClaimRow") { t in
                t.belongsTo("repClaim", onDelete: .cascade).notNull()
                t.column("tableName", .text).notNull()
                t.column("uuid", .blob).notNull()
            }
            // Rows `import all` added are another rep's words: a claim never takes them.
            try db.create(table: "importedRange") { t in
                t.column("tableName", .text).notNull()
                t.column("fromId", .integer).notNull()
                t.column("toId", .integer).notNull()
            }
        }
        return migrator
    }

    /// Every `Field` has a row in `statementField`, so statements may name it.
    /// Opening a database calls it only when the count differs from `Field.allCases`.
    static func addMethodFields(_ db: Database) throws {
        let names = Field.allCases.map(\.rawValue)
        let known = try Set(String.fetchAll(db, sql: "SELECT name FROM statementField"))
        for name in names where !known.contains(name) {
            try db.execute(sql: "INSERT INTO statementField (name) VALUES (?)", arguments: [name])
        }
    }

    /// SQLite cannot drop a CHECK: the statement table is rebuilt as SQLite's
    /// ALTER TABLE page describes, from its own CREATE statement, so columns
    /// other migrations added are kept. Ids (the full-text index's rowids)
    /// and the AUTOINCREMENT counter are kept too, so no id is ever reused.
    /// GRDB runs migrations with foreign keys off and checks them before commit.
    private static func rebuildStatementWithFieldLookup(_ db: Database) throws {
        let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'statement'")!
        let check = try NSRegularExpression(pattern: #"CHECK \("field" IN \([^)]*\)\)"#)
        let range = NSRange(create.startIndex..., in: create)
        guard check.numberOfMatches(in: create, range: range) == 1 else {
            throw DatabaseError(message: "the statement table has no CHECK on its field to replace")
        }
        let lookup = check.stringByReplacingMatches(in: create, range: range,
                                                    withTemplate: #"REFERENCES "statementField"("name") ON DELETE RESTRICT"#)
            .replacingOccurrences(of: #"CREATE TABLE "statement" ("#, with: #"CREATE TABLE "statement_new" ("#)
        // Indexes and the full-text triggers go with the old table; they are made again as they were.
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = 'statement' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            ORDER BY type = 'trigger', name
            """)
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'statement'")
        try db.execute(sql: lookup)
        try db.execute(sql: #"INSERT INTO "statement_new" SELECT * FROM "statement""#)
        for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'statement'") {
            try db.execute(sql: "DROP TRIGGER \(trigger.quotedDatabaseIdentifier)")
        }
        try db.execute(sql: #"DROP TABLE "statement""#)
        try db.execute(sql: #"ALTER TABLE "statement_new" RENAME TO "statement""#)
        for sql in dependents { try db.execute(sql: sql) }
        if let sequence {
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'statement'", arguments: [sequence])
        }
    }
}
