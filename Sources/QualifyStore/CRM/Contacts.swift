import Foundation
import GRDB
import QualifyKit

/// An opportunity with the names the record shows instead of ids.
public struct OpportunityRecord: Equatable, Sendable {
    public var opportunity: Opportunity
    public var accountName: String
    /// The account's id in the CRM it was imported from, written back by exports.
    public var accountSourceId: String?
    public var stage: Stage?
    public var sponsor: Contact?
    public var powerSponsor: Contact?

    public var amount: Amount? { opportunity.amount }

    init(opportunity: Opportunity, accountName: String, accountSourceId: String? = nil, stage: Stage? = nil,
         sponsor: Contact? = nil, powerSponsor: Contact? = nil) {
        self.opportunity = opportunity
        self.accountName = accountName
        self.accountSourceId = accountSourceId
        self.stage = stage
        self.sponsor = sponsor
        self.powerSponsor = powerSponsor
    }

    /// One row per opportunity of `opportunities`, through the declared associations.
    fileprivate struct Joined: Decodable, FetchableRecord {
        var opportunity: Opportunity
        var account: Account
        var stage: Stage?
        var sponsor: Contact?
        var powerSponsor: Contact?
    }

    fileprivate static func request(_ opportunities: QueryInterfaceRequest<Opportunity>) -> QueryInterfaceRequest<Joined> {
        opportunities
            .including(required: Opportunity.account)
            .including(optional: Opportunity.stage)
            .including(optional: Opportunity.sponsor)
            .including(optional: Opportunity.powerSponsor)
            .asRequest(of: Joined.self)
    }

    fileprivate init(_ joined: Joined) {
        self.init(opportunity: joined.opportunity, accountName: joined.account.name,
                  accountSourceId: joined.account.sourceId(seenFrom: joined.opportunity.sourceCRM),
                  stage: joined.stage, sponsor: joined.sponsor, powerSponsor: joined.powerSponsor)
    }
}

extension QualifyDatabase {
    @discardableResult
    public func addContact(named rawName: String, account accountName: String, title: String? = nil,
                           email: String? = nil, phone: String? = nil) throws(StoreError) -> Contact {
        let name = try Self.validName(rawName, what: "contact")
        let email = try Self.validEmail(email)
        return try write { db in
            let account = try Self.account(named: accountName, in: db)
            if try Self.findContact(named: name, accountId: account.id!, in: db) != nil {
                throw StoreError(.duplicate, "\(account.name) already has a contact called \"\(name)\"; see qualify contact list --account \"\(account.name)\".")
            }
            var contact = Contact(accountId: account.id!, name: name, title: Self.blankIsNil(title),
                                  email: email, phone: Self.blankIsNil(phone))
            try contact.insert(db)
            return contact
        }
    }

