import Foundation
import LineEditor
import QualifyKit
import QualifyPrompts
import QualifyStore

/// Drives one interview: feeds what the rep types to the machine and
/// performs the actions it returns, in order. A `record` is committed to
/// SQLite before anything after it is shown.
struct InterviewSession {
    let database: QualifyDatabase
    let opportunity: QualifyStore.Opportunity
    let prompts: PromptLibrary
    let console: Console
    /// A rep at a terminal: questions are shown and mistakes are re-asked.
    /// Otherwise (a script on stdin) no questions are shown and the first
    /// invalid line stops the run with an error, so nothing is misfiled.
    let interactive: Bool
    let rep: String

    func run(source: LineSource) throws {
        // Inside the REPL the source completes the home's words; give it back when the interview ends.
        let homeCompleter = source.completer
        source.completer = Completion.interview(database: database, opportunityId: opportunity.id!)
        defer { source.completer = homeCompleter }
        let script = try prompts.interviewScript()
        let letter = try prompts.sponsorLetter()
        let transcript = Transcript(console: console)
        var machine = InterviewMachine(script: script, captured: try database.capturedAnswers(opportunityId: opportunity.id!))
        var block = QuoteBlockAssembler()
        var lineNumber = 0

        if interactive {
            let account = try database.accountName(of: opportunity)
            console.say(console.bold("Interview: \(opportunity.name)") + " (\(account))" + (opportunity.isDemo ? " [demo data]" : ""))
            console.say(console.dim("Type the buyer's exact words. /help for hints and commands; Ctrl-D saves and quits."))
        }

        let editor = OpportunityEditor(database: database, console: console)
        /// What the rep typed was refused: a warning at the terminal; a script stops there.
        func refuse(_ message: String) throws {
            guard interactive else {
                throw CommandFailure("line \(lineNumber): \(message) Everything before this line is saved.")
            }
            console.say(console.warning(message))
        }

        func perform(_ actions: [InterviewMachine.Action]) throws {
            for action in actions {
                switch action {
                case .ask(let question):
                    if interactive { transcript.ask(question) }
                case .record(let field, let position, let text):
                    try database.record(text, field: field, position: position,
                                        opportunityId: opportunity.id!, capturedBy: rep)
                case .showCaptured:
                    if interactive { console.say() }
                    transcript.showCaptured(try database.capturedAnswers(opportunityId: opportunity.id!))
                case .showHelp(let field):
                    transcript.showHelp(field, script: script)
                case .showCommands:
                    if interactive { transcript.showCommands() }
                case .showSummary:
                    console.say()
                    console.say(console.bold("Summary"))
                    transcript.showCaptured(try database.capturedAnswers(opportunityId: opportunity.id!))
                case .draftLetter:
                    console.say()
                    // Fetched again: /set may have renamed the opportunity or changed its sponsor.
                    let current = try database.opportunity(id: opportunity.id!)
                    console.document(try LetterDrafting(database: database, letter: letter, rep: rep).draft(for: current))
                case .setField(let field, let value):
                    do {
                        try editor.set(field, to: value, on: opportunity)
                    } catch let error as UserFacingError {
                        try refuse(error.description.hasSuffix(".") ? error.description : error.description + ".")
                    }
                case .showOpportunity:
                    if interactive { console.say() }
                    try editor.show(opportunity)
                case .coach(let advice):
                    if interactive { console.say(console.warning("Coach: ") + advice) } else { console.note(advice) }
                case .reject(let message):
                    try refuse(message)
                case .finish:
                    if interactive { console.say(console.dim("Saved.")) }
                }
            }
        }

        try perform(machine.start())
        while !machine.isFinished {
            let event = try source.readLine(prompt: block.isOpen ? "... " : machine.prompt)
            switch event {
            case .endOfInput:
                if let text = block.flush() { try perform(machine.answered(text)) }
                try perform(machine.endOfInput())
            case .interrupted:
                block.cancel()
                try perform(machine.interrupted())
            case .line(let line):
                lineNumber += 1 + line.count(where: { $0 == "\n" })
                try handle(line, block: &block, machine: &machine, perform: perform)
            }
        }
    }

    private func handle(_ line: String, block: inout QuoteBlockAssembler, machine: inout InterviewMachine,
                        perform: ([InterviewMachine.Action]) throws -> Void) throws {
        // A bracketed paste of several lines is one answer, unless it lands inside a block.
        if line.contains("\n"), !block.isOpen {
            try perform(machine.answered(line))
            return
        }
        for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
            switch block.feed(String(part)) {
            case nil:
                continue
            case .quote(let text)?:
                try perform(machine.answered(text))
            case .line(let text)?:
                switch InterviewInput(line: text) {
                case .answer(let answer): try perform(machine.answered(answer))
                case .command(let command): try perform(machine.command(command))
                case .invalid(let message): try perform([.reject(message)])
                }
            }
        }
    }
}

/// Renders the sponsor letter from what is stored and keeps a copy, so a
/// manager can see which deals have had one.
struct LetterDrafting {
    let database: QualifyDatabase
    let letter: SponsorLetter
    let rep: String

    func draft(for opportunity: QualifyStore.Opportunity) throws -> String {
        // The power sponsor, once known, is who agrees the evaluation plan; until then the sponsor.
        let record = try database.opportunityRecord(of: opportunity)
        let addressee = record.powerSponsor ?? record.sponsor
        let facts = SponsorLetter.Facts(
            accountName: record.accountName,
            opportunityName: opportunity.name,
            recipientName: addressee?.name,
            recipient: record.powerSponsor == nil ? .sponsor : .powerSponsor,
            senderName: rep,
            answers: try database.capturedAnswers(opportunityId: opportunity.id!),
            isDemo: opportunity.isDemo)
        let body = letter.render(facts)
        if try database.letters(opportunityId: opportunity.id!).last?.body != body {
            try database.saveLetter(body, opportunityId: opportunity.id!, draftedBy: rep)
        }
        return body
    }
}
