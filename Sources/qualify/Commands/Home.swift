import ArgumentParser
import Foundation
import QualifyKit
import QualifyPrompts
import QualifyReports
import QualifySession
import QualifyStore

extension Qualify {
    struct Home: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "home",
            abstract: "Upcoming and pending: deals closing soon, past their close date or without a next milestone, and letters to draft or to send.",
            discussion: "Defaults come from config.yaml: homeMinimumAmount, homeDays, currency.")
        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("Look this many days ahead (default: homeDays, else 30).", valueName: "n"))
        var days: Int?
        @Option(help: ArgumentHelp("Only deals of at least this amount, e.g. 50000 or \"50 000 USD\" (default: homeMinimumAmount, else 0).", valueName: "amount"))
        var minimum: String?

        func validate() throws {
            if let days, days < 0 { throw ValidationError("--days must be 0 or more.") }
        }

        func run() throws {
            let settings = try options.settings()
            let crm = try CRMContext(settings: settings)
            let minimumAmount: Amount
            if let minimum {
                // The rule every amount follows (`opportunity list --min-amount` too): "50 000 USD" compares USD deals.
                minimumAmount = try crm.amountOption(minimum, named: "--minimum")
            } else if let configured = settings.homeMinimumAmount {
                do { minimumAmount = try AmountParser.parse(configured, defaultCurrency: crm.edit.defaultCurrency) } catch {
                    throw CommandFailure("\(Environment.settingsFile.path): homeMinimumAmount: \(error.description)")
                }
            } else {
                minimumAmount = Amount(hundredths: 0, currency: crm.edit.defaultCurrency)
            }
            let window = days ?? settings.homeDays ?? Settings.defaultHomeDays
            let today = crm.edit.today
            let criteria = HomeCriteria(minimum: minimumAmount, defaultCurrency: crm.edit.defaultCurrency,
                                        today: today, lastDay: today.adding(days: window))
            let database = try options.openDatabase()
            var listing = HomeListing()
            try database.home(criteria) { listing.add($0) }
            let destination = try ReportDestination(options: options, path: nil, screen: true, forPeople: true)
            let uncompared = try database.homeDealsInOtherCurrencies(criteria).map { (deals: $0, minimumFrom: minimum == nil ? "homeMinimumAmount" : "--minimum") }
            let text = HomeReport.table(listing, criteria: criteria, completeness: try database.recordCompleteness(),
                                        uncompared: uncompared, days: window, style: destination.style)
            try destination.write { try destination.sink.write(text) }
        }
    }
}
