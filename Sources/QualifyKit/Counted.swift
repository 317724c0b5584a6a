/// Counts in messages that read as English: "1 account", "2 opportunities".
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    if count == 1 { return "1 \(singular)" }
    if let plural { return "\(count) \(plural)" }
    if singular.hasSuffix("y"), let before = singular.dropLast().last, !"aeiou".contains(before) {
        return "\(count) \(singular.dropLast())ies"
    }
    return "\(count) \(singular)s"
}

/// A noun with its article, for messages built from a kind: "an account", "a contact".
public func withArticle(_ noun: String) -> String {
    // "a user", "a uuid", "a one-off": a vowel letter that is not a vowel sound.
    let vowelSound = noun.first.map { "aeiouAEIOU".contains($0) } == true
        && !["us", "uu", "uni", "one"].contains { noun.lowercased().hasPrefix($0) }
    return (vowelSound ? "an " : "a ") + noun
}
