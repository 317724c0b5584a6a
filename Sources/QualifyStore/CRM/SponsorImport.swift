import GRDB
import QualifyKit

/// An opportunity row's sponsor and power sponsor, as qualify's own export
/// writes them: name, title and e-mail. Each is one of the account's stored
/// contacts, found by e-mail first, then by name. A person the account does
/// not have is refused with the contacts file to import first: a sponsor is
/// chosen from the contacts, never made up from an opportunity row, and
/// never dropped.
struct SponsorColumns {
    let role: String
    let name: ImportField
    let title: ImportField
    let email: ImportField

    static let both = [
        SponsorColumns(role: "sponsor", name: .sponsor, title: .sponsorTitle, email: .sponsorEmail),
        SponsorColumns(role: "power sponsor", name: .powerSponsor, title: .powerSponsorTitle, email: .powerSponsorEmail),
    ]
}

extension OpportunityImporter {
    /// Sets the sponsors the row names on `opportunity` (at `accountId`, or at
    /// `newAccount`, which has no contacts yet). A row whose file has no sponsor
    /// columns leaves them as they are; empty cells clear them. Returns what
    /// the row says that the contact does not (a title, an e-mail): kept on
    /// the contact as stored, and said.
    func chooseSponsors(_ row: ImportRow, into opportunity: inout Opportunity, accountId: Int64?, newAccount: String?,
                        problems: inout Problems) throws -> [ImportProblem] {
        var warnings: [ImportProblem] = []
        for columns in SponsorColumns.both {
            let values = row.values
            guard values[columns.name] != nil || values[columns.email] != nil || values[columns.title] != nil else { continue }
            let name = Self.nonEmpty(values[columns.name]), email = Self.nonEmpty(values[columns.email])
            let title = Self.nonEmpty(values[columns.title])
            guard name != nil || email != nil else {
                if let title {
                    problems.refuse(columns.title, "a \(columns.role) title (\"\(title)\") without the \(columns.role)'s name or e-mail; give the person or clear the title.",
                                    value: title, kind: "\(columns.role) title without a \(columns.role)",
                                    fix: "give the \(columns.role)'s name (or e-mail) beside the title, or clear the title")
                }
                setSponsor(columns, nil, on: &opportunity)
                continue
            }
            // A deal whose account the row could not find has no contacts to look in; that problem is said already.
            guard newAccount != nil || accountId != nil else { continue }
            let accountName = try newAccount ?? resolver.accountName(id: accountId!)
            let person = name.map { "\"\($0)\"" + (email.map { " <\($0)>" } ?? "") } ?? "<\(email!)>"
            let emailColumn = self.columns[columns.email] ?? columns.email.rawValue
            let contact: Contact?
            do {
                contact = try accountId.flatMap { try storedContact(email: email, name: name, accountId: $0, emailColumn: emailColumn) }
            } catch let error as StoreError where error.kind == .duplicate {
                problems.refuse(columns.name, error.description, value: name, kind: "\(columns.role)'s name of several contacts",
                                fix: "give each such \(columns.role)'s e-mail in the \(emailColumn) column")
                continue
            }
            guard let contact else {
                problems.refuse(name == nil ? columns.email : columns.name, "\(columns.role) \(person) is not a contact at \(accountName).",
                                value: name ?? email, kind: "\(columns.role) not a contact of the account",
                                fix: "import the contacts file of the same export first (qualify import contacts Contacts.csv), then this file; or add each with qualify contact add NAME --account ACCOUNT --email E")
                continue
            }
            if let email, let stored = contact.email, stored.lowercased() != email.lowercased() {
                // Found by name, but the file knows another address: the same person moved, or another one.
                problems.refuse(columns.email, "\(columns.role) \"\(contact.name)\" at \(accountName) has the e-mail \(stored), not \(email); correct the file, or the contact: qualify contact set \"\(contact.name)\" --account \"\(accountName)\" --email \(email).",
                                value: email, kind: "\(columns.role)'s e-mail not the contact's",
                                fix: "correct the e-mail in the file or on the contact (qualify contact set NAME --account ACCOUNT --email E)")
                continue
            }
            setSponsor(columns, contact.id, on: &opportunity)
            let who = "\"\(contact.name)\" at \(accountName)"
            var said: [(key: ImportField, value: String, reason: String, kind: String)] = []
            if let name, name.lowercased() != contact.name.lowercased() {
                said.append((columns.name, name, "\(columns.role) \"\(name)\" is \(who) by e-mail; linked to that contact, whose name is left as it is.",
                             "\(columns.role) found by e-mail under another name"))
            }
            if let title, title != contact.title {
                said.append((columns.title, title, "\(columns.role) title \"\(title)\" is not \(who)'s (\(contact.title ?? "none")); the contact keeps its own.",
                             "\(columns.role) title differs from the contact's"))
            }
            if let email, contact.email == nil {
                said.append((columns.email, email, "\(columns.role) e-mail \(email): \(who) has none; the contact is left without one.",
                             "\(columns.role) e-mail not on the contact"))
            }
            warnings += said.map {
                ImportProblem(line: row.line, column: self.columns[$0.key], reason: $0.reason, value: $0.value, kind: $0.kind,
                              fix: "the contacts keep what they had; change one with qualify contact set NAME --account ACCOUNT")
            }
        }
        return warnings
    }

    private func setSponsor(_ columns: SponsorColumns, _ id: Int64?, on opportunity: inout Opportunity) {
        if columns.name == .sponsor { opportunity.sponsorId = id } else { opportunity.powerSponsorId = id }
    }

    /// The account's contact with this e-mail, else with this name (any case); a name two
    /// contacts have is refused, naming both, instead of taking the first.
    private func storedContact(email: String?, name: String?, accountId: Int64, emailColumn: String) throws -> Contact? {
        let db = resolver.db
        if let email, let contact = try Contact.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM contact WHERE accountId = ? AND email = ? COLLATE NOCASE ORDER BY name = ? COLLATE NOCASE DESC LIMIT 1"),
            arguments: [accountId, email, name]) {
            return contact
        }
        return try name.flatMap { name in
            try QualifyDatabase.findContact(named: name, accountId: accountId,
                                            sayWhich: "give the e-mail of the one meant in the \(emailColumn) column", in: db)
        }
    }
}
