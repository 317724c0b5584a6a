import Foundation
import GRDB
import QualifyKit

extension QualifyDatabase {
    @discardableResult
    public func addAccount(named rawName: String) throws(StoreError) -> Account {
        let name = try Self.validName(rawName, what: "account")
        return try write { db in
            if let existing = try Account.all().named(name).fetchOne(db) {
                throw StoreError(.duplicate, "an account called \"\(existing.name)\" already exists.")
            }
            var account = Account(name: name)
            try account.insert(db)
            return account
        }
    }

    /// `leavingOutDemo`: as an export writes them, without the demo deal's account (`ExportedTable.demoRows`).
    public func accounts(leavingOutDemo: Bool = false) throws(StoreError) -> [Account] {
        // The NOCASE index on the name is already in this order: no sort, no ICU.
        try read { db in
            try Account.aliased(TableAlias(name: "t")).filter(sql: leavingOutDemo ? ExportedTable.notDemo("account", as: "t") : "1")
                .order(Account.Columns.name).fetchAll(db)
        }
    }

    /// The stored account with this name (any case); an unknown name lists the closest ones.
    public func account(named name: String) throws(StoreError) -> Account {
        try read { db in try Self.account(named: name, in: db) }
    }

    static func account(named name: String, in db: Database) throws -> Account {
        if let account = try Account.all().named(name).fetchOne(db) {
            return account
        }
        let names = try String.fetchAll(db, Account.select(Account.Columns.name))
        throw StoreError(.notFound, notFoundMessage(what: "account", name: name, candidates: names,
                                                    create: "qualify account add \"\(name)\""))
    }

    static func notFoundMessage(what: String, name: String, candidates: [String], create: String) -> String {
        let hint = NameMatcher.didYouMean(name, among: candidates)
        return "no \(what) called \"\(name)\"." + (hint.isEmpty ? " Create it with: \(create)" : hint + " Or create it with: \(create)")
    }

    /// vtiger and Salesforce keep names of up to 120 characters (SuiteCRM 50):
    /// a longer one could not be exported to them, and is a paste gone wrong.
    static let longestName = 120

    /// Names are trimmed of surrounding spaces; an empty or overlong name is refused.
    static func validName(_ raw: String, what: String) throws(StoreError) -> String {
        if raw.utf8.count <= longestName, isPlainName(raw) { return raw }
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw StoreError(.invalid, "the \(what) name is empty; give a name.")
        }
        guard !name.contains(where: \.isNewline) else {
            throw StoreError(.invalid, "the \(what) name contains a line break; give it on one line.")
        }
        guard name.count <= longestName else {
            throw StoreError(.invalid, "the \(what) name is \(name.count) characters long; CRMs keep at most \(longestName) (vtiger, Salesforce): shorten it.")
        }
        return name
    }

    /// ASCII with no line break and nothing to trim: most names, and an import
    /// checks one a row. Foundation's trimming bridges through NSString on Linux.
    private static func isPlainName(_ raw: String) -> Bool {
        let isEdgeSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        return raw.withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last, !isEdgeSpace(first), !isEdgeSpace(last) else { return false }
            // 0x0A-0x0D are the ASCII line breaks; every other ASCII byte is neither trimmed nor a break.
            return bytes.allSatisfy { $0 < 0x80 && $0 &- 0x0A >= 4 }
        }
    }
}
