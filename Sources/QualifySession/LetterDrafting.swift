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

    /// The letter a command means when no --to names one: the one `qualify letter NAME`
    /// shows, so draft, mark and check act on the same letter. The power sponsor, once
    /// known, is who agrees the evaluation plan; until then the sponsor.
    public func letterType(_ type: String?, for opportunity: Opportunity) throws -> String {
        if let type { return type }
        return try database.opportunityRecord(of: opportunity).powerSponsor == nil
            ? SponsorLetter.Recipient.sponsor.rawValue : SponsorLetter.Recipient.powerSponsor.rawValue
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

    /// The plain-text letter: the current version of its type.
    public func draft(for opportunity: Opportunity, type: String? = nil) throws -> String {
        try current(for: opportunity, type: type).body
    }

    /// The current version of a letter type: the rep's latest edit, if the
    /// newest version is one (unless `redraft`); otherwise drafted from the
    /// stored words, and stored when it differs from the newest version.
    public func current(for opportunity: Opportunity, type: String? = nil, redraft: Bool = false) throws -> LetterDraft {
        let chosen = try letterType(type, for: opportunity)
        let latest = try shownLetter(for: opportunity, type: chosen)
        if let latest, latest.origin == .edited, !redraft { return latest }
        let facts = try facts(for: opportunity, type: chosen).facts
        let body = try prompts.letter(chosen).render(facts)
        if let latest, latest.body == body { return latest }
        return try save(body, type: chosen, origin: .drafted, opportunity: opportunity).version
    }

    /// The stored version `current` starts from, which `letter mark` marks and `letter check`
    /// checks: this rep's newest of the type (a teammate's, pulled by sync, is theirs to send).
    public func shownLetter(for opportunity: Opportunity, type: String) throws -> LetterDraft? {
        try database.latestLetter(opportunityId: opportunity.id!, type: type, draftedBy: rep)
    }

    /// Stores a version with each quote traced to the statement it reproduces.
    public func save(_ body: String, type: String, origin: LetterDraft.Origin,
                     opportunity: Opportunity) throws -> (version: LetterDraft, verdicts: [LetterCheck.Verdict]) {
        let verdicts = try check(body, opportunity: opportunity, type: type)
        let traced: [(line: Int, statementId: Int64)] = verdicts.compactMap {
            if case .matches(let passage, let words) = $0 { return (passage.line, words.statementId) }
            return nil
        }
        let version = try database.saveLetter(body, type: type, origin: origin, opportunityId: opportunity.id!,
                                              draftedBy: rep, quotes: traced)
        return (version, verdicts)
    }

    /// Every quoted passage of `body` against every stored version of the
    /// opportunity's statements.
    public func check(_ body: String, opportunity: Opportunity, type: String, markdown: Bool = false) throws -> [LetterCheck.Verdict] {
        let catalog = try prompts.letterCatalog()
        let language = catalog.letters[type]?.language ?? "en"
        let marks = try catalog.marks(for: language, origin: PromptLibrary.letterCatalogPath)
        let record = try database.opportunityRecord(of: opportunity)
        // Words qualify wrote, not the buyer: their marks are no quotes.
        let ours = try database.planSteps(opportunityId: opportunity.id!).map(\.what)
            + [opportunity.name, record.accountName, sender.name, sender.company ?? "", sender.title ?? ""]
            + [record.sponsor?.name, record.powerSponsor?.name].compactMap { $0 }
        let passages = LetterCheck.passages(in: body, marks: marks, markdown: markdown, ignoring: ours)
        let all = try database.allStatements(opportunityId: opportunity.id!)
        let replaced = Set(all.compactMap(\.replacesId))
        let stored = all.reversed().map { statement in
            StoredWords(statementId: statement.id!, text: statement.text,
                        source: QuoteSource(field: statement.field, position: statement.position, statementId: statement.id!,
                                            capturedBy: statement.capturedBy, capturedAt: Self.minute(statement.capturedAt)),
                        isSuperseded: replaced.contains(statement.id!))
        }
        return LetterCheck.verdicts(passages, against: stored)
    }

    /// The letter in `format`. Every format starts from the current stored
    /// version, so what is sent can be traced; an edited version has no
    /// template behind it and is shown as its text.
    public func render(for opportunity: Opportunity, type: String? = nil, format: LetterFormat,
                       showsSources: Bool = false, redraft: Bool = false, now: Date = Date()) throws -> String {
        let chosen = try letterType(type, for: opportunity)
        let version = try current(for: opportunity, type: chosen, redraft: redraft)
        if version.origin == .edited {
            switch format {
            case .text, .markdown: return version.body
            case .html: return EditedLetter(body: version.body).html
            case .eml: return try mail(for: opportunity, type: chosen, edited: version.body, now: now).rendered
            }
        }
        switch format {
        case .text:
            return version.body
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
    public func mail(for opportunity: Opportunity, type: String, edited: String? = nil, now: Date = Date()) throws -> MailMessage {
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
        var message = MailMessage(
            from: .init(name: sender.name, email: from), to: .init(name: addressee.name, email: to),
            subject: text.subject(facts), date: now, messageID: MailMessage.messageID(for: from),
            text: text.render(facts, inMail: true), html: try prompts.letter(type, family: .html).render(facts, inMail: true),
            attachments: attachments)
        if let edited {
            let letter = EditedLetter(body: edited)
            message.subject = letter.subject ?? message.subject
            message.text = letter.withoutSubject
            message.html = letter.html
        }
        return message
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
