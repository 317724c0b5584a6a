import ArgumentParser
import Foundation
import QualifyKit
import QualifyExchange
import QualifyStore

extension Qualify {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export accounts, opportunities or leads as CSV or JSON, or everything as JSONL. Files are created readable by you only.",
            discussion: """
                `export all --format jsonl` writes everything (stages, accounts, contacts, opportunities, history, \
                every statement version, letters, leads) with stable uuids; a manager consolidates a team with \
                `qualify import all FILE.jsonl`, once per rep's file.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "accounts, opportunities, leads or all.") var kind: ExchangeKind
        @Option(help: "csv or json; jsonl for all.") var format: ExportFormat?
        @Option(name: [.short, .long], help: "The file to write (default: standard output).") var output: String?

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
            let stream = try ExportFile.open(output)
            defer { stream.close() }
            guard let recordKind = kind.recordKind else {
                // The store would report a write failure as its own, naming the database file.
                var writeFailure: ExportFile.Failure?
                do {
                    return try database.exportEverything { line in
                        do throws(ExportFile.Failure) { try stream.write(text: line + "\n") } catch { writeFailure = error; throw error }
                    }
                } catch {
                    throw writeFailure ?? error
                }
            }
            let table = try RecordTable.load(recordKind, from: database)
            switch format ?? .csv {
            case .json: try table.writeJSON(to: stream)
            case .csv, .jsonl: try table.writeCSV(to: stream)
            }
            if let output { options.console().note("wrote \(counted(table.rows.count, recordKind.singular)) to \(output)") }
        }
    }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, jsonl
}

extension ExportFile.Failure: UserFacingError {}
