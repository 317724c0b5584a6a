import Foundation
import GRDB
import QualifyKit

/// What a lead became, for the rep to see after `lead convert`.
public struct LeadConversion: Equatable, Sendable {
    public var lead: Lead
    public var account: Account
    public var accountCreated: Bool
    public var contact: Contact
    public var contactCreated: Bool
    public var opportunity: Opportunity?
}

extension QualifyDatabase {
    @discardableResult
    public func addLead(_ lead: Lead) throws(StoreError) -> Lead {
        var lead = lead
        lead.person = try Self.validName(lead.person, what: "lead's person")
        lead.email = try Self.validEmail(lead.email)
        let checked = lead
        return try write { db in
            var lead = checked
            try lead.insert(db)
            return lead
        }
    }

    /// `leavingOutDemo`: as an export writes them, without a lead converted into the demo (`ExportedTable.demoRows`).
    public func leads(leavingOutDemo: Bool = false) throws(StoreError) -> [Lead] {
        try read { db in
            try Lead.aliased(TableAlias(name: "t")).filter(sql: leavingOutDemo ? ExportedTable.notDemo("lead", as: "t") : "1")
                .order(Lead.Columns.id).fetchAll(db)
        }
    }

    /// A lead by its number (`7` or `#7`) or its person's name (any case).
    public func lead(_ reference: String) throws(StoreError) -> Lead {
        try read { db in try Self.lead(reference, in: db) }
    }

    /// Converts a lead: the company becomes (or reuses, by name) the account,
    /// the person a contact, and with `opportunityName` an opportunity opens.
    /// Every field carries over; the lead keeps links to what it became.
    /// `accountName` names the stored account instead, which a company two accounts were called in their CRM needs;
    /// `contactReference` (an e-mail or CRM id) the stored contact the person is, which two of that name at the account need.
    public func convertLead(_ reference: String, opportunityName: String?, values: [OpportunityField: String] = [:],
                            account accountName: String? = nil, contact contactReference: String? = nil,
                            owner: String, context: EditContext) throws(StoreError) -> LeadConversion {
        try write { db in
            var lead = try Self.lead(reference, in: db)
            if let convertedAt = lead.convertedAt {
                throw StoreError(.invalid, "lead #\(lead.id!) (\(lead.person)) was already converted on \(CalendarDay(convertedAt)); see qualify lead show \(lead.id!).")
            }
            guard let company = Self.blankIsNil(lead.company?.trimmingCharacters(in: .whitespaces)) else {
                throw StoreError(.invalid, "lead #\(lead.id!) has no company, so there is no account to convert it into; add the lead again with --company.")
            }
            let stored = try accountName.map { try Self.account(named: $0, in: db) } ?? Account.all().named(company).fetchOne(db)
            if accountName == nil, let matches = try RenamedAccounts(in: db).matches(of: company, stored: { stored }) {
                throw StoreError(.duplicate, "lead #\(lead.id!)'s company \"\(company)\" \(matches); say which with --account and its name as stored.")
            }
            var account = stored ?? Account(name: company)
            let accountCreated = account.id == nil
            if accountCreated { try account.insert(db) }
            let namesake = try Self.convertedContact(lead, accountId: account.id!, chosen: contactReference, in: db)
            var contact = namesake ?? Contact(accountId: account.id!, name: lead.person)
            // Whatever the lead knows fills what the contact does not.
            contact.title = contact.title ?? lead.title
            contact.email = contact.email ?? lead.email
            contact.phone = contact.phone ?? lead.phone
            try contact.save(db)
            var opportunity: Opportunity?
            if let opportunityName {
                var values = values
                values[.leadSource] = values[.leadSource] ?? lead.source
                values[.description] = values[.description] ?? lead.notes
                // By what tells the contact from a namesake, which its name alone would not.
                values[.sponsor] = values[.sponsor] ?? contact.email ?? contact.sourceId ?? contact.name
                let resolver = try FieldResolver(db: db, context: context)
                do {
                    opportunity = try Self.insertOpportunity(named: opportunityName, account: account.name, values: values,
                                                             owner: owner, resolver: resolver).0
                } catch let failures as FieldFailures {
                    throw failures.storeError
                }
            }
            lead.convertedAt = Date()
            lead.accountId = account.id
            lead.contactId = contact.id
            lead.opportunityId = opportunity?.id
            try lead.update(db)
            return LeadConversion(lead: lead, account: account, accountCreated: accountCreated,
                                  contact: contact, contactCreated: namesake == nil, opportunity: opportunity)
        }
    }

    /// The stored contact a converted lead's person is: the one `chosen` names, else the one of the
    /// lead's name at the account (nil: none, a new contact). The one with the lead's e-mail; one with
    /// another e-mail is another person, as a contact import tells two of one name apart (Salesforce
    /// allows them), so only a namesake without an e-mail may be the lead's. Of two that may, the
    /// refusal lists them and says how to choose.
    private static func convertedContact(_ lead: Lead, accountId: Int64, chosen: String?, in db: Database) throws -> Contact? {
        if let chosen { return try contact(named: chosen, accountId: accountId, in: db) }
        var namesakes = try contacts(named: lead.person, accountId: accountId, in: db)
        if let email = lead.email?.lowercased() {
            if let same = namesakes.first(where: { $0.email?.lowercased() == email }) { return same }
            namesakes = namesakes.filter { $0.email == nil }
        }
        guard namesakes.count > 1 else { return namesakes.first }
        throw try ambiguousContact(lead.person, namesakes, accountId: accountId, sayWhich: "say which the lead's person is with --contact "
                                   + "and its e-mail or CRM id: qualify lead convert \(lead.id!) --contact \(example(among: namesakes))", in: db)
    }

    static func lead(_ reference: String, in db: Database) throws -> Lead {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let number = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let id = Int64(number), let lead = try Lead.fetchOne(db, key: id) { return lead }
        let matches = try Lead.fetchAll(db, sql: "SELECT * FROM lead WHERE person = ? COLLATE NOCASE ORDER BY id", arguments: [trimmed])
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            let numbers = matches.map { "#\($0.id!)" }.joined(separator: ", ")
            throw StoreError(.invalid, "\(matches.count) leads are called \"\(trimmed)\" (\(numbers)); give the number instead.")
        }
        let people = try String.fetchAll(db, sql: "SELECT person FROM lead")
        let hint = NameMatcher.didYouMean(trimmed, among: people)
        throw StoreError(.notFound, "no lead \"\(reference)\".\(hint) See qualify lead list.")
    }
}

extension QualifyDatabase {
    /// The names of what a converted lead became.
    public func leadLinks(_ lead: Lead) throws(StoreError) -> (account: String?, contact: String?, opportunity: String?) {
        try read { db in
            (try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [lead.accountId]),
             try String.fetchOne(db, sql: "SELECT name FROM contact WHERE id = ?", arguments: [lead.contactId]),
             try String.fetchOne(db, sql: "SELECT name FROM opportunity WHERE id = ?", arguments: [lead.opportunityId]))
        }
    }
}
