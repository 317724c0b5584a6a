import QualifyKit
import QualifyStore

/// Tab completion: commands, field names, and the stored names a field
/// must be chosen from (accounts, stages, contacts), read at each Tab
/// through the names' indexes from what was typed, so a pipeline of
/// 100,000 deals completes as fast as an empty one.
enum Completion {
    static func interview(database: QualifyDatabase, opportunityId: Int64) -> @Sendable (String) -> [String] {
        { line in
            CommandCompletion.interview(line) { field, typed in
                (try? storedValues(of: field, startingWith: typed, database: database, opportunityId: opportunityId)) ?? []
            }
        }
    }

    private static func storedValues(of field: OpportunityField, startingWith typed: String,
                                     database: QualifyDatabase, opportunityId: Int64) throws -> [String] {
        switch field {
        case .account:
            return try database.names(.accounts, startingWith: typed).candidates
        case .stage:
            return try database.stages().map(\.name)
        case .sponsor, .powerSponsor:
            // Only the contacts of the opportunity's own account can sponsor it.
            let accountId = try database.opportunity(id: opportunityId).accountId
            return try database.names(.contacts(accountId: accountId), startingWith: typed).candidates
        default:
            return []
        }
    }

    /// The home prompt: its commands, opportunity names after /open,
    /// `interview` and `letter`, and stored names after the options that
    /// must name one (`opportunity add X --account <Tab>`).
    static func home(database: QualifyDatabase) -> @Sendable (String) -> [String] {
        { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.count == 1 {
                return Qualify.Repl.commands.filter { $0.hasPrefix(words[0]) }
            }
            if words[0] == "/open" {
                // /open takes the rest of the line: no quotes needed.
                let typed = words.dropFirst().joined(separator: " ")
                return CommandCompletion.phrase(typed, among: names(.opportunities, typed, database))
            }
            let (before, typed) = lastArgument(line)
            guard let command = before.first, let option = before.last else { return [] }
            let kind: CompletedNames
            switch (command, option) {
            case (_, "--account"), ("account", "show"): kind = .accounts
            case (_, "--stage"), (_, "--reassign"):
                return commandLineWord(typed, among: (try? database.stages().map(\.name)) ?? [])
            case (_, "--sponsor"), (_, "--power-sponsor"): kind = .contacts(accountId: nil)
            case ("interview", _) where before.count == 1, ("letter", _) where before.count == 1,
                 ("opportunity", "show"), ("opportunity", "set"), ("opportunity", "remove"):
                kind = .opportunities
            // letter edit|list|mark|check NAME, plan add|list|set|done|remove|export NAME
            case ("letter", let verb) where before.count == 2 && Qualify.Letter.configuration.subcommands.contains { $0._commandName == verb },
                 ("plan", let verb) where before.count == 2 && Qualify.Plan.configuration.subcommands.contains { $0._commandName == verb }:
                kind = .opportunities
            default:
                return []
            }
            let unquoted = typed.hasPrefix("\"") ? String(typed.dropFirst()) : typed
            return commandLineWord(typed, among: names(kind, unquoted, database))
        }
    }

    /// The words before the argument being typed, and that argument as typed:
    /// `--account "Acme Co` is (["--account"], "\"Acme Co"), one argument though it has a space.
    static func lastArgument(_ line: String) -> (before: [String], typed: String) {
        var words: [String] = []
        var start = line.startIndex
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == " " {
                if start < index { words.append(ShellWords.unquoted(String(line[start..<index]))) }
                start = line.index(after: index)
            }
        }
        return (words, String(line[start...]))
    }

    private static func names(_ kind: CompletedNames, _ typed: String, _ database: QualifyDatabase) -> [String] {
        (try? database.names(kind, startingWith: typed).candidates) ?? []
    }

    /// A name typed on a command line: one of several words needs quotes,
    /// so `"Acme Co` completes to `"Acme Corp"` and `Acme` to `"Acme Corp"` too.
    private static func commandLineWord(_ typed: String, among names: [String]) -> [String] {
        let unquoted = typed.hasPrefix("\"") ? String(typed.dropFirst()) : typed
        let matches = names.filter { $0.lowercased().hasPrefix(unquoted.lowercased()) }
        // All quoted or none, so the candidates still share the typed prefix.
        let quote = typed.hasPrefix("\"") || matches.contains { $0.contains(" ") }
        return matches.map { quote ? "\"\($0)\"" : $0 }
    }
}
