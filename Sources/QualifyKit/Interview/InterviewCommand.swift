import Foundation

/// What the rep can type instead of the buyer's words.
public enum InterviewCommand: Equatable, Sendable {
    case help
    case back
    case skip
    case done
    /// Jump to a field; with an item number, replace that item of a list.
    case edit(Field, item: Int?)
    case show
    case letter
    case quit
    /// Change a field of the CRM record mid-call (the buyer names a date or
    /// an amount); an empty value clears the field.
    case set(OpportunityField, value: String)
    /// Show the CRM record around the interview.
    case opportunity
    /// More of the coach's questions for the field being asked.
    case probe
    /// The evaluation plan: show it, add a step, mark one done.
    case plan(PlanRequest)

    /// Every command word, for completion and for the help listing.
    public static let words = ["/help", "/back", "/skip", "/done", "/edit", "/show", "/letter", "/set", "/opportunity", "/probe", "/plan", "/quit"]
}

/// One line the rep typed, classified.
public enum InterviewInput: Equatable, Sendable {
    case answer(String)
    case command(InterviewCommand)
    /// A line that starts with "/" but is no command: the message says what to type.
    case invalid(String)

    /// A line the rep typed as a command (`/edit pain`), not the buyer's
    /// words (`//text` is an answer); for what the line editor remembers.
    public static func isCommandLine(_ line: String) -> Bool {
        line.hasPrefix("/") && !line.hasPrefix("//")
    }

    /// `//text` is the escape for an answer that starts with a slash.
    public init(line: String) {
        guard line.hasPrefix("/") else {
            self = .answer(line)
            return
        }
        if line.hasPrefix("//") {
            self = .answer(String(line.dropFirst()))
            return
        }
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = words[0].lowercased()
        let arguments = Array(words.dropFirst())
        switch (name, arguments.count) {
        case ("/help", 0), ("/?", 0): self = .command(.help)
        case ("/back", 0): self = .command(.back)
        case ("/skip", 0): self = .command(.skip)
        case ("/done", 0): self = .command(.done)
        case ("/show", 0): self = .command(.show)
        case ("/letter", 0): self = .command(.letter)
        case ("/quit", 0), ("/exit", 0): self = .command(.quit)
        case ("/opportunity", 0): self = .command(.opportunity)
        case ("/probe", 0): self = .command(.probe)
        case ("/plan", _): self = PlanRequest.parse(Self.rest(of: line, after: 1))
        case ("/set", 0), ("/set", 1):
            self = Self.setCommand(arguments.first, value: nil)
        case ("/set", _):
            self = Self.setCommand(arguments[0], value: Self.rest(of: line, after: 2))
        case ("/edit", 1), ("/edit", 2):
            guard let field = Field(userInput: arguments[0]) else {
                self = .invalid("No field called \"\(arguments[0])\". Fields: \(Field.names).")
                return
            }
            var item: Int?
            if arguments.count == 2 {
                guard field.isList, let number = Int(arguments[1]), number > 0 else {
                    self = .invalid("/edit \(field.rawValue) takes no item number; type /edit \(field.rawValue).")
                    return
                }
                item = number
            }
            self = .command(.edit(field, item: item))
        case ("/edit", _):
            self = .invalid("Type /edit FIELD (one of \(Field.names)), or /edit reasons 2 for one item.")
        default:
            if InterviewCommand.words.contains(name) {
                self = .invalid("\(name) takes no arguments.")
            } else {
                let closest = NameMatcher.didYouMean(name, among: InterviewCommand.words)
                self = .invalid("Unknown command \(words[0]).\(closest) Type /help for the commands, or //text for an answer that starts with \"/\".")
            }
        }
    }

    /// `/set FIELD VALUE`: the value is the rest of the line as typed, so
    /// "Needs Analysis" needs no quotes; quotes around it are dropped, and
    /// `""` clears the field.
    private static func setCommand(_ name: String?, value: String?) -> InterviewInput {
        let example = "Type /set FIELD VALUE, e.g. /set amount 120000 or /set stage Needs Analysis (/set FIELD \"\" clears it)."
        guard let name else { return .invalid(example) }
        let field: OpportunityField
        do {
            field = try OpportunityField(named: name)
        } catch {
            return .invalid("\(error.description). \(example)")
        }
        guard let value else { return .invalid(example) }
        var text = value
        for mark in ["\"", "'"] where text.count >= 2 && text.hasPrefix(mark) && text.hasSuffix(mark) {
            text = String(text.dropFirst().dropLast())
        }
        return .command(.set(field, value: text))
    }

    /// The line after its first `count` words, inner spacing kept.
    private static func rest(of line: String, after count: Int) -> String {
        var rest = Substring(line)
        for _ in 0..<count {
            rest = rest.drop(while: { $0 == " " }).drop(while: { $0 != " " })
        }
        return rest.trimmingSurroundingSpaces
    }
}
