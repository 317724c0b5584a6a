/// Counts in messages that read as English: "1 account", "2 opportunities".
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    if count == 1 { return "1 \(singular)" }
    if let plural { return "\(count) \(plural)" }
    if singular.hasSuffix("y"), let before = singular.dropLast().last, !"aeiou".contains(before) {
        return "\(count) \(singular.dropLast())ies"
    }
    return "\(count) \(singular)s"
}
