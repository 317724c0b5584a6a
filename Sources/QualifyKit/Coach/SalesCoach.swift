import Foundation

/// A sales manager sitting in on the call: judges each answer (the buyer's
/// words or a report, pain or problem, who and how much…), says which words
/// decided it, and suggests the next question. Pure: the rules come from
/// coach.yaml, the answer and what is stored come from the caller.
public struct SalesCoach: Sendable {
    public let rules: CoachRules
    let lists: Lists

    public init(rules: CoachRules) {
        self.rules = rules
        lists = Lists(rules)
    }

    /// Judges `text`, an answer for `field` that is already stored in
    /// `captured` (so list counts include it).
    public func judge(_ text: String, field: Field, captured: CapturedAnswers) -> CoachReport {
        let utterance = Utterance(text)
        var report = CoachReport(field: field, voice: .verbatim, evidence: [], notes: [], probes: [])
        var followUps: [String] = []

        let voice = judgeVoice(utterance)
        report.voice = voice.voice
        report.evidence += voice.evidence
        switch voice.voice {
        case .reported:
            report.notes.append(fill(rules.messages.reported, evidence: voice.evidence))
            followUps.append(rules.probes.reported)
        case .unsure:
            report.notes.append(fill(rules.messages.unsureVoice, evidence: voice.evidence))
        case .verbatim:
            break
        }

        switch field {
        case .problem, .pain:
            let kind = judgeKind(utterance, voice: voice)
            report.kind = kind.kind
            report.evidence += kind.evidence
            if kind.kind == .pain, voice.voice == .reported {
                report.notes.append(fill(rules.messages.reportedPain, evidence: kind.evidence))
            } else if kind.kind == .pain, field == .problem {
                report.notes.append(fill(rules.messages.painInProblem, evidence: kind.evidence))
            } else if kind.kind == .problem, field == .pain {
                report.notes.append(fill(rules.messages.problemInPain, evidence: kind.evidence))
                followUps.append(rules.probes.askPersonal)
            }
        case .impacts:
            let impact = judgeImpact(utterance)
            report.impact = CoachReport.Impact(who: impact.who, howMuch: impact.howMuch)
            report.evidence += impact.evidence
            if impact.howMuch != .yes { followUps.append(rules.probes.askHowMuch) }
            if impact.who != .yes { followUps.append(rules.probes.askWho) }
        case .reasons:
            let disguise = judgeReason(utterance)
            let count = captured[.reasons].count
            report.reason = CoachReport.Reason(capabilityInDisguise: disguise.verdict, count: count)
            report.evidence += disguise.evidence
            if disguise.verdict == .yes {
                report.notes.append(fill(rules.messages.disguisedCapability, evidence: disguise.evidence))
            }
            if count < rules.reason.target {
                report.notes.append(rules.messages.fewReasons.filled(["count": String(count)]))
                followUps.append(rules.probes.askWhatElse)
            }
        case .capabilities:
            let action = judgeCapability(utterance)
            let count = captured[.capabilities].count
            report.capability = CoachReport.Capability(buyerAction: action.verdict, count: count)
            report.evidence += action.evidence
            if action.verdict != .yes {
                report.notes.append(rules.messages.featureCapability)
                followUps.append(rules.probes.askWhatYouWouldDo)
            }
            if count > Field.capabilityTarget { report.notes.append(rules.messages.manyCapabilities) }
        }

        // Three capabilities agreed close the list: its read-back is the next thing to say.
        let listDone = field == .capabilities && captured[field].count >= Field.capabilityTarget
        report.probes = followUps.map { Probe(kind: .followUp, text: $0) }
            + (listDone ? [] : methodProbes(for: field, captured: captured, last: text))
        return report
    }

    // MARK: Probes

    /// The method's open, control and confirm questions for `field`, built
    /// from the buyer's stored words; a probe whose words are missing is left out.
    /// Single fields lead with confirm, lists with control, then open.
    public func methodProbes(for field: Field, captured: CapturedAnswers, last: String?) -> [Probe] {
        guard let templates = rules.probes.fields[field.rawValue] else { return [] }
        let candidates: [(Probe.Kind, String)] = field.isList
            ? [(.control, templates.control), (.open, templates.open), (.confirm, templates.confirm)]
            : [(.confirm, templates.confirm), (.control, templates.control), (.open, templates.open)]
        return candidates.compactMap { kind, template in
            resolve(template, captured: captured, last: last).map { Probe(kind: kind, text: $0) }
        }
    }

    /// What `/probe` shows while `field` is asked: the method's questions built
    /// from what is stored, and the list read back.
    public func probes(for field: Field, captured: CapturedAnswers) -> [Probe] {
        let method = methodProbes(for: field, captured: captured, last: captured[field].last)
        // A list's confirm reads back the whole list, not only its last item.
        return field.isList ? method.filter { $0.kind != .confirm } + confirmations(for: field, captured: captured) : method
    }

    /// The field read back in the buyer's words, nothing when it is empty.
    public func confirmations(for field: Field, captured: CapturedAnswers) -> [Probe] {
        let items = captured[field]
        if field.isList { return confirmList(items).map { [Probe(kind: .confirm, text: $0)] } ?? [] }
        guard let templates = rules.probes.fields[field.rawValue],
              let text = resolve(templates.confirm, captured: captured, last: items.last) else { return [] }
        return [Probe(kind: .confirm, text: text)]
    }

    /// "So what I hear is: “a”, “b” and “c”. Is that right?" in the buyer's words; nil for an empty list.
    public func confirmList(_ items: [String]) -> String? {
        guard !items.isEmpty else { return nil }
        let quoted = items.map { "“" + spoken($0) + "”" }
        let joined = quoted.count == 1 ? quoted[0]
            : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        return rules.probes.confirmList.filled(["items": joined])
    }

    /// Nil when a placeholder the template uses has no words yet. Runs for
    /// three probes after every answer, so only the words used are looked up.
    private func resolve(_ template: String, captured: CapturedAnswers, last: String?) -> String? {
        var missing = false
        let text = template.filled { placeholder in
            let words: String?
            switch placeholder {
            case "problem": words = captured[.problem].first
            case "pain": words = captured[.pain].first
            case "reason": words = captured[.reasons].first
            case "impact": words = captured[.impacts].first
            case "capability": words = captured[.capabilities].first
            case "last": words = last
            // Capability N answers reason N: the next capability is asked about the next reason.
            case "nextReason": words = captured[.reasons].dropFirst(captured[.capabilities].count).first
            default: return nil
            }
            guard let words, !words.allSatisfy(\.isWhitespace) else {
                missing = true
                return nil
            }
            return spoken(words)
        }
        return missing ? nil : text
    }

    /// The buyer's words inside a question: the final full stop would end the question early.
    private func spoken(_ words: String) -> String {
        // Character.isWhitespace is Unicode's White_Space: Foundation's whitespacesAndNewlines.
        var text = Substring(words)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        while text.last == "." { text = text.dropLast() }
        return String(text)
    }

    private func fill(_ message: String, evidence: [Evidence]) -> String {
        let words = evidence.map { "“\($0.words)”" }.uniqued().joined(separator: ", ")
        return message.filled(["evidence": words.isEmpty ? "no telling words" : words])
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
