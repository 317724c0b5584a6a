import QualifyKit

/// Tab completion: the commands, and after /edit the field names.
enum Completion {
    @Sendable static func interview(_ line: String) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count == 1 {
            return InterviewCommand.words.filter { $0.hasPrefix(words[0]) }
        }
        if words.count == 2, words[0] == "/edit" {
            return Field.allCases.map(\.rawValue).filter { $0.hasPrefix(words[1].lowercased()) }
        }
        return []
    }

    static func home(opportunities: [String]) -> @Sendable (String) -> [String] {
        { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.count == 1 {
                return Qualify.Repl.commands.filter { $0.hasPrefix(words[0]) }
            }
            if ["/open", "interview", "letter"].contains(words[0]) {
                let typed = words.dropFirst().joined(separator: " ").lowercased()
                return opportunities.filter { $0.lowercased().hasPrefix(typed) }.map { quotedIfNeeded($0) }
            }
            return []
        }
    }

    private static func quotedIfNeeded(_ name: String) -> String {
        name.contains(" ") ? "\"\(name)\"" : name
    }
}
