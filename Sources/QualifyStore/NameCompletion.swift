import GRDB

/// The stored names Tab completes.
public enum CompletedNames: Sendable, Equatable {
    case accounts
    case opportunities
    /// Every contact, or only one account's (who can sponsor its opportunity).
    case contacts(accountId: Int64?)
}

/// The first stored names that start with what was typed, and the last one
/// when there are more: the common prefix of the first and the last in
/// order is the common prefix of them all, so Tab never completes further
/// than every match allows.
public struct NameMatches: Equatable, Sendable {
    public var first: [String]
    /// The last match in order, when `first` does not hold them all.
    public var last: String?

    public var candidates: [String] { first + (last.map { [$0] } ?? []) }
}

extension QualifyDatabase {
    /// Names starting with `typed`, any case, in the index's order.
    ///
    /// A rep presses Tab during a call: at 100,000 names this must take
    /// milliseconds, so it walks the NOCASE index on the name from the typed
    /// prefix and stops after `limit` matches, and never sorts in Swift or
    /// with ICU. NOCASE folds ASCII only: the range is taken up to the first
    /// letter it cannot fold, once per case of that letter, and Swift checks
    /// the rest ("že" finds "Žagar").
    public func names(_ kind: CompletedNames, startingWith typed: String, limit: Int = 40) throws(StoreError) -> NameMatches {
        try read { db in
            let lowered = typed.lowercased()
            var first: [String] = []
            var last: String?
            for prefix in Self.rangePrefixes(typed) {
                first = Self.mergedNoCase(first, try Self.matches(kind, prefix: prefix, lowered: lowered,
                                                                  descending: false, limit: limit + 1, in: db))
                if let candidate = try Self.matches(kind, prefix: prefix, lowered: lowered, descending: true, limit: 1, in: db).first,
                   last.map({ Self.noCaseLess($0, candidate) }) ?? true {
                    last = candidate
                }
            }
            guard first.count > limit else { return NameMatches(first: first, last: nil) }
            return NameMatches(first: Array(first.prefix(limit)), last: last)
        }
    }

    /// The prefixes whose NOCASE ranges hold every match: `typed` up to and
    /// with its first letter beyond ASCII, in each case of that letter.
    static func rangePrefixes(_ typed: String) -> [String] {
        guard let index = typed.firstIndex(where: { !$0.isASCII }) else { return [typed] }
        let head = String(typed[..<index])
        let letter = String(typed[index])
        let cases = [letter, letter.lowercased(), letter.uppercased()]
        var seen: Set<String> = []
        return cases.filter { seen.insert($0).inserted }.map { head + $0 }
    }

    private static func matches(_ kind: CompletedNames, prefix: String, lowered: String, descending: Bool,
                                limit: Int, in db: Database) throws -> [String] {
        let order = descending ? "DESC" : "ASC"
        // U+10FFFF sorts after every character, so [prefix, prefix + U+10FFFF) is every name that starts with it.
        let sql: String
        var arguments: StatementArguments = [prefix, prefix + "\u{10FFFF}"]
        switch kind {
        case .accounts:
            sql = "SELECT name FROM account WHERE name >= ? AND name < ? ORDER BY name \(order)"
        case .opportunities:
            sql = "SELECT name FROM opportunity WHERE name >= ? AND name < ? ORDER BY name \(order)"
        case .contacts(nil):
            sql = """
                SELECT name FROM contact WHERE name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ?
                ORDER BY name COLLATE NOCASE \(order)
                """
        case .contacts(let accountId?):
            sql = """
                SELECT name FROM contact WHERE name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ? AND accountId = ?
                ORDER BY name COLLATE NOCASE \(order)
                """
            arguments += [accountId]
        }
        let names = try String.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var found: [String] = []
        while let name = try names.next(), found.count < limit {
            // Contacts share names across accounts: one candidate is enough.
            guard found.last != name, name.lowercased().hasPrefix(lowered) else { continue }
            found.append(name)
        }
        return found
    }

    /// Two lists in NOCASE order, merged in that order, without repeats.
    static func mergedNoCase(_ a: [String], _ b: [String]) -> [String] {
        guard !a.isEmpty else { return b }
        var merged = a + b.filter { !a.contains($0) }
        merged.sort(by: noCaseLess)
        return merged
    }

    /// SQLite's NOCASE: bytes compared with ASCII letters folded to lower case.
    static func noCaseLess(_ a: String, _ b: String) -> Bool {
        let fold = { (byte: UInt8) in (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
        return a.utf8.lazy.map(fold).lexicographicallyPrecedes(b.utf8.lazy.map(fold))
    }
}
