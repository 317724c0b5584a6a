import Foundation

/// Deterministic checks on an answer that was just stored. The coach never
/// changes the text: it tells the rep what the method expects, so the next
/// question can get closer to the buyer's own words.
public enum Coach {
    /// Words that open a paraphrase: the rep reporting the buyer instead of quoting.
    static let reportingOpeners: Set<String> = [
        "he", "she", "they", "customer", "buyer", "client", "prospect", "sponsor", "the",
    ]
    static let reportingVerbs = [" said ", " says ", " mentioned ", " told me ", " thinks ", " feels "]
    static let reportedSubjects: Set<String> = ["customer", "buyer", "client", "prospect", "sponsor"]
    /// Pain is personal: the sponsor speaking about what they cannot deliver.
    static let firstPerson: Set<String> = ["i", "i'm", "i’m", "i've", "i’ve", "i'll", "i’ll", "i'd", "i’d", "me", "my", "mine", "myself"]

    public static func advice(on text: String, for field: Field, captured: CapturedAnswers,
                              script: InterviewScript.CoachScript) -> [String] {
        var advice: [String] = []
        let words = words(of: text)
        if looksReported(words: words, text: text) {
            advice.append(script.paraphrase)
        }
        if field == .pain, !words.contains(where: firstPerson.contains) {
            advice.append(script.problemAsPain)
        }
        if field == .capabilities, captured[.capabilities].count > InterviewMachine.capabilityTarget {
            advice.append(script.manyCapabilities)
        }
        return advice
    }

    static func words(of text: String) -> [String] {
        text.lowercased()
            .components(separatedBy: CharacterSet.letters.union(CharacterSet(charactersIn: "'’")).inverted)
            .filter { !$0.isEmpty }
    }

    private static func looksReported(words: [String], text: String) -> Bool {
        guard let first = words.first else { return false }
        if first == "the" {
            return words.count > 1 && reportedSubjects.contains(words[1])
        }
        if reportingOpeners.contains(first) { return true }
        let padded = " " + text.lowercased() + " "
        return reportingVerbs.contains { padded.contains($0) }
    }
}
