import ArgumentParser
import Foundation
import QualifyKit
import QualifyPrompts
import QualifyReports
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
        @Option(help: ArgumentHelp("Only deals of at least this amount, e.g. 50000 (default: homeMinimumAmount, else 0).", valueName: "amount"))
        var minimum: String?

        func validate() throws {
            if let days, days < 0 { throw ValidationError("--days must be 0 or more.") }
            if let minimum, HomeReport.hundredths(from: minimum) == nil {
                throw ValidationError("--minimum \(minimum) is not an amount; write it like 50000 or 50000.50.")
            }
        }

        func run() throws {
            let settings = try SettingsFile.load(from: Environment.settingsFile)
            let minimumText = minimum ?? settings.homeMinimumAmount ?? "0"
            guard let minimumHundredths = HomeReport.hundredths(from: minimumText) else {
                throw CommandFailure("homeMinimumAmount \"\(minimumText)\" in \(Environment.settingsFile.path) is not an amount; write it like 50000 or 50000.50.")
            }
            let window = days ?? settings.homeDays ?? Settings.defaultHomeDays
            let currency = settings.currency ?? Settings.defaultCurrency
            let criteria = HomeCriteria(minimumHundredths: minimumHundredths, currency: currency, defaultCurrency: currency,
                                        today: Self.day(0), lastDay: Self.day(window))
            let database = try options.openDatabase()
            var listing = HomeListing()
            try database.home(criteria) { listing.add($0) }
            let destination = try ReportDestination(options: options, path: nil, screen: true, forPeople: true)
            let text = HomeReport.table(listing, criteria: criteria, completeness: try database.recordCompleteness(),
                                        days: window, style: destination.style)
            try destination.write { try destination.sink.write(text) }
        }

        /// The rep's local calendar day, `offset` days from today, as YYYY-MM-DD.
        static func day(_ offset: Int) -> String {
            let calendar = Calendar.current
            let date = calendar.date(byAdding: .day, value: offset, to: Date())!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
    }
}
