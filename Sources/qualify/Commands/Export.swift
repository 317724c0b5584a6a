import ArgumentParser
import Foundation
import QualifyKit
import QualifyExchange
import QualifyReports
import QualifyStore

extension Qualify {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export accounts, contacts, opportunities or leads as CSV or JSON, or everything as JSONL. Files are created readable by you only.",
            discussion: """
                `export all --format jsonl` writes everything (stages, accounts, contacts, opportunities, history, \
                every statement version, letter versions with their quotes and marks, evaluation plans, leads) with stable uuids; a manager consolidates a team with \
                `qualify import all FILE.jsonl`, once per rep's file.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "accounts, contacts, opportunities, leads or all.") var kind: ExchangeKind
        @Option(help: "csv or json; jsonl for all.") var format: ExportFormat?
        @Option(name: [.short, .long], help: "The file to write (default: standard output).") var output: String?
        @Flag(help: "Replace the --output file if it exists.") var force = false

        func validate() throws {
            if kind == .all, let format, format != .jsonl {
                throw ValidationError("export all writes jsonl only; use --format jsonl.")
            }
            if kind != .all, format == .jsonl {
                throw ValidationError("jsonl is for export all; use --format csv or json.")
            }
        }

        func run() throws {
            let database = try options.openDatabase()
            let destination = try ReportDestination(options: options, path: output, force: force, screen: false, forPeople: false)
            guard let recordKind = kind.recordKind else {
                // The store would report a write failure as its own, naming the database file.
                var writeFailure: (any Error)?
                try destination.write {
                    do {
                        try database.exportEverything(chunks: { lines in
                            do { try destination.sink.write(lines) } catch { writeFailure = error; throw error }
                        })
                    } catch {
                        throw writeFailure ?? error
                    }
                }
                if let output, output != "-" { options.console().note("wrote \(output)") }
                return
            }
            let table = try RecordTable.load(recordKind, from: database)
            try destination.write {
                switch format ?? .csv {
                case .json: try destination.sink.write(table.json())
                case .csv, .jsonl: try destination.sink.write(table.csv())
                }
            }
            if let output { options.console().note("wrote \(counted(table.rows.count, recordKind.singular)) to \(output)") }
        }
    }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, jsonl
}

