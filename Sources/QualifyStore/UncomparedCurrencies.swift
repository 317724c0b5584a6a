import Foundation
import GRDB
import QualifyKit

/// The deals a minimum amount did not compare because their amount is in another
/// currency: amounts are never converted, so a minimum compares in its own currency
/// and every list that takes one (`opportunity list --min-amount`, `home`) says
/// how many it left out and how to see them, in these words.
public struct UncomparedCurrencies: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var currency: String
        public var deals: Int
    }

    public let minimum: Amount
    /// Per currency, most deals first.
    public let counts: [Count]

    public var total: Int { counts.reduce(0) { $0 + $1.deals } }

    /// `what` names where the minimum came from (`--min-amount`, `homeMinimumAmount`),
    /// `option` the option that takes another currency's minimum. Nil when nothing was left out.
    public func note(_ what: String, option: String) -> String? {
        guard let first = counts.first else { return nil }
        let which = counts.map { "\($0.deals) in \($0.currency)" }.joined(separator: ", ")
        let number = minimum.display.split(separator: " ").dropLast().joined(separator: " ")
        return "\(what) compares amounts in \(minimum.currency) only, without converting: \(counted(total, "deal")) in other currencies left out (\(which)); give the minimum in their currency, e.g. \(option) \"\(number) \(first.currency)\"."
    }

    /// Rows of `currency` and `n`, as the queries count them.
    init(minimum: Amount, rows: [Row]) {
        self.minimum = minimum
        counts = rows.map { Count(currency: $0["currency"], deals: $0["n"]) }
    }
}