    /// Contacts with their account's name, by account then name; `leavingOutDemo`: as an export
    /// writes them, without the demo account's contacts (`ExportedTable.demoRows`).
    public func contacts(account accountName: String? = nil, leavingOutDemo: Bool = false) throws(StoreError) -> [(contact: Contact, accountName: String)] {
        try read { db in
            let accountId = try accountName.map { try Self.account(named: $0, in: db).id! }
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.*, a.name AS accountName FROM contact c JOIN account a ON a.id = c.accountId
                WHERE (? IS NULL OR c.accountId = ?) AND \(leavingOutDemo ? ExportedTable.notDemo("contact", as: "c") : "1")
                ORDER BY a.name COLLATE NOCASE, c.name COLLATE NOCASE
                """, arguments: [accountId, accountId])
            return try rows.map { (try Contact(row: $0), $0["accountName"]) }
        }
    }

    /// The opportunity with its account, stage and sponsors resolved.
    public func opportunityRecord(named name: String) throws(StoreError) -> OpportunityRecord {
        try read { db in try Self.record(for: try Self.opportunity(named: name, in: db), in: db) }
    }

    public func opportunityRecord(of opportunity: Opportunity) throws(StoreError) -> OpportunityRecord {
        try read { db in try Self.record(for: opportunity, in: db) }
    }

    static func record(for opportunity: Opportunity, in db: Database) throws -> OpportunityRecord {
        try OpportunityRecord.request(Opportunity.filter(key: opportunity.id)).fetchOne(db)
            .map(OpportunityRecord.init) ?? OpportunityRecord(opportunity: opportunity, accountName: "")
    }

    /// The account's contacts of this name (any case), oldest first. Two people of one name at an
    /// account are two contacts (Salesforce allows it): told apart by CRM id or e-mail.
    static func contacts(named name: String, accountId: Int64, in db: Database) throws -> [Contact] {
        try Contact.fetchAll(db.cachedStatement(sql: "SELECT * FROM contact WHERE accountId = ? AND name = ? COLLATE NOCASE ORDER BY id"),
                             arguments: [accountId, name])
    }

    /// The account's one contact of this name; two of that name are refused, naming both, never
    /// taken in turn. `sayWhich` tells the user how to name one. (import all merges by uuid first,
    /// and by name only as its last resort: see FullImport.)
    static func findContact(named name: String, accountId: Int64, sayWhich: String = "give the contact's e-mail instead of the name",
                            in db: Database) throws -> Contact? {
        let found = try contacts(named: name, accountId: accountId, in: db)
        guard found.count > 1 else { return found.first }
        throw try ambiguousContact(name, found, accountId: accountId, sayWhich: sayWhich, in: db)
    }

    /// What tells one of two namesakes apart where a command takes a contact: its e-mail, else its
    /// CRM id (`contact(named:)` takes either), for the example a refusal gives.
    static func example(among namesakes: [Contact]) -> String {
        namesakes.lazy.compactMap { $0.email ?? $0.sourceId }.first ?? "EMAIL"
    }

    /// "2 contacts at Acme Corp are called "Jo Doe": <jo@a.example> (salesforce id 003A), <jo@b.example> (salesforce id 003B); SAY WHICH."
    static func ambiguousContact(_ name: String, _ contacts: [Contact], accountId: Int64, sayWhich: String,
                                 in db: Database) throws -> StoreError {
        let accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [accountId]) ?? ""
        let each = contacts.map { contact in
            let id = contact.sourceId.map { "\(contact.sourceCRM ?? "csv") id \($0)" }
            switch (contact.email, id) {
            case let (email?, id?): return "<\(email)> (\(id))"
            case let (email?, nil): return "<\(email)>"
            case let (nil, id?): return id
            case (nil, nil): return "one with no e-mail or id"
            }
        }
        return StoreError(.duplicate, "\(contacts.count) contacts at \(accountName) are called \"\(name)\": \(each.joined(separator: ", ")); \(sayWhich).")
    }

    /// A contact (a sponsor, one `contact set` changes) is chosen from the account's contacts,
    /// never typed freely: by name, or, where two contacts share the name, by e-mail or CRM id.
    static func contact(named name: String, accountId: Int64,
                        sayWhich: String = "give the contact's e-mail or CRM id instead of the name",
                        in db: Database) throws -> Contact {
        if name.contains("@"), let contact = try Contact.fetchOne(
            db, sql: "SELECT * FROM contact WHERE accountId = ? AND email = ? COLLATE NOCASE ORDER BY id LIMIT 1", arguments: [accountId, name]) {
            return contact
        }
        if let contact = try findContact(named: name, accountId: accountId, sayWhich: sayWhich, in: db) { return contact }
        // A CRM id tells apart namesakes without an e-mail (the refusal above lists them with theirs).
        let byId = try Contact.fetchAll(db.cachedStatement(sql: "SELECT * FROM contact WHERE accountId = ? AND sourceId = ?"),
                                        arguments: [accountId, name])
        if byId.count == 1 { return byId[0] }
        let accountName = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [accountId]) ?? ""
        let names = try String.fetchAll(db, sql: "SELECT name FROM contact WHERE accountId = ?", arguments: [accountId])
        throw StoreError(.notFound, notFoundMessage(
            what: "contact at \(accountName)", name: name, candidates: names,
            create: "qualify contact add \"\(name)\" --account \"\(accountName)\" --title TITLE --email EMAIL"))
    }

    static func validEmail(_ raw: String?) throws(StoreError) -> String? {
        guard let email = blankIsNil(raw?.trimmingCharacters(in: .whitespaces)) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace) else {
            throw StoreError(.invalid, "\"\(email)\" is not an e-mail address; write it like name@example.com.")
        }
        return email
    }

    static func blankIsNil(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

extension QualifyDatabase {
    /// Every opportunity with names resolved, by name: what an export writes, so without the demo
    /// deal (`ExportedTable.demoRows`): a file imported elsewhere would make it a real deal.
    public func opportunityRecords() throws(StoreError) -> [OpportunityRecord] {
        try read { db in
            // One query with its account, stage and sponsors joined, instead of four per opportunity.
            let exported = Opportunity.aliased(TableAlias(name: "t")).filter(sql: ExportedTable.notDemo("opportunity", as: "t"))
            return try OpportunityRecord.request(exported.order(Opportunity.Columns.name.collating(.nocase)))
                .fetchAll(db).map(OpportunityRecord.init)
        }
    }
}
