import Foundation

/// The currencies of the amounts a list showed, most deals first: compared on
/// SQLite's bytes, a String made only when the currency changes from the row before.
public struct ListedCurrencies {
    public let defaultCurrency: String
    private var deals: [String: Int] = [:]
    /// The run of rows in one currency, counted here and added to `deals` when it ends.
    private var run: (bytes: [UInt8], currency: String, deals: Int)?

    public init(defaultCurrency: String) { self.defaultCurrency = defaultCurrency }

    public mutating func add(_ row: OpportunityListColumns) {
        guard row.amountHundredths != nil else { return }
        let stored = row.text(.currency)
        if let run, stored.map({ run.bytes.elementsEqual($0) }) ?? (run.currency == defaultCurrency) {
            self.run!.deals += 1
            return
        }
        if let run { deals[run.currency, default: 0] += run.deals }
        let currency = stored.map { String(decoding: $0, as: UTF8.self) } ?? defaultCurrency
        run = (Array(currency.utf8), currency, 1)
    }

    public var counts: [(currency: String, deals: Int)] {
        var all = deals
        if let run { all[run.currency, default: 0] += run.deals }
        return all.map { (currency: $0.key, deals: $0.value) }.sorted { $0.deals != $1.deals ? $0.deals > $1.deals : $0.currency < $1.currency }
    }
}
