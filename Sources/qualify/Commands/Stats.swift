import ArgumentParser
import Foundation
import QualifyReports
import QualifyStore

extension Qualify {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per sales stage and per rep: opportunities, pain admitted, reasons, impacts, capabilities, letters.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "JSON instead of a table.") var json = false

        func run() throws {
            let report = try options.openDatabase().pipelineReport()
            let destination = try ReportDestination(options: options, path: nil, screen: !json)
            try destination.write {
                try destination.sink.write(json ? try StatsReport.json(report) : StatsReport.table(report, style: destination.style))
            }
        }
    }
}
