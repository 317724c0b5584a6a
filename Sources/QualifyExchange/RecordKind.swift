import QualifyStore

/// What an import or export file holds.
public enum RecordKind: String, CaseIterable, Sendable {
    case accounts, contacts, opportunities, leads

    /// One record of this kind, for messages ("1 account").
    public var singular: String {
        switch self {
        case .accounts: "account"
        case .contacts: "contact"
        case .opportunities: "opportunity"
        case .leads: "lead"
        }
    }

    /// Our field names, which `--map 'Column=field'` takes.
    public var fields: [ImportField] {
        switch self {
        case .accounts: return [.name, .sourceId, .sourceCRM, .qualifyName]
        case .contacts:
            return [.person, .firstName, .lastName, .account, .accountId, .title, .email, .phone, .sourceId, .sourceCRM]
        case .opportunities:
            return [.name, .account, .amount, .currency, .closeDate, .stage, .probability,
                    .nextMilestone, .owner, .ownerId, .leadSource, .description,
                    .sponsor, .sponsorTitle, .sponsorEmail, .powerSponsor, .powerSponsorTitle, .powerSponsorEmail,
                    .sourceId, .accountId, .sourceCRM, .isClosed, .isWon, .qualifyName]
        case .leads: return [.person, .firstName, .lastName, .company, .title, .email, .phone, .source, .notes,
                             .status, .converted, .sourceId, .sourceCRM]
        }
    }

    /// Which CRM wrote a file, from its header: Salesforce's API names,
    /// Zoho's Potentials, vtiger's Organization, SuiteCRM's labels, EspoCRM's
    /// camelCase. Source ids are unique per CRM, so this names whose ids they are.
    public static func crm(header: [String]) -> String? {
        let columns = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
        let salesforce = salesforceRecordColumns.union(["AccountId", "StageName", "IsClosed", "IsWon", "CloseDate", "CurrencyIsoCode", "OwnerId", "IsConverted", "LeadSource"])
        // Data Loader writes its API names in capitals ("ID","NAME","BILLINGCITY","ACCOUNTID"); a header
        // all in capitals with one of them is Salesforce's (Zoho's ACCOUNTID sits among "Account Name"-style labels).
        let capitals = columns.allSatisfy { $0 == $0.uppercased() }
        if !columns.isDisjoint(with: salesforce) || capitals && !columns.isDisjoint(with: salesforce.map { $0.uppercased() }) {
            return "salesforce"
        }
        if !columns.isDisjoint(with: ["Potential Name", "Closing Date", "Record Id", "ACCOUNTID", "POTENTIALID", "Deal Name", "Lead Owner"]) {
            return "zoho"
        }
        if !columns.isDisjoint(with: ["Organization Name", "Opportunity No", "Potential No", "Organization No", "Lead No"]) {
            return "vtiger"
        }
        if !columns.isDisjoint(with: ["Opportunity Amount", "Date Closed", "Assigned to", "Probability (%)"]) {
            return "suitecrm"
        }
        if !columns.isDisjoint(with: ["accountName", "closeDate", "amountCurrency", "assignedUserName"]) {
            return "espocrm"
        }
        return nil
    }

    /// Columns only a file of deals has: given to `import accounts`, whose "Account Name" it also
    /// has, every deal's account came in with the deal's id as the account's.
    static let dealColumns: Set<String> = ["opportunityname", "potentialname", "dealname", "amount", "opportunityamount",
                                           "salesstage", "stagename", "closedate", "expectedclosedate", "closingdate", "dateclosed"]
    /// Columns only a file of people has.
    static let personColumns: Set<String> = ["firstname", "lastname", "fullname", "contactname", "leadname"]

    /// API names only Salesforce writes, which an Account export from Data Loader
    /// (`Id,Name,Type,BillingCity`) has in place of AccountId or StageName: without
    /// them its ids were taken as a hand-made file's, and the same accounts imported
    /// again with `--crm salesforce` became a second set.
    private static let salesforceRecordColumns: Set<String> = [
        "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry",
        "ShippingStreet", "ShippingCity", "ShippingCountry", "MailingStreet", "MailingCity", "MailingCountry",
        "ParentId", "MasterRecordId", "AnnualRevenue", "NumberOfEmployees", "IsDeleted",
        "CreatedById", "LastModifiedById", "SystemModstamp", "LastActivityDate",
    ]

