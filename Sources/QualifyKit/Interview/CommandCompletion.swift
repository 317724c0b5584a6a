/// What Tab offers at the interview prompt. Pure: the names of stored
/// accounts, stages and contacts come from the caller, read at each Tab, so
/// a contact added a moment ago completes too.
///
/// The line editor replaces the word before the cursor with a candidate, so
/// a candidate for a name of several words ("Needs Analysis") is returned
/// from the start of the word being typed: "/set stage Needs An" offers
/// "Analysis".
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

    /// The names that start with `typed` (any case), each cut to begin where
    /// the last word of `typed` begins.
    public static func phrase(_ typed: String, among names: [String]) -> [String] {
        let lastWordStart = typed.lastIndex(where: { $0 == " " }).map { typed.index(after: $0) } ?? typed.startIndex
        let settled = typed[..<lastWordStart].count
        let lowered = typed.lowercased()
        return names
            .filter { $0.lowercased().hasPrefix(lowered) }
            .map { String($0.dropFirst(settled)) }
    }
}
