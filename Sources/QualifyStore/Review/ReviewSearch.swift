import Foundation
import GRDB
import QualifyKit

/// Turns what the manager typed after `--search` or `--match` into an FTS5 pattern.
enum ReviewSearch {
    /// --search and --match together must both hold.
    static func pattern(for filter: ReviewFilter, in db: Database) throws -> FTS5Pattern {
        let words = try filter.search.map { try pattern(words: $0) }
        let query = try filter.match.map { try pattern(query: $0, in: db) }
        guard let words, let query else { return try words ?? query ?? pattern(words: "") }
        return try db.makeFTS5Pattern(rawPattern: "(\(query.rawPattern)) AND (\(words.rawPattern))", forTable: "statementSearch")
    }

    /// Plain words find statements containing words that start with each of
    /// them ("forecas boar" finds "forecast ... board"). Anything else is
    /// just text: "c++" looks for the word c, a quote or OR is not syntax.
    static func pattern(words raw: String) throws -> FTS5Pattern {
        // Precomposed, so "š" typed as s + combining caron matches the same words.
        let text = raw.precomposedStringWithCanonicalMapping
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else {
            throw StoreError(.invalid, "the search \(quoted(raw)) has no words to look for; give at least one word.")
        }
        return pattern
    }

    /// FTS5 syntax (a "quoted phrase", OR, NOT, word*) as written, checked
    /// by SQLite so a mistake is an error that says what to write.
    static func pattern(query raw: String, in db: Database) throws -> FTS5Pattern {
        let text = raw.precomposedStringWithCanonicalMapping
        do {
            return try db.makeFTS5Pattern(rawPattern: text, forTable: "statementSearch")
        } catch let error as DatabaseError {
            throw StoreError(.invalid, "--match \(quoted(raw)) is not a valid FTS5 query (\(error.message ?? "syntax error")). Write \"an exact phrase\", word*, OR, NOT; or use --search for plain words.")
        }
    }

    private static func quoted(_ text: String) -> String { "\u{201C}\(text)\u{201D}" }
}

/// Resolves the names a manager types into the stored rows, with the
/// closest names when one is unknown.
enum ReviewNames {
    /// Stage names are stored byte for byte; a manager may type them in any case.
    static func stageId(named name: String, in db: Database) throws -> Int64 {
        let stages = try Row.fetchAll(db, sql: "SELECT id, name FROM stage ORDER BY position")
        if let row = stages.first(where: { ($0["name"] as String) == name })
            ?? stages.first(where: { ($0["name"] as String).lowercased() == name.lowercased() }) {
            return row["id"]
        }
        let names = stages.map { "\"\($0["name"] as String)\"" }.joined(separator: ", ")
        throw StoreError(.notFound, "no sales stage called \"\(name)\". The stages are: \(names).")
    }

    /// The rep as stored on statements; any case is accepted.
    static func rep(named name: String, in db: Database) throws -> String {
        try rep(named: name, among: String.fetchAll(db, sql: "SELECT DISTINCT capturedBy FROM statement"))
    }

    /// A rep who owns opportunities, or captured the first words of one without an owner.
    static func owner(named name: String, in db: Database) throws -> String {
        try rep(named: name, among: String.fetchAll(db, sql: """
            SELECT owner FROM opportunity WHERE owner IS NOT NULL UNION SELECT capturedBy FROM statement
            """))
    }

    private static func rep(named name: String, among reps: [String]) throws -> String {
        if let rep = reps.first(where: { $0 == name }) ?? reps.first(where: { $0.lowercased() == name.lowercased() }) {
            return rep
        }
        throw StoreError(.notFound, "no rep called \"\(name)\" in this database.\(NameMatcher.didYouMean(name, among: reps))")
    }
}
