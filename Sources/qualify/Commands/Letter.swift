import ArgumentParser
import Foundation
import QualifyKit
import QualifySession
import QualifyStore

extension Qualify {
    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letter",
            abstract: "Draft, edit, check and track the letters the buyer receives.",
            discussion: """
                `qualify letter NAME` prints the current letter. The sponsor letter restates pain, reasons, \
                impacts and capabilities and asks for access to the power sponsor; the power-sponsor letter adds \
                the evaluation plan (qualify plan). Without --to, the letter goes to the power sponsor once known, \
                else to the sponsor.
                """,
            subcommands: [Draft.self, Edit.self, List.self, Mark.self, Check.self],
            defaultSubcommand: Draft.self)

        struct Draft: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "draft",
                abstract: "Print the current letter: your latest edit, else drafted from the buyer's stored words.",
                discussion: """
                    --format eml writes a whole e-mail (the plan attached as a calendar) from config.yaml's \
                    sender: to the contact's address. Every version is stored; qualify letter list shows them.
                    """)
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor (the types in letters/letters.yaml).", valueName: "type"))
            var to: String?
            @Option(help: "text, markdown, html or eml.") var format: LetterFormat = .text
            @Flag(help: "HTML and Markdown: show beside each quote the field, who captured it and when.") var sources = false
            @Flag(help: "Draft anew from the stored words, even after an edit.") var redraft = false
            @Option(name: [.short, .long], help: "The file to write (default: standard output).") var output: String?
            @Flag(help: "Replace the --output file if it exists.") var force = false

            func run() throws {
                let desk = try LetterDesk(options: options, name: name)
                let current = try desk.drafting.current(for: desk.opportunity, type: to, redraft: redraft)
                if current.origin == .edited {
                    options.console().note("this is the version you edited on \(UTCTime.string(current.draftedAt, "yyyy-MM-dd HH:mm 'UTC'")); --redraft drafts it anew from the stored words.")
                }
                let letter = try desk.drafting.render(for: desk.opportunity, type: current.type, format: format, showsSources: sources)
                // HTML too: Mustache escapes markup, not a stored ESC, which a browser's view-source or a terminal would act on.
                try DocumentOutput.write(letter, options: options, path: output, force: force, forPeople: format != .eml)
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit",
                abstract: "Edit the current letter in $VISUAL or $EDITOR; the saved text is a new version.",
                discussion: "Quotes are checked when you save: a changed or unknown quote is named, and the exit status is 1.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor.", valueName: "type")) var to: String?

            func run() throws {
                let desk = try LetterDesk(options: options, name: name)
                let current = try desk.drafting.current(for: desk.opportunity, type: to)
                guard let edited = try LetterEditor.edit(current.body) else {
                    options.console().say("No change: the current letter stays as it was.")
                    return
                }
                let (version, verdicts) = try desk.drafting.save(edited, type: current.type, origin: .edited, opportunity: desk.opportunity)
                let number = try desk.database.letters(opportunityId: desk.opportunity.id!).count
                options.console().say("Saved version \(number) of the \(version.type) letter, edited by \(version.draftedBy).")
                try desk.report(verdicts, quiet: true)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored versions of an opportunity's letters, with who, when and what happened.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String

            func run() throws {
                let desk = try LetterDesk(options: options, name: name)
                let versions = try desk.database.letterVersions(opportunityId: desk.opportunity.id!)
                let console = options.console()
                guard !versions.isEmpty else {
                    console.say("No letter for \"\(desk.opportunity.name)\" yet. Draft one with: qualify letter \"\(desk.opportunity.name)\"")
                    return
                }
                let minute = { (date: Date) in UTCTime.string(date, "yyyy-MM-dd HH:mm 'UTC'") }
                let rows = versions.map { version in
                    let status = [version.sent.map { "sent \(minute($0.markedAt)) by \($0.markedBy)" },
                                  version.confirmed.map { "confirmed \(minute($0.markedAt)) by \($0.markedBy)" }]
                        .compactMap { $0 }.joined(separator: "; ")
                    return ["\(version.number)", version.draft.type, version.draft.origin.rawValue, version.draft.draftedBy,
                            minute(version.draft.draftedAt), "\(version.tracedQuotes)", status.isEmpty ? "draft" : status]
                }
                for line in TextTable.lines(header: ["#", "Letter", "Origin", "By", "When", "Quotes", "Status"], rows: rows) {
                    console.say(line)
                }
            }
        }

        struct Mark: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "mark", abstract: "Record that the current letter was sent, or confirmed by the buyer.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String
            @Argument(help: "sent or confirmed.") var status: LetterMark.Status
            @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor (default: the one qualify letter NAME shows).", valueName: "type")) var to: String?

            func run() throws {
                let desk = try LetterDesk(options: options, name: name)
                // The letter `qualify letter NAME` shows, not the newest of any type: a sponsor letter
                // drafted for a look after the power sponsor's is not the one the rep just sent.
                let type = try desk.drafting.letterType(to, for: desk.opportunity)
                guard let latest = try desk.drafting.shownLetter(for: desk.opportunity, type: type) else {
                    throw CommandFailure("\"\(desk.opportunity.name)\" has no \(type) letter yet; draft it first with qualify letter \"\(desk.opportunity.name)\"\(to.map { " --to \($0)" } ?? "").")
                }
                let number = try desk.versionNumber(of: latest)
                // A letter that still says [GAP: …] (no addressee, a field not captured) was a preview, not what a buyer got.
                if status == .sent, let gap = latest.gapLine {
                    throw CommandFailure("version \(number) of the \(latest.type) letter still has a gap on line \(gap); fill it with the command the gap names, draft the letter again (qualify letter \"\(desk.opportunity.name)\" --to \(latest.type)), then mark it sent.")
                }
                try desk.database.markLetter(latest.id!, status, by: try Environment.rep())
                options.console().say("Marked version \(number) of the \(latest.type) letter \(status.rawValue).")
                // Sent is a fact and is recorded; a quote that is not the buyer's words went out with it, and the rep hears so now.
                guard status == .sent else { return }
                let unverified = try desk.drafting.check(latest.body, opportunity: desk.opportunity, type: latest.type).filter {
                    if case .unknown = $0 { return true } else { return false }
                }
                if case .unknown(let passage, _)? = unverified.first {
                    options.console(forTerminal: 2).note("""
                        version \(number) quotes \(counted(unverified.count, "passage")) that \(unverified.count == 1 ? "is" : "are") not the buyer's stored words \
                        (line \(passage.line): \(LetterDesk.shown(passage.text))); qualify letter check "\(desk.opportunity.name)" names each.
                        """)
                }
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "check",
                abstract: "Verify every quote of a letter against the buyer's stored words, byte for byte.",
                discussion: """
                    Checks the current stored letter, or --file FILE (text, Markdown, or an .eml's text part, \
                    e.g. edited in a mail program). Without NAME, the opportunity is the one the file's Subject line names. An altered \
                    or unknown quote is named with its line and the closest stored statement; the exit status is then 1.
                    """)
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The opportunity's name.") var name: String?
            @Option(help: ArgumentHelp("Which letter: sponsor or power-sponsor (default: the one qualify letter NAME shows).", valueName: "type")) var to: String?
            @Option(help: "A letter file to check instead of the stored one.") var file: String?

            func validate() throws {
                if name == nil, file == nil { throw ValidationError("name the opportunity: qualify letter check NAME, or give --file FILE.") }
            }

            func run() throws {
                if let file {
                    let (text, subject) = try LetterFile.read(file)
                    let database = try options.openDatabase()
                    guard let opportunityName = try name ?? database.opportunityNamed(inSubjectOf: subject.map { "Subject: \($0)" } ?? text) else {
                        throw CommandFailure("\(file) has no Subject line naming a stored opportunity; name it: qualify letter check NAME --file \(file).")
                    }
                    let desk = try LetterDesk(options: options, name: opportunityName)
                    let type = try desk.drafting.letterType(to, for: desk.opportunity)
                    let markdown = file.hasSuffix(".md") || file.hasSuffix(".markdown")
                    try desk.report(desk.drafting.check(text, opportunity: desk.opportunity, type: type, markdown: markdown), quiet: false)
                    return
                }
                let desk = try LetterDesk(options: options, name: name!)
                let type = try desk.drafting.letterType(to, for: desk.opportunity)
                guard let latest = try desk.drafting.shownLetter(for: desk.opportunity, type: type) else {
                    throw CommandFailure("\"\(desk.opportunity.name)\" has no stored \(type) letter yet; draft it with qualify letter \"\(desk.opportunity.name)\"\(to.map { " --to \($0)" } ?? "").")
                }
                options.console().say("Checking version \(try desk.versionNumber(of: latest)) of the \(latest.type) letter.")
                try desk.report(desk.drafting.check(latest.body, opportunity: desk.opportunity, type: latest.type), quiet: false)
            }
        }
    }
}

