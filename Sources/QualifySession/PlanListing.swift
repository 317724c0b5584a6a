import QualifyKit
import QualifyStore

/// The plan as `plan list` and `/plan` show it, in the interview script's words (`messages:`).
public struct PlanListing {
    let console: Console
    let messages: InterviewScript.Messages

    public init(console: Console, messages: InterviewScript.Messages) {
        self.console = console
        self.messages = messages
    }

    public func show(_ records: [PlanStepRecord], of opportunity: Opportunity) {
        let named = ["opportunity": opportunity.name]
        guard !records.isEmpty else {
            console.say(messages.planEmpty.filled(named))
            return
        }
        console.say(console.bold(messages.planTitle.filled(named)))
        let rows = records.enumerated().map { index, record in
            let step = record.step(number: index + 1)
            return ["\(step.number).", step.what, step.owner.description, step.due?.description ?? messages.planNoDue,
                    [step.isDecision ? messages.planDecision : nil, step.isDone ? messages.planDone : nil].compactMap { $0 }.joined(separator: ", ")]
        }
        let header = ["", messages.planStepHeading, messages.planWhoHeading, messages.planDueHeading, ""]
        for line in TextTable.lines(header: header, rows: rows) { console.say(line) }
        if !records.contains(where: \.isDecision) {
            console.say(console.dim(messages.planNoDecision))
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
