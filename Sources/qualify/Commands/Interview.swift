import ArgumentParser
import Foundation
import LineEditor
import QualifyKit
import QualifyStore

extension Qualify {
    struct Interview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "interview",
            abstract: "Interview the buyer: \(Field.allCases.map(\.title).joined(separator: ", ")).",
            discussion: """
                Resumes at the first question without an answer. With stdin not a terminal, \
                each line is an answer (an empty line ends a list), so a whole interview can be scripted; \
                on a deal with some answers already, a script holding an answer is refused before anything \
                is filed or run unless --resume says its first answer goes to the first question without one \
                (a script of only commands runs).
                """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The opportunity's name.") var name: String
        @Flag(help: "Piped: file the input from the first question without an answer on, on a deal that already has answers.")
        var resume = false

        func run() throws {
            let database = try options.openDatabaseForTheCall(.existing)
            let opportunity = try database.opportunity(named: name)
            let source = LineSources.standardInput(completer: { _ in [] })
            try InterviewSession(database: database, opportunity: opportunity, options: options,
                                 console: options.console(), interactive: source.interactive, resumesScript: resume)
                .run(source: source.source)
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Load the manual's worked example (marked as demo data).")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let database = try options.openDatabase(.creating)
            let (opportunity, created) = try database.loadWorkedExample(options.promptLibrary.workedExample(), capturedBy: try Environment.rep())
            let console = options.console()
            console.say((created ? "Loaded the worked example as demo data: " : "The worked example is already loaded: ") + "\"\(opportunity.name)\".")
            console.say("See it with: qualify opportunity show \"\(opportunity.name)\"; draft its letter with: qualify letter \"\(opportunity.name)\"")
        }
    }
}

/// Where answers come from: libedit on a terminal, raw lines otherwise.
enum LineSources {
    static func standardInput(completer: @escaping @Sendable (String) -> [String]) -> (source: LineSource, interactive: Bool) {
        // Both ends: with stdout redirected to a file, prompts and redraws would land in it.
        if Terminal.isTerminal(0), Terminal.isTerminal(1) {
            return (TerminalLineEditor(historyFile: Environment.historyFile, completer: completer,
                                       shown: { ControlCharacters.visible($0) }, cleaned: cleanedPaste), true)
        }
        return (PipedLineSource(fileDescriptor: 0), false)
    }

    /// A paste with a control character (colours copied from a terminal) would
    /// be refused whole: it stays on the line without them for the rep to check.
    @Sendable static func cleanedPaste(_ text: String) -> (text: String, note: String)? {
        ControlCharacters.removingControls(from: text).map { kept, removed in
            (kept, "note: removed from the paste: \(removed.joined(separator: ", ")), which qualify cannot store. "
                + "The rest is on the line: check it, then press Enter.")
        }
    }
}

extension InterviewSession {
    /// The session a command or the REPL opens: Tab completes the interview's
    /// words, and who types decides the output. `resumesScript`: the rep's
    /// --resume, without which a script on a deal with answers is refused.
    init(database: QualifyDatabase, opportunity: Opportunity, options: GlobalOptions,
         console: Console, interactive: Bool, resumesScript: Bool) throws {
        let prompts = options.promptLibrary
        let script = try prompts.interviewScript()
        self.init(database: database, opportunity: opportunity, prompts: prompts, script: script,
                  output: interactive ? TerminalInterviewOutput(console: console, messages: script.messages) as any InterviewOutput
                                      : ScriptInterviewOutput(console: console, messages: script.messages, resumes: resumesScript),
                  rep: try Environment.rep(),
                  completer: Completion.interview(database: database, opportunityId: opportunity.id!),
                  interruption: GlobalOptions.interruption,
                  recovery: RecoveryFile(folder: Environment.stateFolder.appendingPathComponent("recovery"),
                                         opportunity: opportunity.uuid),
                  buildsCoachAhead: interactive)
    }
}
