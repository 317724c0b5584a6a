import ArgumentParser
import Foundation
import QualifyKit
import QualifyReports
import QualifyStore

extension OpportunitySort: ExpressibleByArgument {
    public init?(argument: String) { self.init(named: argument) }
}
extension OpportunityListFormat: ExpressibleByArgument {}

extension Qualify.OpportunityCommand {
    /// The manual's "freely configurable" list: filters, order, columns and
    /// format, streamed from one query, so 100,000 deals list in flat memory.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List opportunities with stage, amount, close date and what is captured.",
            discussion: """
                Filters combine: qualify opportunity list --stage "Negotiation/Review" --owner "ana kovač" --closing-before +30d \
                --min-amount 50000 --sort amount. Sorts: name (default), account, stage (pipeline order), \
                amount and probability (largest first), close-date (soonest first), owner, created (newest first); \
                deals without the value come last. csv and json leave the demo deal out, as every export does.
                """)
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("stage"), help: ArgumentHelp("Only this stage (repeat for several).", valueName: "name"))
        var stages: [String] = []
        @Option(help: ArgumentHelp("Only this rep's deals (any case).", valueName: "name")) var owner: String?
        @Option(help: ArgumentHelp("Only this account's deals.", valueName: "name")) var account: String?
        @Option(help: ArgumentHelp("Closing on or after this day: YYYY-MM-DD, today, +30d.", valueName: "day"))
        var closingAfter: String?
        @Option(help: ArgumentHelp("Closing on or before this day: YYYY-MM-DD, today, +30d.", valueName: "day"))
        var closingBefore: String?
        @Option(help: ArgumentHelp("At least this amount, e.g. 50000 or \"50 000 USD\" (deals in other currencies are left out).", valueName: "amount"))
        var minAmount: String?
        @Option(help: ArgumentHelp("name, account, stage, amount, close-date, probability, owner or created.", valueName: "field"))
        var sort: OpportunitySort = .name
        @Option(help: ArgumentHelp("Columns, comma-separated: " + OpportunityColumn.allCases.map(\.rawValue).joined(separator: ",") + ".", valueName: "a,b,c"))
        var columns: String?
        @Option(help: ArgumentHelp("table, csv or json.", valueName: "format")) var format: OpportunityListFormat = .table
        @Option(help: ArgumentHelp("At most this many deals.", valueName: "n")) var limit: Int?

        func validate() throws {
            _ = try chosenColumns()
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more.") }
            for (option, day) in [("--closing-after", closingAfter), ("--closing-before", closingBefore)] {
                guard let day else { continue }
                do { _ = try CloseDateParser.parse(day, today: .today()) } catch {
                    throw ValidationError("\(option): \(error.description)")
                }
            }
        }

        private func chosenColumns() throws -> [OpportunityColumn] {
            guard let columns else { return format == .table ? OpportunityColumn.tableDefault : OpportunityColumn.dataDefault }
            return try columns.split(separator: ",").map { name in
                guard let column = OpportunityColumn(named: String(name)) else {
                    throw ValidationError("--columns: no column \"\(name.trimmingCharacters(in: .whitespaces))\"; choose from " + OpportunityColumn.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                return column
            }
        }

        private func filter(_ crm: CRMContext) throws -> OpportunityListFilter {
            var filter = OpportunityListFilter()
            filter.stages = stages
            filter.owner = owner
            filter.account = account
            filter.closingAfter = try closingAfter.map { try CloseDateParser.parse($0, today: crm.edit.today).day }
            filter.closingBefore = try closingBefore.map { try CloseDateParser.parse($0, today: crm.edit.today).day }
            filter.defaultCurrency = crm.edit.defaultCurrency
            filter.minimumAmount = try minAmount.map { try crm.amountOption($0, named: "--min-amount") }
            filter.sort = sort
            filter.limit = limit
            filter.leavesOutDemo = format != .table
            return filter
        }

        var isFiltered: Bool {
            !stages.isEmpty || owner != nil || account != nil || closingAfter != nil || closingBefore != nil || minAmount != nil
        }

        func run() throws {
            let database = try options.openDatabase()
            let filter = try filter(try CRMContext(options))
            let destination = try ReportDestination(options: options, path: nil, screen: format == .table, forPeople: format == .table)
            let report = OpportunityListReport(sink: destination.sink, format: format, columns: try chosenColumns())
            var currencies = ListedCurrencies(defaultCurrency: filter.defaultCurrency)
            try destination.write {
                try database.opportunityList(filter) { row in
                    if sort == .amount { currencies.add(row) }
                    try report.add(row)
                }
                try report.finish()
                if format == .table && report.isEmpty {
                    try destination.sink.write(isFiltered ? "No opportunities match.\n"
                                               : "No opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\n")
                }
            }
            // Amounts are never converted: an order by amount across currencies is by the numbers, and says so.
            if currencies.counts.count > 1 {
                let which = currencies.counts.map { "\($0.currency): \(counted($0.deals, "deal"))" }.joined(separator: ", ")
                options.console(forTerminal: 2).note("--sort amount orders the amounts of \(currencies.counts.count) currencies by their numbers, without converting (\(which)); list one currency with --min-amount \"0 \(currencies.counts[0].currency)\".")
            }
            // Said only when it hides deals: a minimum compares in its own currency, without conversion.
            if let note = try database.dealsInOtherCurrencies(filter)?.note("--min-amount", option: "--min-amount") {
                options.console(forTerminal: 2).note(note)
            }
        }
    }
}
