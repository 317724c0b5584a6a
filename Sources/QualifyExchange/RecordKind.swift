/// What an import or export file holds.
public enum RecordKind: String, CaseIterable, Sendable {
    case accounts, opportunities, leads

    /// One record of this kind, for messages ("1 account").
    public var singular: String {
        switch self {
        case .accounts: "account"
        case .opportunities: "opportunity"
        case .leads: "lead"
        }
    }

    /// Our field names, which `--map 'Column=field'` takes.
    public var fields: [String] {
        switch self {
        case .accounts: return ["name"]
        case .opportunities:
            return ["name", "account", "amount", "currency", "close-date", "stage", "probability",
                    "next-milestone", "owner", "lead-source", "description"]
        case .leads: return ["person", "first-name", "last-name", "company", "title", "email", "phone", "source", "notes"]
        }
    }

    /// Column names as vtiger, SuiteCRM/SugarCRM, Salesforce (Data Loader)
    /// and EspoCRM write them, and as hand-made files spell them, compared
    /// without case, spaces or punctuation ("Account.Name" = "accountname").
    var knownColumns: [String: String] {
        switch self {
        case .accounts:
            return ["name": "name", "accountname": "name", "organizationname": "name", "organisationname": "name", "account": "name"]
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
            ]
        }
    }
}
