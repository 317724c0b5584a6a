import Foundation
import QualifyKit
import QualifyStore

/// Who changes the record, what day it is and the default currency, from
/// config.yaml and the environment.
public struct CRMContext {
    public let owner: String
    public var edit: EditContext

    public init(settings: Settings) throws {
        let currency: String
        do {
            currency = try AmountParser.validCurrency(settings.currency ?? Settings.defaultCurrency)
        } catch {
            throw CommandFailure("\(Environment.settingsFile.path): currency: \(error.description)")
        }
        // The settings the command read once: config.yaml is not read again for the rep.
        let rep = Environment.rep(settings: settings)
        owner = settings.owner.flatMap { $0.isEmpty ? nil : $0 } ?? rep
        edit = EditContext(changedBy: rep, today: .today(), defaultCurrency: currency)
        // An import says once where the currency of bare amounts came from; the messages
        // that use it already name --currency, so the source stays one short phrase.
        edit.amountReading.currencySource = settings.currency == nil
            ? "qualify's default; currency: in config.yaml sets another" : "config.yaml"
    }
}