extension LetterFormat: ExpressibleByArgument {}
extension LetterMark.Status: ExpressibleByArgument {}

/// What every letter command needs: the database, the opportunity, the drafting.
struct LetterDesk {
    let options: GlobalOptions
    let database: QualifyDatabase
    let opportunity: Opportunity
    let drafting: LetterDrafting

    init(options: GlobalOptions, name: String) throws {
        self.options = options
        database = try options.openDatabase()
        opportunity = try database.opportunity(named: name)
        drafting = LetterDrafting(database: database, prompts: options.promptLibrary,
                                  sender: try Environment.sender(), rep: try Environment.rep())
    }

    /// The number `letter list` gives a stored version.
    func versionNumber(of letter: LetterDraft) throws -> Int {
        try database.letters(opportunityId: opportunity.id!).firstIndex { $0.id == letter.id }.map { $0 + 1 } ?? 0
    }

    /// Each quote's verdict; a quote that is not the buyer's stored words fails the command.
    func report(_ verdicts: [LetterCheck.Verdict], quiet: Bool) throws {
        let console = options.console()
        var failures = 0
        for verdict in verdicts {
            switch verdict {
            case .matches(let passage, let words):
                let since = words.isSuperseded ? "; the buyer's words were changed since: qualify letter --redraft quotes the new version" : ""
                if !quiet || words.isSuperseded { console.say("line \(passage.line): \(words.source.summary)\(since)") }
            case .unknown(let passage, let closest):
                failures += 1
                let nearest = closest.map { "closest stored statement: \($0.source.summary): \(Self.shown($0.text))" } ?? "no statements are stored for it"
                // A quote pasted from another deal's letter: say whose words they are.
                let elsewhere = try database.opportunityNames(quoting: passage.text).filter { $0 != opportunity.name }
                let whose = elsewhere.isEmpty ? "" : "; it is what a buyer said in " + elsewhere.map { "\"\($0)\"" }.joined(separator: ", ")
                console.error("line \(passage.line): \(Self.shown(passage.text)) is not what the buyer said in \"\(opportunity.name)\"\(whose); \(nearest)")
            }
        }
        if failures > 0 {
            throw CommandFailure("\(failures) of \(verdicts.count) quotes are not the buyer's stored words; put back their exact words, or draft anew with qualify letter \"\(opportunity.name)\" --redraft.")
        }
        if !quiet {
            console.say(verdicts.isEmpty ? "No quoted passages found." : "All \(verdicts.count) quotes are the buyer's stored words, byte for byte.")
        }
    }

