import Foundation
import Mustache

/// A letter that restates, in the buyer's own words, what was agreed:
/// pain, reasons, impacts, capabilities and the next step, and asks the buyer
/// to correct anything misunderstood. One template per letter and family.
public struct SponsorLetter: Sendable {
    /// Who the letter is addressed to decides the next step the method asks for.
    public enum Recipient: String, Sendable, Codable, CaseIterable {
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
        public var sender: Sender
        public var answers: CapturedAnswers
        /// Per field, the statement each item of `answers` came from (same order).
        public var sources: [Field: [QuoteSource]]
        public var plan: [PlanStep]
        public var isDemo: Bool
        /// HTML and Markdown show each quote's field, author and time beside it.
        public var showsSources: Bool

        public init(accountName: String, opportunityName: String, recipientName: String? = nil,
                    recipient: Recipient = .sponsor, sender: Sender, answers: CapturedAnswers,
                    sources: [Field: [QuoteSource]] = [:], plan: [PlanStep] = [], isDemo: Bool = false,
                    showsSources: Bool = false) {
            self.accountName = accountName
            self.opportunityName = opportunityName
            self.recipientName = recipientName
            self.recipient = recipient
            self.sender = sender
            self.answers = answers
            self.sources = sources
            self.plan = plan
            self.isDemo = isDemo
            self.showsSources = showsSources
        }
    }

    private let template: MustacheTemplate
    private let subject: MustacheTemplate
    public let family: TemplateFamily
    public let marks: QuotationMarks

    /// `text` is a Mustache template; a plain-text or Markdown one must start
    /// with the `{{%CONTENT_TYPE:TEXT}}` pragma or the buyer's apostrophes come out as `&#39;`.
    public init(template text: String, name: String, family: TemplateFamily = .text,
                subject: String = "{{opportunity}}: what I understood from our conversation",
                marks: QuotationMarks = .english) throws(CommandFailure) {
        do {
            template = try MustacheTemplate(string: text)
            self.subject = try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + subject)
        } catch {
            throw CommandFailure("letter template \(name) is not valid Mustache (\(error)); fix it or remove the override")
        }
        self.family = family
        self.marks = marks
    }

    /// The whole letter; `inMail` leaves out the Subject line an e-mail carries in its header.
    public func render(_ facts: Facts, inMail: Bool = false) -> String {
        var values = context(for: facts)
        values["inMail"] = inMail
        return template.render(values)
    }

    /// The subject line, as typed (a mail header encodes it; HTML escapes it itself).
    public func subject(_ facts: Facts) -> String {
        subject.render(["opportunity": facts.opportunityName, "account": facts.accountName])
    }

    /// The values the template sees. Each quote carries its marks (or
    /// `block` and its lines) so the template sets it; a missing field is
    /// `false` in the `has…` key so the template can mark the gap with the
    /// command that fills it.
    func context(for facts: Facts) -> [String: Any] {
        let answers = facts.answers
        let words = family.escaped
        func quote(_ field: Field, _ index: Int) -> [String: Any] {
            let text = answers[field][index]
            var value: [String: Any] = ["text": words(text), "number": index + 1]
            switch marks.setting(for: text) {
            case .inline(let pair):
                value["inline"] = true
                value["open"] = pair.open
                value["close"] = pair.close
            case .block:
                value["block"] = true
                // `more`: a line the next one continues, where Markdown needs a hard break.
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
                value["lines"] = lines.enumerated().map { index, line in
                    ["line": words(line), "more": !line.isEmpty && index + 1 < lines.count && !lines[index + 1].isEmpty] as [String: Any]
                }
            }
            if facts.showsSources, let source = facts.sources[field].flatMap({ index < $0.count ? $0[index] : nil }) {
                value["source"] = words(source.summary)
            }
            return value
        }
        func list(_ field: Field) -> [[String: Any]] {
            answers[field].indices.map { quote(field, $0) }
        }
        let sender = facts.sender
        var context: [String: Any] = [
            "account": words(facts.accountName),
            "opportunity": words(facts.opportunityName),
            // For the commands in gaps: the name as a shell argument.
            "opportunityArgument": words(Self.shellArgument(facts.opportunityName)),
            "accountArgument": words(Self.shellArgument(facts.accountName)),
            "sender": words(sender.name),
            "isDemo": facts.isDemo,
            "toSponsor": facts.recipient == .sponsor,
            "toPowerSponsor": facts.recipient == .powerSponsor,
            "recipientRole": facts.recipient.rawValue,
            "plan": facts.plan.map { step in
                [
                    "number": step.number, "what": words(step.what), "due": step.due?.description ?? "", "hasDue": step.due != nil,
                    "who": words(owner(step.owner, facts: facts)), "decision": step.isDecision, "decisionLabel": step.needsDecisionLabel, "done": step.isDone,
                ] as [String: Any]
            },
            "hasPlan": !facts.plan.isEmpty,
            "hasDecision": facts.plan.contains(where: \.isDecision),
        ]
        context["subject"] = words(subject(facts))
        if let title = sender.title { context["senderTitle"] = words(title) }
        if let company = sender.company { context["senderCompany"] = words(company) }
        if let email = sender.email { context["senderEmail"] = words(email) }
        if let name = facts.recipientName { context["recipient"] = words(name) }
        // One key per field (`pain`, `reasons`) and its `has…` key (`hasReasons`), from Field.allCases.
        for field in Field.allCases {
            context[field.hasKey] = answers.has(field)
            if field.isList {
                context[field.rawValue] = list(field)
            } else if answers.has(field) {
                context[field.rawValue] = quote(field, 0)
            }
        }
        context["hasPainOrProblem"] = answers.has(.pain) || answers.has(.problem)
        return context
    }

    private func owner(_ owner: PlanOwner, facts: Facts) -> String {
        switch owner {
        case .buyer: facts.accountName
        case .us: facts.sender.company ?? "us"
        case .person(let name): name
        }
    }

    /// `"Acme Corp - Forecasting"`, with inner double quotes escaped, as a shell reads it.
    static func shellArgument(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
