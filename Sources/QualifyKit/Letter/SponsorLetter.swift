import Foundation
import Mustache

/// The letter that restates, in the buyer's own words, what was agreed:
/// pain, reasons, impacts, capabilities and the next step, and asks the buyer
/// to correct anything misunderstood.
public struct SponsorLetter: Sendable {
    /// Who the letter is addressed to decides the next step the method asks for.
    public enum Recipient: String, Sendable, Codable {
        /// A sponsor can give access to the power sponsor.
        case sponsor
        /// A power sponsor can agree to an evaluation plan.
        case powerSponsor = "power-sponsor"
    }

    public struct Facts: Sendable {
        public var accountName: String
        public var opportunityName: String
        public var recipientName: String?
        public var recipient: Recipient
        public var senderName: String
        public var answers: CapturedAnswers
        public var isDemo: Bool

        public init(accountName: String, opportunityName: String, recipientName: String? = nil,
                    recipient: Recipient = .sponsor, senderName: String, answers: CapturedAnswers,
                    isDemo: Bool = false) {
            self.accountName = accountName
            self.opportunityName = opportunityName
            self.recipientName = recipientName
            self.recipient = recipient
            self.senderName = senderName
            self.answers = answers
            self.isDemo = isDemo
        }
    }

    public struct TemplateError: Error, CustomStringConvertible {
        public let description: String
    }

    private let template: MustacheTemplate

    /// `text` is a Mustache template; a plain-text one must start with the
    /// `{{%CONTENT_TYPE:TEXT}}` pragma or the buyer's apostrophes come out as `&#39;`.
    public init(template text: String, name: String) throws(TemplateError) {
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            throw TemplateError(description: "letter template \(name) is not valid Mustache (\(error)); fix it or remove the override")
        }
    }

    public func render(_ facts: Facts) -> String {
        template.render(Self.context(for: facts))
    }

    /// The values the template sees. Every quote is passed as typed; the
    /// template decides the quotation marks. A missing field is `false` in
    /// the `has…` key so the template can mark the gap instead of writing an
    /// empty sentence.
    static func context(for facts: Facts) -> [String: Any] {
        let answers = facts.answers
        let pain = answers[.pain].first
        let problem = answers[.problem].first
        func list(_ field: Field) -> [[String: Any]] {
            answers[field].enumerated().map { ["text": $0.element, "number": $0.offset + 1] }
        }
        var context: [String: Any] = [
            "account": facts.accountName,
            "opportunity": facts.opportunityName,
            "sender": facts.senderName,
            "isDemo": facts.isDemo,
            "reasons": list(.reasons),
            "hasReasons": answers.has(.reasons),
            "impacts": list(.impacts),
            "hasImpacts": answers.has(.impacts),
            "capabilities": list(.capabilities),
            "hasCapabilities": answers.has(.capabilities),
            "toSponsor": facts.recipient == .sponsor,
            "toPowerSponsor": facts.recipient == .powerSponsor,
        ]
        if let name = facts.recipientName { context["recipient"] = name }
        if let pain { context["pain"] = pain }
        if let problem { context["problem"] = problem }
        context["hasPainOrProblem"] = pain != nil || problem != nil
        return context
    }
}
