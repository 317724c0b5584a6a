/// The judgments, one function each, on the compiled word lists.
extension SalesCoach {
    /// A class: the coach is handed out by value at every answer, and copying
    /// two dozen lists was a retain and a release each.
    final class Lists: Sendable {
        let singular, object, plural, thirdSubjects, thirdPossessives, personNouns, reporterNouns: PhraseList
        let auxiliaries, determiners, reportingVerbs, hearsay: PhraseList
        let feelings, stakes, business, numberWords, units, durations, framings: PhraseList
        let who, vagueWho, vagueAmounts, currencySigns: PhraseList
        let wants, products, abilities, openers, actions: PhraseList

        init(_ rules: CoachRules) {
            let persons = rules.persons
            singular = PhraseList(persons.firstPersonSingular)
            object = PhraseList(persons.firstPersonObject)
            plural = PhraseList(persons.firstPersonPlural)
            thirdSubjects = PhraseList(persons.thirdPersonSubjects)
            thirdPossessives = PhraseList(persons.thirdPersonPossessives)
            personNouns = PhraseList(persons.personNouns)
            reporterNouns = PhraseList(persons.reporterNouns)
            auxiliaries = PhraseList(persons.auxiliaries)
            determiners = PhraseList(persons.determiners)
            reportingVerbs = PhraseList(rules.voice.reportingVerbs)
            hearsay = PhraseList(rules.voice.hearsay)
            feelings = PhraseList(rules.kind.feelings)
            stakes = PhraseList(rules.kind.personalStakes)
            business = PhraseList(rules.kind.business)
            numberWords = PhraseList(rules.kind.numberWords)
            units = PhraseList(rules.kind.units)
            durations = PhraseList(rules.kind.durations)
            framings = PhraseList(rules.kind.framings)
            who = PhraseList(rules.impact.who)
            vagueWho = PhraseList(rules.impact.vagueWho)
            vagueAmounts = PhraseList(rules.impact.vagueAmounts)
            currencySigns = PhraseList(rules.impact.currencySigns)
            wants = PhraseList(rules.reason.wants)
            products = PhraseList(rules.reason.products)
            abilities = PhraseList(rules.capability.abilities)
            openers = PhraseList(rules.capability.openers)
            actions = PhraseList(rules.capability.actions)
        }
    }

    /// Who does the saying or feeling at a verb.
    enum Speaker {
        case firstSingular, firstPlural
        /// Someone else; the range covers the words naming them.
        case third(Range<Int>)
    }

    struct VoiceJudgment {
        var voice: Voice
        var evidence: [Evidence]
        /// Words that make the answer a report, before a first-person clause may overrule them.
        var reportWords: [Evidence]
    }

    struct KindJudgment {
        var kind: StatementKind
        var evidence: [Evidence]
    }

    // MARK: Voice

    func judgeVoice(_ utterance: Utterance) -> VoiceJudgment {
        let tokens = utterance.tokens
        var reports = lists.hearsay.matches(in: utterance).map {
            Evidence(judgment: "voice", finding: "hearsay", words: utterance.words($0))
        }
        for index in tokens.indices {
            let reporting = lists.reportingVerbs.contains(tokens[index])
            guard reporting || lists.feelings.match(tokens, at: index) != nil else { continue }
            if case .third(let who)? = speaker(before: index, in: utterance) {
                reports.append(Evidence(judgment: "voice", finding: reporting ? "someone else says" : "someone else feels",
                                        words: utterance.words(who.lowerBound..<(index + 1))))
            }
        }
        // "The prospect is…", "the client's…": the rep's word for the buyer, as a subject.
        for index in tokens.indices where lists.reporterNouns.contains(tokens[index]) && index + 1 < tokens.count {
            let next = tokens[index + 1]
            guard next.clause == tokens[index].clause,
                  lists.auxiliaries.contains(next) || lists.reportingVerbs.contains(next) else { continue }
            if case .third(let who) = owner(ofNounAt: index, in: utterance),
               !reports.contains(where: { $0.words.contains(utterance.words(who)) }) {
                reports.append(Evidence(judgment: "voice", finding: "the rep's word for the buyer", words: utterance.words(who)))
            }
        }

        let singular = tokens.indices.filter { lists.singular.contains(tokens[$0]) }
        let plural = tokens.indices.filter { lists.plural.contains(tokens[$0]) }
        let carrier = singular.first.map { firstPerson(at: $0, in: utterance) }
        if !reports.isEmpty {
            if let carrier {
                // "She told me straight out: one more slip and I'm done." The buyer carries it.
                return VoiceJudgment(voice: .verbatim, evidence: [carrier] + reports.map { $0.asOverruled }, reportWords: reports)
            }
            if let first = plural.first {
                return VoiceJudgment(voice: .unsure, evidence: reports + [firstPerson(at: first, in: utterance)], reportWords: reports)
            }
            return VoiceJudgment(voice: .reported, evidence: reports, reportWords: reports)
        }
        if let first = (singular + plural).min() {
            return VoiceJudgment(voice: .verbatim, evidence: [firstPerson(at: first, in: utterance)], reportWords: [])
        }
        if let first = tokens.first, lists.thirdSubjects.contains(first) || lists.thirdPossessives.contains(first) {
            return VoiceJudgment(voice: .unsure, evidence: [Evidence(judgment: "voice", finding: "third person, no first person",
                                                                     words: utterance.words(0..<1))], reportWords: [])
        }
        return VoiceJudgment(voice: .verbatim, evidence: [], reportWords: [])
    }

