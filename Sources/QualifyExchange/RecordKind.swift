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
    public var fields: [String] {
        switch self {
        case .accounts: return ["name", "source-id", "source-crm"]
        case .contacts:
            return ["person", "first-name", "last-name", "account", "account-id", "title", "email", "phone", "source-id", "source-crm"]
        case .opportunities:
            return ["name", "account", "amount", "currency", "close-date", "stage", "probability",
                    "next-milestone", "owner", "lead-source", "description",
                    "source-id", "account-id", "source-crm", "is-closed", "is-won"]
        case .leads: return ["person", "first-name", "last-name", "company", "title", "email", "phone", "source", "notes",
                             "status", "converted", "source-id", "source-crm"]
        }
    }

    /// Which CRM wrote a file, from its header: Salesforce's API names,
    /// Zoho's Potentials, vtiger's Organization, SuiteCRM's labels, EspoCRM's
    /// camelCase. Source ids are unique per CRM, so this names whose ids they are.
    public static func crm(header: [String]) -> String? {
        let columns = Set(header.map { $0.trimmingCharacters(in: .whitespaces) })
        if !columns.isDisjoint(with: ["AccountId", "StageName", "IsClosed", "IsWon", "CloseDate", "CurrencyIsoCode", "OwnerId", "IsConverted", "LeadSource"])
            || !columns.isDisjoint(with: salesforceRecordColumns) {
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
    var knownColumns: [String: String] {
        switch self {
        case .accounts:
            return ["name": "name", "accountname": "name", "organizationname": "name", "organisationname": "name", "account": "name",
                    // Salesforce Id, SuiteCRM/EspoCRM id, Zoho's Record Id and ACCOUNTID, vtiger's record number.
                    "id": "source-id", "recordid": "source-id", "accountid": "source-id", "sourceid": "source-id",
                    "accountno": "source-id", "organizationno": "source-id", "organisationno": "source-id",
                    "sourcecrm": "source-crm"]
        case .contacts:
            return [
                "name": "person", "fullname": "person", "contactname": "person",
                "firstname": "first-name", "lastname": "last-name",
                "accountname": "account", "account": "account", "organizationname": "account", "organisationname": "account",
                "accountid": "account-id", "accountsourceid": "account-id",
                "title": "title", "email": "email", "emailaddress": "email", "primaryemail": "email",
                "phone": "phone", "officephone": "phone", "phonework": "phone", "mobile": "phone", "mobilephone": "phone",
                "id": "source-id", "recordid": "source-id", "contactid": "source-id", "sourceid": "source-id", "contactno": "source-id",
                "sourcecrm": "source-crm",
            ]
        case .opportunities:
            return [
                "name": "name", "opportunityname": "name", "potentialname": "name", "opportunity": "name",
                "accountname": "account", "account": "account", "organizationname": "account", "relatedto": "account",
                "organisationname": "account",
                "amount": "amount", "opportunityamount": "amount",
                "currency": "currency", "currencyisocode": "currency", "amountcurrency": "currency",
                "expectedclosedate": "close-date", "closedate": "close-date", "dateclosed": "close-date", "closingdate": "close-date",
                "salesstage": "stage", "stagename": "stage", "stage": "stage",
                "probability": "probability",
                "nextstep": "next-milestone", "nextmilestone": "next-milestone",
                "leadsource": "lead-source",
                "assignedto": "owner", "assignedusername": "owner", "owner": "owner", "ownername": "owner",
                "description": "description",
                "id": "source-id", "recordid": "source-id", "opportunityid": "source-id", "potentialid": "source-id",
                "dealid": "source-id", "sourceid": "source-id", "opportunityno": "source-id", "potentialno": "source-id",
                "accountid": "account-id", "organizationid": "account-id", "accountnameid": "account-id",
                "accountsourceid": "account-id",
                "sourcecrm": "source-crm", "isclosed": "is-closed", "iswon": "is-won",
            ]
        case .leads:
            return [
                "person": "person", "name": "person", "fullname": "person", "leadname": "person",
                "firstname": "first-name", "lastname": "last-name",
                "company": "company", "accountname": "company", "organizationname": "company",
                "title": "title", "email": "email", "emailaddress": "email",
                "phone": "phone", "officephone": "phone", "phonework": "phone", "phonenumber": "phone",
                "leadsource": "source", "source": "source",
                "description": "notes", "notes": "notes",
                "status": "status", "leadstatus": "status", "isconverted": "converted", "converted": "converted",
                "id": "source-id", "recordid": "source-id", "leadid": "source-id", "sourceid": "source-id", "leadno": "source-id",
                "sourcecrm": "source-crm",
            ]
        }
    }
}
