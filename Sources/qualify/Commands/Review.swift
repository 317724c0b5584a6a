import ArgumentParser
import Foundation
import QualifyKit
import QualifyReports
import QualifyStore

extension ReviewFormat: ExpressibleByArgument {}

extension Qualify {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Review, search and export what buyers said, across the pipeline.",
            subcommands: [Statements.self, Gaps.self],
            defaultSubcommand: Statements.self)

        struct Statements: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the buyer's words with their deal, newest first (the default of `qualify review`).",
                discussion: """
                    Filters combine. Examples:
                      qualify review --field pain --stage "Negotiation/Review"
                      qualify review --search "forecast board" --since 2026-01-01
                      qualify review --format html --output pains.html
                    --search finds plain words by their beginning, accents ignored ("sef" finds "šef", \
                    "c++" is the word c); --match takes SQLite FTS5 syntax: "a phrase", OR, NOT, word*.
                    """)

            @OptionGroup var options: GlobalOptions
            @Option(help: ArgumentHelp("Only this field: \(Field.names) (repeatable).", valueName: "field"))
            var field: [String] = []
            @Option(help: ArgumentHelp("Only this account's opportunities.", valueName: "name")) var account: String?
            @Option(help: ArgumentHelp("Only this opportunity.", valueName: "name")) var opportunity: String?
            @Option(help: ArgumentHelp("Only what this rep captured.", valueName: "name")) var rep: String?
            @Option(help: ArgumentHelp("Only opportunities in this sales stage.", valueName: "name")) var stage: String?
            @Option(help: ArgumentHelp("Captured on or after this day (UTC).", valueName: "YYYY-MM-DD")) var since: String?
            @Option(help: ArgumentHelp("Captured on or before this day (UTC).", valueName: "YYYY-MM-DD")) var until: String?
            @Option(help: ArgumentHelp("Words the buyer said, as plain words; most relevant first.", valueName: "words")) var search: String?
            @Option(help: ArgumentHelp("An SQLite FTS5 query: \"a phrase\", OR, NOT, word*; most relevant first.", valueName: "query")) var match: String?
            @Flag(help: "Every version of every statement, oldest first, with what replaced what.") var history = false
            @Option(help: ArgumentHelp("table, csv, json, jsonl, markdown or html.", valueName: "format"))
            var format: ReviewFormat = .table
            @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (owner-only) instead of standard output.", valueName: "path"))
            var output: String?
            @Flag(help: "Replace the --output file if it exists.") var force = false

            func validate() throws {
                for name in field where Field(userInput: name) == nil {
                    throw ValidationError("--field \(name) is not a field; use \(Field.choices).")
                }
            }

            var filter: ReviewFilter {
                var filter = ReviewFilter()
                filter.fields = field.compactMap(Field.init(userInput:))
                filter.account = account
                filter.opportunity = opportunity
                filter.rep = rep
                filter.stage = stage
                filter.since = since
                filter.until = until
                filter.search = search
                filter.match = match
                filter.history = history
                return filter
            }

            /// "pain · stage Prospecting · search “forecast”", for the documents' headings.
            var summary: String {
                var parts = field.compactMap(Field.init(userInput:)).map(\.rawValue)
                let named: [(String, String?)] = [("account", account), ("opportunity", opportunity), ("rep", rep),
                                                  ("stage", stage), ("since", since), ("until", until)]
                parts += named.compactMap { label, value in value.map { "\(label) \($0)" } }
                if let search { parts.append("search \u{201C}\(search)\u{201D}") }
                if let match { parts.append("match \u{201C}\(match)\u{201D}") }
                if history { parts.append("every version") }
                return parts.joined(separator: " · ")
            }

            func run() throws {
                let database = try options.openDatabase()
                let destination = try ReportDestination(options: options, path: output, force: force, screen: format == .table,
                                                        forPeople: format == .table || format == .markdown)
                let context = ReviewContext(summary: summary, history: history, searching: search != nil || match != nil, generatedAt: Date())
                let renderer = format.renderer(into: destination.sink, style: destination.style, context: context)
                try destination.write {
                    try database.review(filter, order: format.order) { try renderer.add($0) }
                    try renderer.finish()
                }
                // As letter -o and export -o do: a report written to a file is otherwise silent.
                if let output, output != "-" { options.console().note("wrote \(output)") }
            }
        }

        struct Gaps: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "gaps",
                abstract: "Open opportunities whose qualification is incomplete, worst first, with what is missing.")
            @OptionGroup var options: GlobalOptions
            @Option(help: ArgumentHelp("Only opportunities in this sales stage.", valueName: "name")) var stage: String?
            @Option(help: ArgumentHelp("Only this rep's opportunities (the owner, else who captured first).", valueName: "name"))
            var rep: String?
            @Option(help: ArgumentHelp("table or json.", valueName: "format")) var format: SummaryFormat = .table

            func run() throws {
                let database = try options.openDatabase()
                let destination = try ReportDestination(options: options, path: nil, screen: format == .table, forPeople: format == .table)
                let report = GapsReport(sink: destination.sink, style: destination.style, json: format == .json)
                try destination.write {
                    try database.qualificationGaps(stage: stage, rep: rep) { try report.add($0) }
                    try report.finish(anyOpen: database.hasOpenOpportunities())
                }
            }
        }
    }
}

/// Where a report goes: a file, the terminal (coloured, paged), or a pipe.
struct ReportDestination {
    let sink: ReportSink
    let style: ReportStyle

    /// `screen`: the format is meant for reading on a terminal, so it gets colour and the pager there.
    /// `forPeople`: text a person reads (table, Markdown), where control characters are shown visibly;
    /// CSV and JSON keep what they hold. `force`: an existing file at `path` may be replaced.
    init(options: GlobalOptions, path: String?, force: Bool = false, screen: Bool, forPeople: Bool) throws {
        // A reader who quits the pager or `| head` ends the report; no signal should kill us for it.
        signal(SIGPIPE, SIG_IGN)
        let output: ReportSink
        if let path, path != "-" {
            output = try ReportFile(path: path, force: force)
            style = ReportStyle(colors: false)
        } else if screen && isatty(1) == 1 {
            output = TerminalOutput(screenRows: TerminalOutput.screenRows())
            // Colours travel as markers only `VisibleControls` turns into escapes: none in CSV or JSON.
            style = ReportStyle(colors: options.console().colors && forPeople)
        } else {
            output = FileOutput(descriptor: 1)
            style = ReportStyle(colors: false)
        }
        // CSV and JSONL keep their bytes for the program that reads them; a terminal reading them
        // is a person, and gets no control character raw whatever the format.
        let toTerminal = (path == nil || path == "-") && isatty(1) == 1
        sink = forPeople || toTerminal ? VisibleControls(output, keepingColors: style.colors) : output
    }

    /// Runs `body`, then delivers what it wrote; a reader who stopped reading is not an error.
    func write(_ body: () throws -> Void) throws {
        do {
            try body()
            try sink.finish()
        } catch is OutputClosed {
            try? sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
