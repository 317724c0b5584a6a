/// What Tab offers at the interview prompt. Pure: the names of stored
/// accounts, stages and contacts come from the caller, read at each Tab, so
/// a contact added a moment ago completes too.
///
/// Candidates are whole: "/set stage Needs An" offers "Needs Analysis", and
/// the line editor replaces as much of the typed text as the candidate
/// begins with, so the list Tab shows reads as names, not as their ends.
public enum CommandCompletion {
    /// The stored values of a record field that start with the typed text
    /// (any case), or [] for free text. The caller asks its index with the
    /// prefix, so a pipeline of 100,000 accounts is never loaded for a Tab.
    public typealias Values = (OpportunityField, _ typed: String) -> [String]

    public static func interview(_ line: String, values: Values) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let command = words[0].lowercased()
        switch words.count {
        case 1:
            return InterviewCommand.words.filter { $0.hasPrefix(command) }
        case 2 where command == "/edit":
            return Field.allCases.map(\.rawValue).filter { $0.hasPrefix(words[1].lowercased()) }
        case 2 where command == "/set":
            return OpportunityField.allCases.map(\.rawValue).filter { $0.hasPrefix(words[1].lowercased()) }
        case 3... where command == "/set":
            guard let field = try? OpportunityField(named: words[1]) else { return [] }
            let typed = words.dropFirst(2).joined(separator: " ")
            return phrase(typed, among: values(field, typed))
        default:
            return []
        }
    }

    /// The names that start with `typed` (any case), whole.
    public static func phrase(_ typed: String, among names: [String]) -> [String] {
        let lowered = typed.lowercased()
        return names.filter { $0.lowercased().hasPrefix(lowered) }
    }
}
