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

    static func home(opportunities: [String]) -> @Sendable (String) -> [String] {
        { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.count == 1 {
                return Qualify.Repl.commands.filter { $0.hasPrefix(words[0]) }
            }
            let typed = words.dropFirst().joined(separator: " ")
            switch words[0] {
            case "/open":
                // /open takes the rest of the line: no quotes needed.
                return CommandCompletion.phrase(typed, among: opportunities)
            case "interview", "letter":
                // A command line: a name of several words needs quotes.
                let quoted = opportunities.map { $0.contains(" ") ? "\"\($0)\"" : $0 }
                let opened = typed.hasPrefix("\"") || typed.contains(" ") ? typed : "\"" + typed
                return CommandCompletion.phrase(opened, among: quoted)
                    + (opened == typed ? [] : CommandCompletion.phrase(typed, among: opportunities.filter { !$0.contains(" ") }))
            default:
                return []
            }
        }
    }
}
