import Foundation
import QualifyKit
import QualifyPrompts
import QualifyStore

/// Renders a letter from what is stored and keeps a copy, so a manager can
/// see which deals have had one.
public struct LetterDrafting {
    let database: QualifyDatabase
    let prompts: PromptLibrary
    let sender: Sender
    let rep: String

    public init(database: QualifyDatabase, prompts: PromptLibrary, sender: Sender, rep: String) {
        self.database = database
        self.prompts = prompts
        self.sender = sender
        self.rep = rep
    }

    /// The power sponsor, once known, is who agrees the evaluation plan; until then the sponsor.
    public func defaultType(for record: OpportunityRecord) -> String {
        record.powerSponsor == nil ? SponsorLetter.Recipient.sponsor.rawValue : SponsorLetter.Recipient.powerSponsor.rawValue
    }

    /// What the template of `type` sees, and who the letter goes to.
    public func facts(for opportunity: Opportunity, type: String,
                      showsSources: Bool = false) throws -> (facts: SponsorLetter.Facts, addressee: Contact?) {
        let record = try database.opportunityRecord(of: opportunity)
        guard let entry = try prompts.letterCatalog().letters[type] else {
            _ = try prompts.letter(type)  // names the known types
            throw CommandFailure("no letter type \(type)")
        }
        let addressee = entry.to == .powerSponsor ? record.powerSponsor : record.sponsor
        var answers: [Field: [String]] = [:]
        var sources: [Field: [QuoteSource]] = [:]
        for statement in try database.currentStatements(opportunityId: opportunity.id!) {
            answers[statement.field, default: []].append(statement.text)
            sources[statement.field, default: []].append(QuoteSource(
                field: statement.field, position: statement.position, statementId: statement.id!,
                capturedBy: statement.capturedBy, capturedAt: Self.minute(statement.capturedAt)))
        }
        let plan = try database.planSteps(opportunityId: opportunity.id!).enumerated().map { $1.step(number: $0 + 1) }
        let facts = SponsorLetter.Facts(
            accountName: record.accountName, opportunityName: opportunity.name, recipientName: addressee?.name,
            recipient: entry.to, sender: sender, answers: CapturedAnswers(answers), sources: sources, plan: plan,
            isDemo: opportunity.isDemo, showsSources: showsSources)
        return (facts, addressee)
    }

    /// The plain-text letter, stored when it differs from the last one drafted.
    public func draft(for opportunity: Opportunity, type: String? = nil) throws -> String {
        let chosen = try type ?? defaultType(for: database.opportunityRecord(of: opportunity))
        let body = try prompts.letter(chosen).render(facts(for: opportunity, type: chosen).facts)
        if try database.letters(opportunityId: opportunity.id!).last?.body != body {
            try database.saveLetter(body, opportunityId: opportunity.id!, draftedBy: rep)
        }
        return body
    }

    /// The letter in `format`. The plain-text draft is stored whatever the
    /// format, so what was sent can be traced to a stored version.
    public func render(for opportunity: Opportunity, type: String? = nil, format: LetterFormat,
                       showsSources: Bool = false, now: Date = Date()) throws -> String {
        let chosen = try type ?? defaultType(for: database.opportunityRecord(of: opportunity))
        let text = try draft(for: opportunity, type: chosen)
        switch format {
        case .text:
            return text
        case .markdown:
            return try prompts.letter(chosen, family: .markdown).render(facts(for: opportunity, type: chosen, showsSources: showsSources).facts)
        case .html:
            return try prompts.letter(chosen, family: .html).render(facts(for: opportunity, type: chosen, showsSources: showsSources).facts)
        case .eml:
            return try mail(for: opportunity, type: chosen, now: now).rendered
        }
    }

    /// The letter as an e-mail from the sender to its addressee; the
    /// power-sponsor letter carries the plan as a calendar attachment.
    public func mail(for opportunity: Opportunity, type: String, now: Date = Date()) throws -> MailMessage {
        let (facts, addressee) = try facts(for: opportunity, type: type)
        let role = facts.recipient.rawValue
        guard let addressee else {
            throw CommandFailure("the \(type) letter has no addressee yet, so it cannot be an e-mail: set one with qualify opportunity set \"\(opportunity.name)\" \(role) NAME.")
        }
        guard let to = addressee.email else {
            throw CommandFailure("\(addressee.name) has no e-mail address, so the letter cannot be an e-mail: add one with qualify contact set \"\(addressee.name)\" --account \"\(facts.accountName)\" --email ADDRESS.")
        }
        guard let from = sender.email else {
            throw CommandFailure("an e-mail needs your address as its sender: add sender: {name: \"\(sender.name)\", email: you@example.com} to \(Environment.settingsFile.path).")
        }
        var attachments: [MailMessage.Attachment] = []
        if facts.recipient == .powerSponsor, !facts.plan.isEmpty {
            attachments.append(MailMessage.Attachment(filename: "evaluation-plan.ics", contentType: "text/calendar; method=PUBLISH",
                                                      content: calendar(facts, now: now).rendered))
        }
        let text = try prompts.letter(type, family: .text)
        return MailMessage(
            from: .init(name: sender.name, email: from), to: .init(name: addressee.name, email: to),
            subject: text.subject(facts), date: now, messageID: MailMessage.messageID(for: from),
            text: text.render(facts, inMail: true), html: try prompts.letter(type, family: .html).render(facts, inMail: true),
            attachments: attachments)
    }

    /// The opportunity's plan as an RFC 5545 calendar.
    public func calendar(for opportunity: Opportunity, now: Date = Date()) throws -> PlanCalendar {
        let type = SponsorLetter.Recipient.powerSponsor.rawValue
        return try calendar(facts(for: opportunity, type: type).facts, now: now)
    }

    private func calendar(_ facts: SponsorLetter.Facts, now: Date) -> PlanCalendar {
        PlanCalendar(opportunityName: facts.opportunityName, accountName: facts.accountName,
                     ourSide: sender.company ?? sender.name, steps: facts.plan, stamp: now)
    }

    /// `YYYY-MM-DD HH:MM UTC`: when a quoted statement was captured.
    static func minute(_ date: Date) -> String {
        UTCTime.string(date, "yyyy-MM-dd HH:mm 'UTC'")
    }
}
