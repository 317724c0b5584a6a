import QualifyKit
import QualifyStore

/// Renders the sponsor letter from what is stored and keeps a copy, so a
/// manager can see which deals have had one.
public struct LetterDrafting {
    let database: QualifyDatabase
    let letter: SponsorLetter
    let rep: String

    public init(database: QualifyDatabase, letter: SponsorLetter, rep: String) {
        self.database = database
        self.letter = letter
        self.rep = rep
    }

    public func draft(for opportunity: Opportunity) throws -> String {
        // The power sponsor, once known, is who agrees the evaluation plan; until then the sponsor.
        let record = try database.opportunityRecord(of: opportunity)
        let addressee = record.powerSponsor ?? record.sponsor
        let facts = SponsorLetter.Facts(
            accountName: record.accountName,
            opportunityName: opportunity.name,
            recipientName: addressee?.name,
            recipient: record.powerSponsor == nil ? .sponsor : .powerSponsor,
            senderName: rep,
            answers: try database.capturedAnswers(opportunityId: opportunity.id!),
            isDemo: opportunity.isDemo)
        let body = letter.render(facts)
        if try database.letters(opportunityId: opportunity.id!).last?.body != body {
            try database.saveLetter(body, opportunityId: opportunity.id!, draftedBy: rep)
        }
        return body
    }
}