    /// Column names as vtiger, SuiteCRM/SugarCRM, Salesforce (Data Loader)
    /// and EspoCRM write them, and as hand-made files spell them, compared
    /// without case, spaces or punctuation ("Account.Name" = "accountname").
    var knownColumns: [String: ImportField] {
        switch self {
        case .accounts:
            return ["name": .name, "accountname": .name, "organizationname": .name, "organisationname": .name, "account": .name,
                    // Salesforce Id, SuiteCRM/EspoCRM id, Zoho's Record Id and ACCOUNTID, vtiger's record number.
                    "id": .sourceId, "recordid": .sourceId, "accountid": .sourceId, "sourceid": .sourceId,
                    "accountno": .sourceId, "organizationno": .sourceId, "organisationno": .sourceId,
                    "sourcecrm": .sourceCRM, "nameinqualify": .qualifyName, "qualifyname": .qualifyName]
        case .contacts:
            return [
                "name": .person, "fullname": .person, "contactname": .person, "personname": .person,
                "firstname": .firstName, "lastname": .lastName,
                "accountname": .account, "account": .account, "organizationname": .account, "organisationname": .account,
                "accountid": .accountId, "accountsourceid": .accountId,
                // SuiteCRM's field names write the e-mail as email1; HubSpot the title as Job Title.
                "title": .title, "jobtitle": .title, "email": .email, "emailaddress": .email, "primaryemail": .email, "email1": .email,
                "phone": .phone, "officephone": .phone, "phonework": .phone, "mobile": .phone, "mobilephone": .phone,
                "id": .sourceId, "recordid": .sourceId, "contactid": .sourceId, "sourceid": .sourceId, "contactno": .sourceId,
                "sourcecrm": .sourceCRM,
            ]
        case .opportunities:
            return [
                "name": .name, "opportunityname": .name, "potentialname": .name, "dealname": .name, "opportunity": .name,
                "accountname": .account, "account": .account, "organizationname": .account, "relatedto": .account,
                "organisationname": .account,
                "amount": .amount, "opportunityamount": .amount,
                "currency": .currency, "currencyisocode": .currency, "amountcurrency": .currency,
                "expectedclosedate": .closeDate, "closedate": .closeDate, "dateclosed": .closeDate, "closingdate": .closeDate,
                "salesstage": .stage, "stagename": .stage, "stage": .stage,
                "probability": .probability,
                "nextstep": .nextMilestone, "nextmilestone": .nextMilestone,
                "leadsource": .leadSource,
                // vtiger and SuiteCRM labels, SuiteCRM's and EspoCRM's field names, Zoho's Potentials and Deals,
                // a Salesforce report (Opportunity Owner) or Data Loader's Owner.Name.
                "assignedto": .owner, "assignedusername": .owner, "owner": .owner, "ownername": .owner,
                "potentialowner": .owner, "dealowner": .owner, "opportunityowner": .owner,
                // The same people as user ids (Salesforce 005…, SuiteCRM's and EspoCRM's): never stored as a name.
                "ownerid": .ownerId, "assigneduserid": .ownerId,
                "description": .description,
                // qualify's own export: the sponsors by name, with the title and e-mail that tell them apart.
                "sponsor": .sponsor, "sponsortitle": .sponsorTitle, "sponsoremail": .sponsorEmail,
                "powersponsor": .powerSponsor, "powersponsortitle": .powerSponsorTitle, "powersponsoremail": .powerSponsorEmail,
                "id": .sourceId, "recordid": .sourceId, "opportunityid": .sourceId, "potentialid": .sourceId,
                "dealid": .sourceId, "sourceid": .sourceId, "opportunityno": .sourceId, "potentialno": .sourceId,
                "accountid": .accountId, "organizationid": .accountId, "accountnameid": .accountId,
                "accountsourceid": .accountId,
                "sourcecrm": .sourceCRM, "isclosed": .isClosed, "iswon": .isWon,
                "nameinqualify": .qualifyName, "qualifyname": .qualifyName,
            ]
        case .leads:
            return [
                "person": .person, "name": .person, "fullname": .person, "leadname": .person,
                "firstname": .firstName, "lastname": .lastName,
                "company": .company, "accountname": .company, "organizationname": .company,
                // vtiger's leads write Primary Email, as its contacts do; SuiteCRM's field names email1.
                "title": .title, "jobtitle": .title, "email": .email, "emailaddress": .email, "primaryemail": .email, "email1": .email,
                "phone": .phone, "officephone": .phone, "phonework": .phone, "phonenumber": .phone,
                "leadsource": .source, "source": .source,
                "description": .notes, "notes": .notes,
                "status": .status, "leadstatus": .status, "isconverted": .converted, "converted": .converted,
                "id": .sourceId, "recordid": .sourceId, "leadid": .sourceId, "sourceid": .sourceId, "leadno": .sourceId,
                "sourcecrm": .sourceCRM,
            ]
        }
    }
}
