import Foundation
import QualifyKit
import QualifyStore

/// The rows of one kind of record as an export writes them: CSV headers
/// in the labels vtiger and SuiteCRM write (so any of them, and qualify
/// itself, reads them back), JSON keys in qualify's field names. The demo stays out, as
/// `export all` leaves it out: imported elsewhere, it would come back as a real deal.
public struct RecordTable: Sendable {
    public var labels: [String]
    public var keys: [String]
    public var rows: [[String?]]

    public static func load(_ kind: RecordKind, from database: QualifyDatabase) throws(StoreError) -> RecordTable {
        switch kind {
        case .accounts:
            // The CRM's id goes back out, so its import tool can update by it (Salesforce's Data Loader by Id),
            // beside the name the CRM knows: "Acme Corp (2)" is only qualify's name for it.
            return RecordTable(labels: ["Account Name", "Source CRM", "Id", "Name in qualify"], keys: ["name", "source-crm", "source-id", "qualify-name"],
                               rows: try database.accounts(leavingOutDemo: true).map { [$0.sourceId == nil ? $0.name : $0.sourceName ?? $0.name, $0.sourceCRM, $0.sourceId, $0.name] })
        case .opportunities:
            let columns: [(String, String, (OpportunityRecord) -> String?)] = [
                // The name the CRM knows: Data Loader updating by Id must not rename its deal to the
                // name an import gave it here ("System Assessment - Nissan Motors"), kept in "Name in qualify".
                ("Opportunity Name", "name", { $0.opportunity.sourceId == nil ? $0.opportunity.name : $0.opportunity.sourceName ?? $0.opportunity.name }),
                ("Account Name", "account", { $0.accountName }),
                ("Amount", "amount", { $0.amount?.decimal }),
                ("Currency", "currency", { $0.opportunity.currency }),
                ("Expected Close Date", "close-date", { $0.opportunity.closeDate?.description }),
                ("Sales Stage", "stage", { $0.stage?.name }),
                ("Probability", "probability", { $0.opportunity.probability.map(String.init) }),
                ("Next Step", "next-milestone", { $0.opportunity.nextMilestone }),
                ("Lead Source", "lead-source", { $0.opportunity.leadSource }),
                ("Assigned To", "owner", { $0.opportunity.owner }),
                ("Description", "description", { $0.opportunity.description }),
                ("Sponsor", "sponsor", { $0.sponsor?.name }),
                ("Sponsor Title", "sponsor-title", { $0.sponsor?.title }),
                ("Sponsor Email", "sponsor-email", { $0.sponsor?.email }),
                ("Power Sponsor", "power-sponsor", { $0.powerSponsor?.name }),
                ("Power Sponsor Title", "power-sponsor-title", { $0.powerSponsor?.title }),
                ("Power Sponsor Email", "power-sponsor-email", { $0.powerSponsor?.email }),
                ("Source CRM", "source-crm", { $0.opportunity.sourceCRM }),
                ("Id", "source-id", { $0.opportunity.sourceId }),
                ("Account Id", "account-id", { $0.accountSourceId }),
                ("Name in qualify", "qualify-name", { $0.opportunity.name }),
            ]
            let records = try database.opportunityRecords()
            return RecordTable(labels: columns.map(\.0), keys: columns.map(\.1),
                               rows: records.map { record in columns.map { $0.2(record) } })
        case .contacts:
            // The account's CRM id, as an opportunity's: a name two imported accounts had is not enough to find it again.
            let accounts = Dictionary(uniqueKeysWithValues: try database.accounts().map { ($0.id!, $0) })
            let accountId = { (contact: Contact) in accounts[contact.accountId]?.sourceId(seenFrom: contact.sourceCRM) }
            let columns: [(String, String, ((contact: Contact, accountName: String)) -> String?)] = [
                ("Name", "person", { $0.contact.name }), ("Account Name", "account", { $0.accountName }),
                ("Title", "title", { $0.contact.title }), ("Email", "email", { $0.contact.email }), ("Phone", "phone", { $0.contact.phone }),
                ("Source CRM", "source-crm", { $0.contact.sourceCRM }), ("Id", "source-id", { $0.contact.sourceId }),
                ("Account Id", "account-id", { accountId($0.contact) }),
            ]
            return RecordTable(labels: columns.map(\.0), keys: columns.map(\.1),
                               rows: try database.contacts(leavingOutDemo: true).map { contact in columns.map { $0.2(contact) } })
        case .leads:
            let columns: [(String, String, (Lead) -> String?)] = [
                ("Name", "person", { $0.person }), ("Company", "company", { $0.company }),
                ("Title", "title", { $0.title }), ("Email", "email", { $0.email }), ("Phone", "phone", { $0.phone }),
                ("Lead Source", "source", { $0.source }), ("Description", "notes", { $0.notes }),
                ("Converted", "converted", { $0.convertedAt == nil ? "no" : "yes" }),
                ("Status", "status", { $0.status }),
                ("Source CRM", "source-crm", { $0.sourceCRM }), ("Id", "source-id", { $0.sourceId }),
            ]
            return RecordTable(labels: columns.map(\.0), keys: columns.map(\.1),
                               rows: try database.leads(leavingOutDemo: true).map { lead in columns.map { $0.2(lead) } })
        }
    }

    /// RFC 4180, CRLF line ends, every cell byte for byte (see `CSVLine`).
    public func csv() throws -> String {
        CSVLine.line(labels) + rows.map { CSVLine.line($0.map { $0 ?? "" }) }.joined()
    }

    /// An array of objects, keys sorted, so the same records give the same bytes.
    public func json() throws -> String {
        // JSONEncoder pretty-prints an empty array over three lines; every other JSON list writes `[]`.
        guard !rows.isEmpty else { return JSONText.arrayEnd(count: 0) }
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(keys, row).map { ($0, $1) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
    }
}
