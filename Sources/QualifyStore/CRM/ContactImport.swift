import GRDB

extension QualifyDatabase {
    /// Imports contacts; keys are `person` (or first and last name), `account`
    /// or `account-id`, `title`, `email`, `phone`, `source-id`. A contact
    /// finds its account by the CRM's account id before its name; a stored
    /// CRM id updates its contact; a contact of the same name at the same
    /// account without an id takes the file's id.
    public func importContacts<Rows: Sequence<ImportRow>>(_ rows: Rows, columns: [ImportField: String] = [:],
                                                          options: ImportOptions) throws(StoreError) -> ImportReport {
        var renamedAccounts: RenamedAccounts?
        return try importEachRow(rows, columns: columns, options: options) { db, row, lines, report in
            let v = row.values
            var checks = RowChecks()
            let name = try checks.check { try FieldFailure.in(.person) { () throws(StoreError) in try Self.validName(v[.person] ?? "", what: "contact") } }
            let email = try checks.check { try FieldFailure.email(v[.email]) { () throws(StoreError) in try Self.validEmail(v[.email]) } } ?? nil
            let crm = OpportunityImporter.nonEmpty(v[.sourceCRM]) ?? options.sourceCRM
            let sourceId = OpportunityImporter.nonEmpty(v[.sourceId])
            if renamedAccounts == nil { renamedAccounts = try RenamedAccounts(in: db) }
            let account = try checks.check { try Self.contactAccount(v, crm: crm, renamedAccounts: renamedAccounts!, in: db) }
            if sourceId == nil, let name, let accountId = account {
                // Two rows of one name with different e-mails are two people.
                let person = "\(accountId)\u{0}" + (email?.lowercased() ?? "")
                try checks.check { try FieldFailure.repeatedInFile(.person, name) { () throws(StoreError) in try lines.first(name, qualifiedBy: person, at: row.line) } }
            }
            try checks.finish()
            guard let name, let accountId = account else { return }
            var contact = Contact(accountId: accountId, name: name, title: Self.blankIsNil(v[.title]), email: email,
                                  phone: Self.blankIsNil(v[.phone]))
            contact.sourceCRM = sourceId == nil ? nil : crm
            contact.sourceId = sourceId
            var stored = try sourceId.flatMap { try Contact.filter(Column("sourceCRM") == crm && Column("sourceId") == $0).fetchOne(db) }
            if stored == nil {
                stored = try Self.samePerson(named: name, email: email, sourceId: sourceId, accountId: accountId, in: db)
            }
            guard let stored else {
                try contact.insert(db)
                report.inserted += 1
                return
            }
            contact.id = stored.id
            contact.uuid = stored.uuid
            contact.createdAt = stored.createdAt
            // A row without an id (a hand-made file) keeps the contact's CRM id, and a column the file
            // does not have keeps what the contact has: neither is blanked by a file that does not say.
            if sourceId == nil {
                contact.sourceCRM = stored.sourceCRM
                contact.sourceId = stored.sourceId
            }
            if v[.title] == nil { contact.title = stored.title }
            if v[.email] == nil { contact.email = stored.email }
            if v[.phone] == nil { contact.phone = stored.phone }
            try report.store(contact, over: stored, in: db)
            if let importedBy = options.importedBy { try FieldHistory.record(from: stored, to: contact, by: importedBy, in: db) }
        }
    }

    /// The stored contact a row without a stored id is: of its name at its account, the one
    /// with its e-mail, else the one without an e-mail (the row gives it one). A contact with
    /// another CRM id, or another e-mail, is another person of the same name (Salesforce allows
    /// them): nil, and the row is a new contact. A row with neither id nor e-mail whose name two
    /// contacts have is refused, naming both.
    private static func samePerson(named name: String, email: String?, sourceId: String?, accountId: Int64,
                                   in db: Database) throws -> Contact? {
        let namesakes = try contacts(named: name, accountId: accountId, in: db)
            .filter { sourceId == nil || $0.sourceId == nil }
        if let email, let same = namesakes.first(where: { $0.email?.lowercased() == email.lowercased() }) { return same }
        let withoutEmail = namesakes.filter { $0.email == nil }
        if email != nil || sourceId != nil { return withoutEmail.count == 1 ? withoutEmail[0] : nil }
        guard namesakes.count > 1 else { return namesakes.first }
        throw FieldFailure(key: .person, error: try ambiguousContact(name, namesakes, accountId: accountId,
                                                                     sayWhich: "give the row the e-mail or CRM id of the one it is", in: db),
                           value: name, summary: "name of several contacts at the account",
                           fix: "give those rows the contact's e-mail or CRM id (an Id column)")
    }

    /// A contact's account: by the CRM's account id, else by name; never created.
    private static func contactAccount(_ values: ImportValues, crm: String, renamedAccounts: RenamedAccounts,
                                       in db: Database) throws -> Int64 {
        if let accountSourceId = OpportunityImporter.nonEmpty(values[.accountId]) {
            guard let id = try FieldResolver.accountId(sourceCRM: crm, sourceId: accountSourceId, in: db) else {
                throw FieldFailure(key: .accountId, error: StoreError(.notFound, "account id \"\(accountSourceId)\" was never imported from \(crm)."),
                                    value: accountSourceId, summary: "account id not imported",
                                    fix: "import the accounts file of the same export first (qualify import accounts Accounts.csv), then this file")
            }
            return id
        }
        guard let name = OpportunityImporter.nonEmpty(values[.account]) else {
            throw FieldFailure(key: .account, error: StoreError(.invalid, "the account is empty; every contact works at an account."))
        }
        let stored = try Account.filter(Account.Columns.name == name).fetchOne(db)
        if let ambiguity = renamedAccounts.ambiguity(of: name, stored: { stored }) { throw ambiguity }
        guard let account = stored else {
            throw FieldFailure(key: .account, error: StoreError(.notFound, "no account called \"\(name)\"; import accounts first."),
                                value: name, summary: "unknown account", fix: "import the accounts file first")
        }
        return account.id!
    }
}

extension ImportReport {
    /// A stored record as the file has it now: written and counted as changed, or counted as unchanged.
    mutating func store<Record: RowIDRecord & Equatable>(_ record: Record, over stored: Record, in db: Database) throws {
        if record == stored {
            unchanged += 1
        } else {
            try record.update(db)
            updated += 1
        }
    }
}
