import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore

extension Qualify {
    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the letter drafted from the buyer's stored words.",
            discussion: """
                The sponsor letter restates pain, reasons, impacts and capabilities and asks for access to \
                the power sponsor; the power-sponsor letter adds the evaluation plan (qualify plan). Without \
                --to, the letter goes to the power sponsor once known, else to the sponsor.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The opportunity's name.") var name: String
        @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor (the types in letters/letters.yaml).", valueName: "type"))
        var to: String?

        func run() throws {
            let database = try options.openDatabase()
            let opportunity = try database.opportunity(named: name)
            let drafting = LetterDrafting(database: database, prompts: options.promptLibrary,
                                          sender: try Environment.sender(), rep: try Environment.rep())
            options.console().document(try drafting.draft(for: opportunity, type: to))
        }
    }
}
