import QualifyKit

/// One row's values by import field.
public typealias ImportValues = FieldValues<ImportField>

/// A value an import row carries, by the name `--map 'Column=field'` takes.
/// The file's columns are matched to these once, from the header, and a row,
/// its refusals and the report's column names are keyed by them: a misspelt
/// key is a compile error, not a value silently never read.
public enum ImportField: String, CaseIterable, Sendable, FieldKey {
    // An opportunity's own fields (OpportunityField).
    case name, account, amount, currency
    case closeDate = "close-date"
    case stage, probability
    case nextMilestone = "next-milestone"
    case owner
    /// The owner as the CRM's user id (Salesforce's OwnerId), which is no name.
    case ownerId = "owner-id"
    case leadSource = "lead-source"
    case description, sponsor
    case powerSponsor = "power-sponsor"
    // Who the sponsors are, as qualify's export writes them beside their names.
    case sponsorTitle = "sponsor-title", sponsorEmail = "sponsor-email"
    case powerSponsorTitle = "power-sponsor-title", powerSponsorEmail = "power-sponsor-email"
    // A person: a contact's or a lead's.
    case person
    case firstName = "first-name", lastName = "last-name"
    case company, title, email, phone, source, notes, status, converted
    // Where the record came from, and what only a CRM's file says.
    case sourceId = "source-id", sourceCRM = "source-crm"
    case accountId = "account-id"
    case isClosed = "is-closed", isWon = "is-won"
    // qualify's own export: the record's name here, where the name column holds its CRM's.
    case qualifyName = "qualify-name"

    public static let fieldCount = allCases.count

    public init(_ field: OpportunityField) {
        switch field {
        case .name: self = .name
        case .account: self = .account
        case .amount: self = .amount
        case .currency: self = .currency
        case .closeDate: self = .closeDate
        case .stage: self = .stage
        case .probability: self = .probability
        case .nextMilestone: self = .nextMilestone
        case .owner: self = .owner
        case .leadSource: self = .leadSource
        case .description: self = .description
        case .sponsor: self = .sponsor
        case .powerSponsor: self = .powerSponsor
        }
    }

    /// The opportunity field this fills; nil for what the import itself reads
    /// (ids, closed flags) and for the fields of people.
    public var opportunityField: OpportunityField? {
        switch self {
        case .name: .name
        case .account: .account
        case .amount: .amount
        case .currency: .currency
        case .closeDate: .closeDate
        case .stage: .stage
        case .probability: .probability
        case .nextMilestone: .nextMilestone
        case .owner: .owner
        case .leadSource: .leadSource
        case .description: .description
        case .sponsor: .sponsor
        case .powerSponsor: .powerSponsor
        case .sponsorTitle, .sponsorEmail, .powerSponsorTitle, .powerSponsorEmail,
             .person, .firstName, .lastName, .company, .title, .email, .phone, .source, .notes, .status, .converted,
             .sourceId, .sourceCRM, .accountId, .isClosed, .isWon, .qualifyName, .ownerId: nil
        }
    }
}
