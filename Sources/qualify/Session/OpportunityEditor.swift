import Foundation
import QualifyKit
import QualifyPrompts
import QualifyStore

/// What the REPL's `/set FIELD VALUE` and `/opportunity` do during an
/// interview, so the session only forwards the command (see InterviewSession).
struct OpportunityEditor {
    let database: QualifyDatabase
    let console: Console

    /// Sets one field; a refused value throws and changes nothing.
    func set(_ field: OpportunityField, to value: String, on opportunity: QualifyStore.Opportunity) throws {
        let context = try CRMContext(settings: SettingsFile.load(from: Environment.settingsFile))
        let current = try database.opportunity(id: opportunity.id!)
        let (updated, warnings) = try database.setOpportunity(named: current.name, values: [field: value], context: context.edit)
        warnings.forEach(console.note)
        console.say("Set \(field.rawValue) of \"\(updated.name)\".")
    }

    func show(_ opportunity: QualifyStore.Opportunity) throws {
        OpportunityCard(console: console).show(try database.opportunityRecord(of: database.opportunity(id: opportunity.id!)))
    }
}

/// Who changes the record, what day it is and the default currency, from
/// config.yaml and the environment.
struct CRMContext {
    let owner: String
    let edit: EditContext

    init(_ options: GlobalOptions) throws {
        try self.init(settings: options.settings())
    }

    init(settings: Settings) throws {
        let currency: String
        do {
            currency = try AmountParser.validCurrency(settings.currency ?? Settings.defaultCurrency)
        } catch {
            throw CommandFailure("\(Environment.settingsFile.path): currency: \(error.description)")
        }
        owner = try settings.owner.flatMap { $0.isEmpty ? nil : $0 } ?? Environment.rep()
        edit = EditContext(changedBy: try Environment.rep(), today: Self.today(), defaultCurrency: currency)
    }

    /// The rep's calendar day, in the rep's time zone.
    static func today(_ now: Date = Date()) -> CalendarDay {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: now)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
