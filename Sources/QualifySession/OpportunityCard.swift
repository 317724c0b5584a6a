import QualifyStore

/// The record's fields, one per line, as `show`, `set` and the REPL's /opportunity print them.
public struct OpportunityCard {
    let console: Console

    public init(console: Console) { self.console = console }

    /// The deal's name first, so /opportunity in an interview says which deal it is.
    public func show(_ record: OpportunityRecord) {
        let o = record.opportunity
        console.say(console.bold(o.name) + (o.isDemo ? " [demo data]" : ""))
        func contact(_ contact: Contact?) -> String {
            guard let contact else { return "-" }
            return [contact.name, contact.title, contact.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: ", ")
        }
        var lines: [(String, String)] = [
            ("Account", record.accountName),
            ("Amount", record.amount?.display ?? "-"),
            ("Expected close", o.closeDate?.description ?? "-"),
            ("Stage", record.stage.map { $0.name + ($0.closed.map { " (closed \($0.rawValue))" } ?? "") } ?? "-"),
            ("Probability", o.probability.map { "\($0)%" } ?? "-"),
            ("Next milestone", o.nextMilestone ?? "-"),
            ("Owner", o.owner ?? "-"),
            ("Lead source", o.leadSource ?? "-"),
            ("Sponsor", contact(record.sponsor)),
            ("Power sponsor", contact(record.powerSponsor)),
            ("Description", o.description ?? "-"),
        ]
        // Where the deal came from, so a rep can find it in the CRM, under the name it has there.
        if let sourceId = o.sourceId { lines.append(("CRM id", "\(o.sourceCRM ?? "csv") \(sourceId)")) }
        if let sourceName = o.sourceName { lines.append(("Name in CRM", sourceName)) }
        for (label, value) in lines {
            console.say(console.dim(label.padding(toLength: 15, withPad: " ", startingAt: 0)) + value)
        }
    }
}
