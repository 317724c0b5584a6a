import ArgumentParser
import Foundation
import QualifyKit

extension Qualify {
    /// The live interview's coach on one answer, outside a call: for trying
    /// the rules in coach.yaml, and for scripts that want the judgments.
    struct Coach: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coach",
            abstract: "Judge one answer the way the interview's coach does: whose words, pain or problem, what to ask next.",
            discussion: """
                Examples:
                  qualify coach --field pain "She's afraid she'll be blamed for the delay."
                  qualify coach --field impacts --format json "The CFO gets the numbers late."
                The rules are in coach.yaml (see --prompts); nothing is stored.
                """)

        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("problem, pain, reasons, impacts or capabilities.", valueName: "field"))
        var field: String
        @Option(help: ArgumentHelp("text or json.", valueName: "format"))
        var format: OutputFormat = .text
        @Argument(help: ArgumentHelp("The answer, in the buyer's words.", valueName: "text"))
        var text: String

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            guard Field(userInput: field) != nil else {
                throw ValidationError("--field \(field) is not a field; use problem, pain, reasons, impacts or capabilities.")
            }
            if text.allSatisfy(\.isWhitespace) {
                throw ValidationError("Give the answer to judge, e.g. qualify coach --field pain \"I can't sleep\".")
            }
        }

        func run() throws {
            let field = Field(userInput: field)!
            let coach = try options.promptLibrary.coach()
            // Judged as the first answer of its field, the way the interview sees it once stored.
            let report = coach.judge(text, field: field, captured: CapturedAnswers([field: [text]]))
            let console = options.console()
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                console.document(String(decoding: try encoder.encode(report), as: UTF8.self))
            case .text:
                for line in report.judgmentLines { console.prose(line, indent: "  ") }
                for note in report.notes { console.prose(console.warning("Coach: ") + note, indent: "  ") }
                for probe in report.probes { console.prose(console.accent("Ask (\(probe.kind.rawValue)): ") + probe.text, indent: "  ") }
            }
        }
    }
}
