import ArgumentParser
import Foundation
import QualifyReports
import QualifyStore

extension Qualify {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Per sales stage and per rep: opportunities, pain admitted, reasons, impacts, capabilities, letters.")
        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("table or json.", valueName: "format")) var format: SummaryFormat = .table

        func run() throws {
            let report = try options.openDatabase().pipelineReport()
            let destination = try ReportDestination(options: options, path: nil, screen: format == .table, forPeople: format == .table)
            try destination.write {
                switch format {
                case .table: try destination.sink.write(StatsReport.table(report, style: destination.style))
                case .json: try destination.sink.write(try StatsReport.json(report))
                }
            }
        }
    }
}

/// The formats of the summaries (`stats`, `review gaps`): read on screen, or fed to a script.
enum SummaryFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json
}
