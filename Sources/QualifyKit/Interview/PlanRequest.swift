/// `/plan` during a call: the power sponsor names a step and a date, and it
/// goes into the evaluation plan without leaving the interview.
public enum PlanRequest: Equatable, Sendable {
    /// `/plan`: show the plan.
    case show
    /// `/plan STEP --who buyer|us|PERSON --due DATE [--decision]`.
    case add(what: String, who: String, due: String, decision: Bool)
    /// `/plan done N`.
    case done(Int)

    static let example = "Type /plan to see the plan, /plan STEP --who buyer|us|PERSON --due DATE [--decision] to add a step, or /plan done N."

    /// The words after `/plan`; the step's words need no quotes.
    static func parse(_ rest: String) -> InterviewInput {
        let words = rest.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.isEmpty { return .command(.plan(.show)) }
        if words[0].lowercased() == "done" {
            guard words.count == 2, let number = Int(words[1]), number > 0 else { return .invalid(example) }
            return .command(.plan(.done(number)))
        }
        var what: [String] = [], who: String?, due: String?, decision = false
        var index = 0
        while index < words.count {
            switch words[index] {
            case "--who", "--due":
                // --who takes the words up to the next option: a person's full name.
                let value = words[(index + 1)...].prefix { !$0.hasPrefix("--") }
                guard !value.isEmpty else { return .invalid(example) }
                if words[index] == "--who" { who = value.joined(separator: " ") } else { due = value.joined(separator: " ") }
                index += 1 + value.count
            case "--decision":
                decision = true
                index += 1
            default:
                what.append(words[index])
                index += 1
            }
        }
        guard !what.isEmpty, let who, let due else { return .invalid(example) }
        var step = what.joined(separator: " ")
        if step.count >= 2, step.hasPrefix("\""), step.hasSuffix("\"") { step = String(step.dropFirst().dropLast()) }
        return .command(.plan(.add(what: step, who: Self.unquoted(who), due: due, decision: decision)))
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }
}
