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

    public init(currency: String? = nil, owner: String? = nil, homeMinimumAmount: String? = nil, homeDays: Int? = nil) {
        self.currency = currency
        self.owner = owner
        self.homeMinimumAmount = homeMinimumAmount
        self.homeDays = homeDays
    }

    public static let defaultCurrency = "EUR"
    public static let defaultHomeDays = 30
}
