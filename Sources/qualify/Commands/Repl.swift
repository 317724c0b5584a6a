import ArgumentParser
import Foundation
import LineEditor
import QualifyKit
import QualifyStore

extension Qualify {
    /// `qualify` alone: the chat-style home from which a rep opens an interview.
    struct Repl: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repl",
            abstract: "Open the interactive assistant (the default when no command is given).")
        @OptionGroup var options: GlobalOptions

        static let commands = ["/open", "/demo", "/list", "/help", "/quit",
                               "account", "opportunity", "interview", "letter", "plan"]

        func run() throws {
            let console = options.console()
            let database = try options.openDatabaseForTheCall(.creating)
            // Names are read at each Tab, so an account added a moment ago completes too.
            let source = LineSources.standardInput(completer: Completion.home(database: database))
            let session = ReplSession(options: options, database: database, console: console, interactive: source.interactive)
            session.welcome()
            while true {
                switch try source.source.readLine(prompt: "qualify> ") {
                case .endOfInput:
                    return
                case .interrupted:
                    continue
                case .line(let line):
                    // Refused before anything can store it; the rep is asked again.
                    if let problem = ControlCharacters.firstProblem(in: line) {
                        let message = "column \(problem.column): \(problem.reason). Remove it and type the line again."
                        guard source.interactive else { throw CommandFailure(message) }
                        console.error(message)
                        continue
                    }
                    if try session.handle(line, source: source.source) == .quit { return }
                }
            }
        }
    }
}

/// What the home prompt understands: a few slash commands, and any
/// `qualify` command line typed without the word `qualify`.
struct ReplSession {
    enum Outcome { case stay, quit }

    let options: GlobalOptions
    let database: QualifyDatabase
    let console: Console
    let interactive: Bool

    /// The welcome lists this many deals: the ones worked on last.
    static let welcomeCount = 15

    func welcome() {
        // Piped, nothing is shown, so nothing is read.
        guard interactive else { return }
        let recent = (try? database.recentOpportunities(limit: Self.welcomeCount)) ?? (overviews: [], total: 0)
        console.say(console.bold("qualify") + ": capture the buyer's exact words, draft the sponsor letter.")
        if recent.total == 0 {
            console.say("""
                No opportunities yet. To start:
                  account add "Acme Corp"
                  opportunity add "Acme Corp - CRM rollout" --account "Acme Corp"
                  /open Acme Corp - CRM rollout
                Or type /demo to load the manual's worked example. /help lists everything.
                """)
        } else {
            showRecent(recent)
            console.say("Type /open NAME to interview (Tab completes), /help for more.")
        }
    }

