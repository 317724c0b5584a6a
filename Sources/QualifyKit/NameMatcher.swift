/// Finds stored names close to one the user typed, so "unknown account"
/// errors can say what they probably meant.
public enum NameMatcher {
    /// ` Did you mean "Acme Corp", "Acme Inc"?` with the closest names, or
    /// nothing when none is close: the one way every "not found" suggests.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String {
        let closest = closest(to: name, in: candidates)
        return closest.isEmpty ? "" : " Did you mean " + closest.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
    }

    public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let wanted = name.lowercased()
        let scored = candidates.map { candidate -> (String, Int) in
            let lowered = candidate.lowercased()
            let contains = lowered.contains(wanted) || wanted.contains(lowered)
            return (candidate, contains ? 0 : distance(Array(wanted), Array(lowered)))
        }
        let threshold = max(2, wanted.count / 2)
        return scored
            .filter { $0.1 <= threshold }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
