import Foundation

/// An answer split into words the coach can match, each remembering where it
/// stands in the text as typed, so evidence quotes the rep's own characters.
struct Utterance {
    struct Token {
        /// Lowercased, curly apostrophes made straight.
        let word: String
        let original: Substring
        /// Clauses end at punctuation and before a conjunction: a subject and
        /// its verb are looked for inside one clause.
        let clause: Int
        let isNumeric: Bool
        let startsSentence: Bool
    }

    let text: String
    let tokens: [Token]

    /// A conjunction opens a new clause ("…, and I have nothing to show").
    static let conjunctions: Set<String> = ["and", "but", "because", "so", "while", "when", "if", "that", "or", "although", "though", "since", "unless"]
    /// Contractions split off their word, so "I'm" is "i" "'m" and "she's" is "she" "'s".
    static let contractionTails = ["'s", "'m", "'re", "'ve", "'ll", "'d"]
    private static let clauseBreaks: Set<Character> = [",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "\"", "“", "”", "…", "\n"]
    private static let sentenceBreaks: Set<Character> = [".", "!", "?", ":", "\n"]
    private static let symbols: Set<Character> = ["%", "€", "$", "£", "¥"]

    init(_ text: String) {
        self.text = text
        var tokens: [Token] = []
        var clause = 0
        var sentenceStart = true
        var index = text.startIndex

        func add(_ range: Range<String.Index>) {
            let original = text[range]
            let word = Self.straightApostrophes(original.lowercased())
            if Self.conjunctions.contains(word), !tokens.isEmpty, tokens.last!.clause == clause { clause += 1 }
            let isNumeric = word.contains(where: \.isNumber)
            // "I'm" → "i" + "'m"; "can't" stays whole: its negation is the point.
            if word.utf8.contains(UInt8(ascii: "'")),
               let tail = Self.contractionTails.first(where: { word.hasSuffix($0) && word.count > $0.count }) {
                let cut = original.index(original.endIndex, offsetBy: -tail.count)
                tokens.append(Token(word: String(word.dropLast(tail.count)), original: text[original.startIndex..<cut],
                                    clause: clause, isNumeric: isNumeric, startsSentence: sentenceStart))
                tokens.append(Token(word: tail, original: text[cut..<original.endIndex], clause: clause,
                                    isNumeric: false, startsSentence: false))
            } else {
                tokens.append(Token(word: word, original: original, clause: clause, isNumeric: isNumeric,
                                    startsSentence: sentenceStart))
            }
            sentenceStart = false
        }

        while index < text.endIndex {
            let character = text[index]
            // Word characters first: no symbol or break is a letter or a digit, and most characters are.
            guard Self.isWordCharacter(character) else {
                if character == " " {
                    index = text.index(after: index)
                    continue
                }
                if Self.symbols.contains(character) {
                    add(index..<text.index(after: index))
                    index = text.index(after: index)
                    continue
                }
                if Self.clauseBreaks.contains(character), !Self.joinsNumber(at: index, in: text) {
                    if tokens.last?.clause == clause { clause += 1 }
                    if Self.sentenceBreaks.contains(character) { sentenceStart = true }
                }
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex {
                let next = text[end]
                if Self.isWordCharacter(next) {
                    end = text.index(after: end)
                } else if "'’-".contains(next) || Self.joinsNumber(at: end, in: text) {
                    // Inside a word only: "can't", "10-week", "3,000", "1.2".
                    let after = text.index(after: end)
                    guard after < text.endIndex, Self.isWordCharacter(text[after]), end > index else { break }
                    end = after
                } else {
                    break
                }
            }
            add(index..<end)
            index = end
        }
        self.tokens = tokens
    }

    /// Curly apostrophes made straight, scalar by scalar (every token of every answer passes here).
    private static func straightApostrophes(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0 == "’" || $0 == "‘" }) else { return word }
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars { scalars.append(scalar == "’" || scalar == "‘" ? "'" : scalar) }
        return String(scalars)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (ascii >= 0x30 && ascii <= 0x39) || ((ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A)
        }
        return character.isLetter || character.isNumber
    }

    /// "3,000" and "1.2": the separator sits between digits.
    private static func joinsNumber(at index: String.Index, in text: String) -> Bool {
        guard ",.".contains(text[index]), index > text.startIndex else { return false }
        let after = text.index(after: index)
        return after < text.endIndex && text[text.index(before: index)].isNumber && text[after].isNumber
    }

    /// The text as typed from token `range.lowerBound` through `range.upperBound - 1`.
    func words(_ range: Range<Int>) -> String {
        String(text[tokens[range.lowerBound].original.startIndex..<tokens[range.upperBound - 1].original.endIndex])
    }
}

/// One entry of a word list, ready to match: a phrase of words, matched
/// case-insensitively unless written in capitals ("IT" is not "it").
struct Phrase {
    let words: [String]
    let caseSensitive: Bool

    init(_ entry: String) {
        // "'s", "'d like": a contraction's tail, which the tokenizer splits off a word.
        let tail = entry.first.map { "'’".contains($0) } ?? false
        let utterance = Utterance(tail ? String(entry.dropFirst()) : entry)
        let caseSensitive = entry.count > 1 && entry.allSatisfy { !$0.isLetter || $0.isUppercase }
        self.caseSensitive = caseSensitive
        var words = utterance.tokens.map { caseSensitive ? String($0.original) : $0.word }
        if tail, !words.isEmpty { words[0] = "'" + words[0] }
        self.words = words
    }

    func matches(_ tokens: [Utterance.Token], at start: Int) -> Bool {
        guard !words.isEmpty, start + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[start + offset]
            if (caseSensitive ? String(token.original) : token.word) != word { return false }
        }
        return true
    }
}

/// A word list compiled once: which phrases start at a token, found by the
/// token's word instead of trying every phrase of the list (the coach asks
/// for every token of every answer, against two dozen lists).
struct PhraseList {
    /// Phrases by their first word (lowercased, or as written for capitals), longest first.
    private let byFirstWord: [String: [Phrase]]
    private let byFirstWordAsWritten: [String: [Phrase]]

    init(_ entries: [String]) {
        // Longest first, so "lead time" wins over "lead".
        let phrases = entries.map(Phrase.init).filter { !$0.words.isEmpty }.sorted { $0.words.count > $1.words.count }
        byFirstWord = Dictionary(grouping: phrases.filter { !$0.caseSensitive }, by: { $0.words[0] })
        byFirstWordAsWritten = Dictionary(grouping: phrases.filter(\.caseSensitive), by: { $0.words[0] })
    }

    /// The token range of the longest phrase starting at `start`, if any.
    func match(_ tokens: [Utterance.Token], at start: Int) -> Range<Int>? {
        let token = tokens[start]
        let lowercased = byFirstWord[token.word]?.first { $0.matches(tokens, at: start) }
        let asWritten = byFirstWordAsWritten.isEmpty ? nil
            : byFirstWordAsWritten[String(token.original)]?.first { $0.matches(tokens, at: start) }
        let length = max(lowercased?.words.count ?? 0, asWritten?.words.count ?? 0)
        return length == 0 ? nil : start..<(start + length)
    }

    /// Every match, left to right, not overlapping.
    func matches(in utterance: Utterance) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < utterance.tokens.count {
            if let range = match(utterance.tokens, at: index) {
                found.append(range)
                index = range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    func contains(_ token: Utterance.Token) -> Bool {
        byFirstWord[token.word]?.contains { $0.words.count == 1 } == true
            || byFirstWordAsWritten[String(token.original)]?.contains { $0.words.count == 1 } == true
    }
}