    func handle(_ rawLine: String, source: LineSource) throws -> Outcome {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return .stay }
        do {
            // `/open NAME` takes the rest of the line as the name, as typed: Tab completes
            // "O'Brien & Söhne - Pilot", whose apostrophe is no quote to close.
            if line.hasPrefix("/open ") || line.hasPrefix("/open\t") {
                try open(String(line.dropFirst(6)), source: source)
                return .stay
            }
            var words = try ShellWords.split(line)
            // A line pasted from the README, or from our own hint `qualify interview "…"`.
            if words[0] == "qualify" {
                words.removeFirst()
                guard !words.isEmpty else { throw CommandFailure("you are in the assistant already; type a command without the word qualify, or /help.") }
            }
            switch words[0] {
            case "/quit", "/exit":
                return .quit
            case "/help":
                showHelp()
            case "/list":
                showRecent(try database.recentOpportunities(limit: Self.welcomeCount))
            case "/demo":
                let (opportunity, _) = try database.loadWorkedExample(options.promptLibrary.workedExample(), capturedBy: try Environment.rep())
                try interview(opportunity, source: source, resumesScript: false)
            case "/open":
                guard words.count > 1 else { throw CommandFailure("name the opportunity: /open NAME") }
                // `qualify /open "NAME"`, pasted.
                try open(words[1], source: source)
            case "interview":
                // Parsed by the command's own type, so `interview --resume "NAME"` and a mistyped
                // option mean here what they mean on the command line. A piped `--resume` files
                // its lines from the first unanswered question, as the command does.
                guard let command = try reportingUsage(words, { try Qualify.Interview.parse(Array(words.dropFirst())) }) else { break }
                try interview(try database.opportunity(named: command.name), source: source, resumesScript: command.resume)
            default:
                try runCommandLine(words)
            }
        } catch let error as UserFacingError {
            // A script stops at its first failing line (reported once, by main); a rep reads it and goes on.
            if !interactive { throw error }
            console.error(error.description)
        }
        return .stay
    }

    private func interview(_ opportunity: Opportunity, source: LineSource, resumesScript: Bool) throws {
        try InterviewSession(database: database, opportunity: opportunity, options: options,
                             console: console, interactive: interactive, resumesScript: resumesScript)
            .run(source: source)
    }

    /// `account add X` and friends, parsed by the same ArgumentParser types
    /// as the command line, against the database this session has open.
    private func runCommandLine(_ words: [String]) throws {
        let commandNames = Qualify.configuration.subcommands.map { $0._commandName } + ["help"]
        guard commandNames.contains(words[0]) else {
            throw CommandFailure("unknown command \(words[0]); /help lists the commands, and an answer belongs in an interview (/open NAME).")
        }
        var arguments = words
        // `help X` and `X --help` take no --database.
        let wantsHelp = words[0] == "help" || words.contains("--help") || words.contains("-h")
        if !wantsHelp, !arguments.contains("--database") { arguments += ["--database", database.path] }
        // Each line is a command of its own: config.yaml is read afresh for it.
        Environment.forgetSettings()
        try reportingUsage(words) {
            var command = try Qualify.parseAsRoot(arguments)
            if command is Qualify.Repl { throw CommandFailure("you are in the assistant already.") }
            try command.run()
        }
    }

    /// Runs `body` for the command line `words`: a usage error names the command whose
    /// help shows how to write it, and help asked for is shown (then the result is nil).
    @discardableResult
    private func reportingUsage<Result>(_ words: [String], _ body: () throws -> Result) throws -> Result? {
        do {
            return try body()
        } catch let error as UserFacingError {
            throw error
        } catch {
            let message = Qualify.message(for: error)
            guard Qualify.exitCode(for: error) != .success else {
                if !message.isEmpty { console.say(message) }  // help text
                return nil
            }
            throw CommandFailure("\(message); help \(Self.commandPath(words)) shows how to write it.")
        }
    }

    /// "opportunity add" of `opportunity add Foo --x`: the words that name the command.
    private static func commandPath(_ words: [String]) -> String {
        guard let command = Qualify.configuration.subcommands.first(where: { $0._commandName == words[0] }) else { return words[0] }
        guard words.count > 1, command.configuration.subcommands.contains(where: { $0._commandName == words[1] }) else { return words[0] }
        return "\(words[0]) \(words[1])"
    }

    /// The deals worked on last, and how many more there are: a merged
    /// pipeline of 100,000 is counted, not printed.
    private func showRecent(_ recent: (overviews: [OpportunityOverview], total: Int)) {
        for line in OpportunityTable.lines(recent.overviews, console: console) { console.say(line) }
        let more = recent.total - recent.overviews.count
        if more > 0 {
            console.say(console.dim("… and \(counted(more, "more opportunity", plural: "more opportunities")); opportunity list --stage, --owner, --sort shows them."))
        }
    }

    /// Every command that works here: the slash commands, then each of
    /// qualify's commands, listed from the parser so none is forgotten.
    private func showHelp() {
        console.say("""
            /open NAME          interview the buyer for an opportunity (resumes where it stopped)
            /list               the opportunities worked on last
            /demo               load the manual's worked example and open it
            /help               this list
            /quit, Ctrl-D       leave (everything is already saved)
            Every qualify command works here, with or without the word qualify; help COMMAND explains one:
            """)
        for command in Qualify.configuration.subcommands where command != Qualify.Repl.self {
            console.prose("  " + command._commandName.padded(to: 18) + command.configuration.abstract,
                          indent: String(repeating: " ", count: 20))
        }
        console.prose("In an interview, /help lists its commands; /set FIELD VALUE and /opportunity keep the record current.")
    }
}

extension ReplSession {
    /// `/open NAME`: the rest of the line is the name, quotes around it or not (`/open Acme Corp - CRM`
    /// needs none); `NAME --resume`, as a refused script is told to run again.
    func open(_ rest: String, source: LineSource) throws {
        var name = rest.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw CommandFailure("name the opportunity: /open NAME") }
        let resumes = name.hasSuffix(" --resume")
        if resumes { name = String(name.dropLast(" --resume".count)).trimmingCharacters(in: .whitespaces) }
        try interview(try database.opportunity(named: ShellWords.unquoted(name)), source: source, resumesScript: resumes)
    }
}

/// Splits a typed command line into words, honouring "double" and 'single' quotes.
enum ShellWords {
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw CommandFailure("a quote is not closed in: \(line)") }
        if inWord { words.append(current) }
        return words
    }

    static func unquoted(_ text: String) -> String {
        for mark in ["\"", "'"] where text.count >= 2 && text.hasPrefix(mark) && text.hasSuffix(mark) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
