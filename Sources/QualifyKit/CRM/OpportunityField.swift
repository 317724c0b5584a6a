/// The fields of an opportunity a rep can set, by the names the CRM manual
/// and the REPL's `/set FIELD VALUE` use.
public enum OpportunityField: String, CaseIterable, Sendable, Codable, FieldKey {
    case name, account, amount, currency
    case closeDate = "close-date"
    case stage, probability
    case nextMilestone = "next-milestone"
    case owner
    case leadSource = "lead-source"
    case description, sponsor
    case powerSponsor = "power-sponsor"

    public static let fieldCount = allCases.count

    /// Every change of these is a dated history row, and sync resolves two
    /// laptops' edits of one from that history (the later change wins). The
    /// currency travels inside the amount's history text.
    public var isTracked: Bool { self != .currency }

    /// The forecast: a new deal's history starts with these opening values.
    public var isForecast: Bool {
        [.amount, .closeDate, .stage, .probability].contains(self)
    }

    /// Accepts `close-date`, `closeDate`, `Expected Close Date`, `next step`, any case.
    public init(named raw: String) throws(FieldError) {
        let key = raw.lowercased().filter { $0.isLetter }
        let aliases: [String: OpportunityField] = [
            "name": .name, "opportunityname": .name, "account": .account, "accountname": .account,
            "amount": .amount, "currency": .currency, "closedate": .closeDate, "expectedclosedate": .closeDate,
            "close": .closeDate, "stage": .stage, "salesstage": .stage, "probability": .probability,
            "nextmilestone": .nextMilestone, "milestone": .nextMilestone, "nextstep": .nextMilestone,
            "owner": .owner, "leadsource": .leadSource, "source": .leadSource, "description": .description,
            "sponsor": .sponsor, "powersponsor": .powerSponsor,
        ]
        guard let field = aliases[key] else {
            throw FieldError("\"\(raw)\" is not an opportunity field; use one of " + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = field
    }
}
