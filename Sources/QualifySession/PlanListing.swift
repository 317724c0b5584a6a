import QualifyKit
import QualifyStore

/// The plan as `plan list` and `/plan` show it.
public struct PlanListing {
    let console: Console

    public init(console: Console) {
        self.console = console
    }

    public func show(_ records: [PlanStepRecord], of opportunity: Opportunity) {
        guard !records.isEmpty else {
            console.say("No evaluation plan for \"\(opportunity.name)\" yet. Add a step with: qualify plan add \"\(opportunity.name)\" \"STEP\" --who buyer|us|PERSON --due DATE [--decision]")
            return
        }
        console.say(console.bold("Evaluation plan: \(opportunity.name)"))
        let rows = records.enumerated().map { index, record in
            let step = record.step(number: index + 1)
            return ["\(step.number).", step.what, step.owner.description, step.due.description,
                    [step.isDecision ? "go/no-go" : nil, step.isDone ? "done" : nil].compactMap { $0 }.joined(separator: ", ")]
        }
        for line in TextTable.lines(header: ["", "Step", "Who", "Due", ""], rows: rows) { console.say(line) }
        if !records.contains(where: \.isDecision) {
            console.say(console.dim("The plan has no go/no-go step yet: add one with --decision."))
        }
    }
}

/// What the rep types for a step, checked the way the record's fields are.
public enum PlanInput {
    public static func owner(_ raw: String) throws -> PlanOwner {
        do throws(FieldError) { return try PlanOwner(raw) } catch { throw CommandFailure(error.description + ".") }
    }

    public static func due(_ raw: String, console: Console) throws -> CalendarDay {
        do throws(FieldError) {
            let parsed = try DueDateParser.parse(raw, today: .today())
            if let warning = parsed.warning { console.note(warning) }
            return parsed.day
        } catch {
            throw CommandFailure(error.description + ".")
        }
    }
}
