import QualifyKit
import QualifyStore

/// The record's fields, one per line, as `show`, `set` and the REPL's /opportunity print them.
/// Its words are the interview script's (`messages:`), so a team rewords them in Prompts/.
public struct OpportunityCard {
    let console: Console
    let messages: InterviewScript.Messages

    public init(console: Console, messages: InterviewScript.Messages) {
        self.console = console
        self.messages = messages
    }

    /// The deal's name first, so /opportunity in an interview says which deal it is.
    public func show(_ record: OpportunityRecord) {
        let o = record.opportunity
        console.say(console.bold(o.name) + (o.isDemo ? messages.demoData : ""))
        func contact(_ contact: Contact?) -> String {
            guard let contact else { return "-" }
            return [contact.name, contact.title, contact.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: ", ")
        }
        let stage = record.stage.map { stage in
            stage.closed.map { messages.closedStage.filled(["stage": stage.name, "outcome": $0.rawValue]) } ?? stage.name
        }
        var lines: [(String, String)] = [
            (messages.accountLabel, record.accountName),
            (messages.amountLabel, record.amount?.display ?? "-"),
            (messages.closeDateLabel, o.closeDate?.description ?? "-"),
            (messages.stageLabel, stage ?? "-"),
            (messages.probabilityLabel, o.probability.map { "\($0)%" } ?? "-"),
            (messages.nextMilestoneLabel, o.nextMilestone ?? "-"),
            (messages.ownerLabel, o.owner ?? "-"),
            (messages.leadSourceLabel, o.leadSource ?? "-"),
            (messages.sponsorLabel, contact(record.sponsor)),
            (messages.powerSponsorLabel, contact(record.powerSponsor)),
            (messages.descriptionLabel, o.description ?? "-"),
        ]
        // Where the deal came from, so a rep can find it in the CRM, under the name it has there.
        if let sourceId = o.sourceId { lines.append((messages.crmIdLabel, "\(o.sourceCRM ?? "csv") \(sourceId)")) }
        if let sourceName = o.sourceName { lines.append((messages.nameInCRMLabel, sourceName)) }
        // One column wider than the widest label, so a team's longer words still line up.
        let width = lines.map(\.0.terminalWidth).max()! + 1
        for (label, value) in lines {
            console.say(console.dim(label.padded(to: width)) + value)
        }
    }
}