    /// A quote on one line of an error message.
    static func shown(_ text: String) -> String {
        "«" + text.replacingOccurrences(of: "\n", with: "⏎") + "»"
    }
}

/// A letter file as a rep saved it: UTF-8 text.
enum LetterFile {
    /// The text to check and, for an e-mail, its decoded Subject header.
    static func read(_ path: String) throws -> (text: String, subject: String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path); check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(path) is not UTF-8 text; save it as UTF-8.")
        }
        // An e-mail is checked by its plain-text part, as the buyer reads it.
        guard path.lowercased().hasSuffix(".eml") else { return (text, nil) }
        guard let body = MailText.plainText(of: text) else {
            throw CommandFailure("\(path) has no UTF-8 plain-text part to check; save the letter as text and check that.")
        }
        return (body, MailText.subject(of: text))
    }
}

/// A letter or calendar to standard output or, atomically, to a file.
enum DocumentOutput {
    /// `forPeople`: text read as it is (plain text, Markdown, HTML), where control characters are shown visibly.
    static func write(_ document: String, options: GlobalOptions, path: String?, force: Bool, forPeople: Bool) throws {
        let destination = try ReportDestination(options: options, path: path, force: force, screen: false, forPeople: forPeople)
        try destination.write {
            try destination.sink.write(document.hasSuffix("\n") ? document : document + "\n")
        }
        if let path, path != "-" { options.console().note("wrote \(path)") }
    }
}
