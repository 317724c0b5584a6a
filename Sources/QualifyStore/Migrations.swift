import GRDB

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
        return migrator
    }
}