    private func firstPerson(at index: Int, in utterance: Utterance) -> Evidence {
        let clause = utterance.tokens[index].clause
        var end = index + 1
        while end < utterance.tokens.count, end < index + 3, utterance.tokens[end].clause == clause { end += 1 }
        return Evidence(judgment: "voice", finding: "first person", words: utterance.words(index..<end))
    }

    /// The subject of the verb at `verb`: the nearest word before it in its
    /// clause, skipping auxiliaries ("she has always said").
    func speaker(before verb: Int, in utterance: Utterance) -> Speaker? {
        let tokens = utterance.tokens
        let clause = tokens[verb].clause
        var index = verb - 1
        while index >= 0, tokens[index].clause == clause, lists.auxiliaries.contains(tokens[index]) { index -= 1 }
        guard index >= 0, tokens[index].clause == clause else { return nil }
        let subject = tokens[index]
        if lists.singular.contains(subject) { return .firstSingular }
        if lists.plural.contains(subject) { return .firstPlural }
        if lists.thirdSubjects.contains(subject) { return .third(index..<(index + 1)) }
        if lists.personNouns.contains(subject) || isName(subject) { return owner(ofNounAt: index, in: utterance) }
        return nil
    }

    /// Whose person a noun is: "my boss" and "our auditors" are the buyer
    /// speaking; "the CFO", "Luka" are someone else.
    func owner(ofNounAt noun: Int, in utterance: Utterance) -> Speaker {
        let tokens = utterance.tokens
        var index = noun - 1
        var start = noun
        while index >= 0, index >= noun - 3, tokens[index].clause == tokens[noun].clause {
            let token = tokens[index]
            if lists.singular.contains(token) { return .firstSingular }
            if lists.plural.contains(token) { return .firstPlural }
            start = index
            if lists.determiners.contains(token) || lists.thirdPossessives.contains(token) { break }
            index -= 1
        }
        return .third(start..<(noun + 1))
    }

    /// A capitalised word that is not a word the rules know: a person's name.
    private func isName(_ token: Utterance.Token) -> Bool {
        guard let first = token.original.first, first.isUppercase, !token.isNumeric else { return false }
        return !lists.auxiliaries.contains(token) && !lists.determiners.contains(token) && !lists.business.contains(token)
    }

    // MARK: Kind

    func judgeKind(_ utterance: Utterance, voice: VoiceJudgment) -> KindJudgment {
        let tokens = utterance.tokens
        let framed = Set(lists.framings.matches(in: utterance).flatMap { Array($0) })
        let stakes = lists.stakes.matches(in: utterance)
        if !stakes.isEmpty {
            return KindJudgment(kind: .pain, evidence: stakes.map {
                Evidence(judgment: "kind", finding: "personal stake", words: utterance.words($0))
            })
        }
        let feelings = lists.feelings.matches(in: utterance)
        let speaksForHimself = tokens.indices.contains { lists.singular.contains(tokens[$0]) && !framed.contains($0) }
        if !feelings.isEmpty, speaksForHimself || !voice.reportWords.isEmpty {
            let finding = speaksForHimself ? "feeling or consequence, first person" : "feeling or consequence, reported"
            return KindJudgment(kind: .pain, evidence: feelings.map {
                Evidence(judgment: "kind", finding: finding, words: utterance.words($0))
            })
        }
        var evidence = amounts(in: utterance).map { Evidence(judgment: "kind", finding: "number", words: $0) }
        if let business = lists.business.matches(in: utterance).first {
            evidence.append(Evidence(judgment: "kind", finding: "organisation, process or metric", words: utterance.words(business)))
        }
        return KindJudgment(kind: evidence.isEmpty ? .unsure : .problem, evidence: evidence)
    }

