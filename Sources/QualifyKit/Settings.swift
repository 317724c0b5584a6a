/// The user's settings, from $XDG_CONFIG_HOME/qualify/config.yaml. Every key
/// is optional; a missing file means the defaults.
public struct Settings: Codable, Equatable, Sendable {
    /// ISO 4217 code used when an amount is given without one.
    public var currency: String?
    /// The rep's name on new opportunities and captured statements; default: the login name.
    public var owner: String?
    /// `qualify home` lists opportunities at or above this amount (in `currency`).
    public var homeMinimumAmount: String?
    /// `qualify home` looks this many days ahead.
    public var homeDays: Int?
    /// Who signs and sends the letters: `sender: {name, email, title, company}`.
    public var sender: SenderSettings?
    /// The team's PostgreSQL server for `qualify sync`, as a URL without a password.
    public var server: String?

    public init(currency: String? = nil, owner: String? = nil, homeMinimumAmount: String? = nil, homeDays: Int? = nil,
                server: String? = nil) {
        self.server = server
        self.currency = currency
        self.owner = owner
        self.homeMinimumAmount = homeMinimumAmount
        self.homeDays = homeDays
    }

    public static let defaultCurrency = "EUR"
    public static let defaultHomeDays = 30
}

/// `sender:` in config.yaml. Without a name the letter is signed by the rep (`owner`, else the login).
public struct SenderSettings: Codable, Equatable, Sendable {
    public var name: String?
    public var email: String?
    public var title: String?
    public var company: String?

    public init(name: String? = nil, email: String? = nil, title: String? = nil, company: String? = nil) {
        self.name = name
        self.email = email
        self.title = title
        self.company = company
    }
}
