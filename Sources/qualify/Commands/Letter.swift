import ArgumentParser
import Foundation
import QualifyKit
import QualifySession
import QualifyStore

extension Qualify {
    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the letter drafted from the buyer's stored words.",
            discussion: """
                The sponsor letter restates pain, reasons, impacts and capabilities and asks for access to \
                the power sponsor; the power-sponsor letter adds the evaluation plan (qualify plan). Without \
                --to, the letter goes to the power sponsor once known, else to the sponsor. --format eml writes \
                a whole e-mail (the plan attached as a calendar) from config.yaml's sender: to the contact's address.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The opportunity's name.") var name: String
        @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor (the types in letters/letters.yaml).", valueName: "type"))
        var to: String?
        @Option(help: "text, markdown, html or eml.") var format: LetterFormat = .text
        @Flag(help: "HTML and Markdown: show beside each quote the field, who captured it and when.") var sources = false
        @Option(name: [.short, .long], help: "The file to write (default: standard output).") var output: String?
        @Flag(help: "Replace the --output file if it exists.") var force = false

        func run() throws {
            let database = try options.openDatabase()
            let opportunity = try database.opportunity(named: name)
            let drafting = LetterDrafting(database: database, prompts: options.promptLibrary,
                                          sender: try Environment.sender(), rep: try Environment.rep())
            let letter = try drafting.render(for: opportunity, type: to, format: format, showsSources: sources)
            try DocumentOutput.write(letter, options: options, path: output, force: force,
                                     forPeople: format == .text || format == .markdown)
        }
    }
}

extension LetterFormat: ExpressibleByArgument {}

/// A letter or calendar to standard output or, atomically, to a file.
enum DocumentOutput {
    /// `forPeople`: text read as it is (plain text, Markdown), where control characters are shown visibly.
    static func write(_ document: String, options: GlobalOptions, path: String?, force: Bool, forPeople: Bool) throws {
        let destination = try ReportDestination(options: options, path: path, force: force, screen: false, forPeople: forPeople)
        try destination.write {
            try destination.sink.write(document.hasSuffix("\n") ? document : document + "\n")
        }
        if let path, path != "-" { options.console().note("wrote \(path)") }
    }
}