    /// Numbers with their unit ("30 percent", "€40,000", "twice", "a day a week"), as typed.
    func amounts(in utterance: Utterance) -> [String] {
        let tokens = utterance.tokens
        var found: [String] = []
        var index = 0
        while index < tokens.count {
            var range: Range<Int>?
            if tokens[index].isNumeric || lists.currencySigns.contains(tokens[index]) {
                var end = index + 1
                while end < tokens.count, tokens[end].isNumeric || lists.units.match(tokens, at: end) != nil {
                    end = lists.units.match(tokens, at: end)?.upperBound ?? end + 1
                }
                range = index..<end
            } else if let words = lists.numberWords.match(tokens, at: index) {
                // "two weeks", "three times": the unit belongs to the amount.
                range = words
                if words.upperBound < tokens.count, let unit = lists.units.match(tokens, at: words.upperBound) {
                    range = index..<unit.upperBound
                }
            } else if ["a", "an", "half"].contains(tokens[index].word), index + 1 < tokens.count,
                      lists.durations.contains(tokens[index + 1]),
                      let rate = (index + 2..<min(index + 4, tokens.count)).first(where: { lists.durations.contains(tokens[$0]) }) {
                range = index..<(rate + 1)
            }
            if let range {
                found.append(utterance.words(range))
                index = range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: Impact

    func judgeImpact(_ utterance: Utterance) -> (who: Verdict, howMuch: Verdict, evidence: [Evidence]) {
        var evidence: [Evidence] = []
        var who = Verdict.no
        if let match = lists.who.matches(in: utterance).first {
            who = .yes
            evidence.append(Evidence(judgment: "who", finding: "role, person or department", words: utterance.words(match)))
        } else if let match = lists.vagueWho.matches(in: utterance).first {
            who = .unsure
            evidence.append(Evidence(judgment: "who", finding: "too vague to say who", words: utterance.words(match)))
        }
        var howMuch = Verdict.no
        if let amount = amounts(in: utterance).first {
            howMuch = .yes
            evidence.append(Evidence(judgment: "howMuch", finding: "amount", words: amount))
        } else if let match = lists.vagueAmounts.matches(in: utterance).first {
            howMuch = .unsure
            evidence.append(Evidence(judgment: "howMuch", finding: "too vague to size", words: utterance.words(match)))
        }
        return (who, howMuch, evidence)
    }

    // MARK: Reason

    func judgeReason(_ utterance: Utterance) -> (verdict: Verdict, evidence: [Evidence]) {
        let tokens = utterance.tokens
        let wants = lists.wants.matches(in: utterance)
        for product in lists.products.matches(in: utterance) {
            let reach = rules.reason.reach
            if let want = wants.last(where: {
                $0.upperBound <= product.lowerBound && product.lowerBound - $0.lowerBound <= reach
                    && tokens[$0.lowerBound].clause == tokens[product.lowerBound].clause
            }) {
                return (.yes, [Evidence(judgment: "reason", finding: "capability in disguise",
                                        words: utterance.words(want.lowerBound..<product.upperBound))])
            }
        }
        if let want = wants.first {
            return (.unsure, [Evidence(judgment: "reason", finding: "a wish, not what stops them", words: utterance.words(want))])
        }
        return (.no, [])
    }

    // MARK: Capability

    func judgeCapability(_ utterance: Utterance) -> (verdict: Verdict, evidence: [Evidence]) {
        let tokens = utterance.tokens
        guard let first = tokens.first else { return (.unsure, []) }
        if lists.actions.contains(first) {
            return (.yes, [Evidence(judgment: "capability", finding: "opens with an action", words: utterance.words(0..<1))])
        }
        if let ability = lists.abilities.matches(in: utterance).first {
            return (.yes, [Evidence(judgment: "capability", finding: "an ability", words: utterance.words(ability))])
        }
        for opener in lists.openers.matches(in: utterance) {
            if opener.upperBound < tokens.count, lists.actions.contains(tokens[opener.upperBound]) {
                return (.yes, [Evidence(judgment: "capability", finding: "an action",
                                        words: utterance.words(opener.lowerBound..<(opener.upperBound + 1)))])
            }
        }
        if let product = lists.products.matches(in: utterance).first {
            return (.no, [Evidence(judgment: "capability", finding: "a product feature", words: utterance.words(product))])
        }
        if lists.determiners.contains(first) {
            return (.no, [Evidence(judgment: "capability", finding: "a thing, not something to do", words: utterance.words(0..<1))])
        }
        return (.unsure, [])
    }
}

extension Evidence {
    /// A report overruled by the buyer's own first-person clause.
    var asOverruled: Evidence {
        Evidence(judgment: judgment, finding: finding + ", but the buyer carries the sentence", words: words)
    }
}
