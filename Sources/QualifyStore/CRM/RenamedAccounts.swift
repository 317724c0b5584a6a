import GRDB

/// Accounts an import stored under another name because theirs was taken
/// (two "Acme Corp" with two CRM ids became "Acme Corp" and "Acme Corp (2)"),
/// by the name their CRM gives them. A file that names its account "Acme
/// Corp" could mean any of them: it is refused, never attached to the first.
/// They are few (only repeated names), so an import reads them once.
struct RenamedAccounts {
    private var byCRMName: [String: [Account]] = [:]

    init(in db: Database) throws {
        for account in try Account.fetchAll(db.cachedStatement(sql: "SELECT * FROM account WHERE sourceName IS NOT NULL ORDER BY id")) {
            byCRMName[Self.folded(account.sourceName!), default: []].append(account)
        }
    }

    /// The refusal of `name` when a renamed account's CRM name is `name` too; `stored` is the account
    /// called `name` here, if any. Nil when the name means one account (or none).
    func ambiguity(of name: String, stored: () throws -> Account?) rethrows -> FieldFailure? {
        guard let matches = try matches(of: name, stored: stored) else { return nil }
        return FieldFailure(key: .account, error: StoreError(.duplicate, "account \"\(name)\" \(matches); give the account's id in an AccountId column (as the accounts file has it), or write its stored name."),
                            value: name, summary: "account name of several accounts",
                            fix: "give each row its account's id in an AccountId column (as the accounts file has it), or the account's name as qualify account list shows it")
    }

    /// "matches 2 accounts: "Acme Corp" (salesforce id 001A), "Acme Corp (2)" (…)", or nil when `name` means one account or none.
    func matches(of name: String, stored: () throws -> Account?) rethrows -> String? {
        // Most stores have no renamed account: no row's name is folded and hashed then.
        guard !byCRMName.isEmpty, let renamed = byCRMName[Self.folded(name)] else { return nil }
        let stored = try stored()
        let candidates = (stored.map { [$0] } ?? []) + renamed.filter { $0.id != stored?.id }
        let listed = candidates.map { account in
            var what = [account.sourceId.map { "\(account.sourceCRM ?? "csv") id \($0)" }].compactMap { $0 }
            if let crmName = account.sourceName { what.append("\"\(crmName)\" in its CRM") }
            return "\"\(account.name)\"" + (what.isEmpty ? "" : " (\(what.joined(separator: ", ")))")
        }
        return candidates.count == 1 ? "is the CRM name of the account \(listed[0])" : "matches \(candidates.count) accounts: " + listed.joined(separator: ", ")
    }

    /// SQLite's NOCASE, which account names are compared with: ASCII letters only.
    static func folded(_ name: String) -> String {
        guard name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return name }
        return String(decoding: name.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
