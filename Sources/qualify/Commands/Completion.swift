import QualifyKit
import QualifyStore

/// Tab completion: commands, field names, and the stored names a field
/// must be chosen from (accounts, stages, contacts), read at each Tab.
enum Completion {
    static func interview(database: QualifyDatabase, opportunityId: Int64) -> @Sendable (String) -> [String] {
        { line in
            CommandCompletion.interview(line) { field in
                (try? storedValues(of: field, database: database, opportunityId: opportunityId)) ?? []
            }
        }
    }

    private static func storedValues(of field: OpportunityField, database: QualifyDatabase, opportunityId: Int64) throws -> [String] {
        switch field {
        case .account:
            return try database.accounts().map(\.name)
        case .stage:
            return try database.stages().map(\.name)
        case .sponsor, .powerSponsor:
            // Only the contacts of the opportunity's own account can sponsor it.
            let account = try database.accountName(of: database.opportunity(id: opportunityId))
            return try database.contacts(account: account).map(\.contact.name)
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
            let opportunities = { (try? database.opportunityOverviews().map(\.opportunity.name)) ?? [] }
            if words[0] == "/open" {
                // /open takes the rest of the line: no quotes needed.
                return CommandCompletion.phrase(words.dropFirst().joined(separator: " "), among: opportunities())
            }
            let names: [String]
            switch (words[0], words[words.count - 2]) {
            case (_, "--account"), ("account", "show"): names = (try? database.accounts().map(\.name)) ?? []
            case (_, "--stage"), (_, "--reassign"): names = (try? database.stages().map(\.name)) ?? []
            case (_, "--sponsor"), (_, "--power-sponsor"): names = (try? database.contacts().map(\.contact.name)) ?? []
            case ("interview", _) where words.count == 2, ("letter", _) where words.count == 2,
                 ("opportunity", "show"), ("opportunity", "set"), ("opportunity", "remove"):
                names = opportunities()
            default:
                return []
            }
            return commandLineWord(words[words.count - 1], among: names)
        }
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
