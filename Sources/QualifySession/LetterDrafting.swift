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

    /// `YYYY-MM-DD HH:MM UTC`: when a quoted statement was captured.
    static func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
