/// Finds the quoted passages of a letter as the templates set them — between
/// a pair of the language's marks, or as a block of `> ` lines — so each can
/// be held against what the buyer really said.
public struct QuotedPassage: Equatable, Sendable {
    /// 1-based line where the quote starts.
    public var line: Int
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// A statement a quote may reproduce: its text and how to name it.
public struct StoredWords: Sendable {
    public var statementId: Int64
    public var text: String
    public var source: QuoteSource
    /// Replaced by a later version since.
    public var isSuperseded: Bool

    public init(statementId: Int64, text: String, source: QuoteSource, isSuperseded: Bool) {
        self.statementId = statementId
        self.text = text
        self.source = source
        self.isSuperseded = isSuperseded
    }
}

public enum LetterCheck {
    public enum Verdict: Sendable {
        /// Byte for byte one stored statement.
        case matches(QuotedPassage, StoredWords)
        /// No stored statement of the opportunity; the closest one, if any.
        case unknown(QuotedPassage, closest: StoredWords?)
    }

    /// `ignoring`: text qualify itself wrote into the letter (plan steps,
    /// names) whose own marks are not quotes of the buyer.
    public static func passages(in letter: String, marks: QuotationMarks, markdown: Bool = false,
                                ignoring: [String] = []) -> [QuotedPassage] {
        var found: [QuotedPassage] = []
        var block: (line: Int, lines: [String])?
        func closeBlock() {
            if let open = block { found.append(QuotedPassage(line: open.line, text: open.lines.joined(separator: "\n"))) }
            block = nil
        }
        let lines = letter.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        for (index, raw) in lines.enumerated() {
            let trimmed = raw.drop(while: { $0 == " " })
            if trimmed.hasPrefix(">") {
                var content = String(trimmed.dropFirst())
                if content.hasPrefix(" ") { content.removeFirst() }
                if markdown { content = Markdown.unescaped(withoutHardBreak(content)) }
                if block == nil { block = (index + 1, []) }
                block!.lines.append(content)
                continue
            }
            closeBlock()
            var line = raw
            for text in ignoring where !text.isEmpty {
                line = line.replacingOccurrences(of: text, with: String(repeating: " ", count: text.count))
            }
            for quote in inline(line, marks: marks) {
                found.append(QuotedPassage(line: index + 1, text: markdown ? Markdown.unescaped(quote) : quote))
            }
        }
        closeBlock()
        return found
    }

    /// Each passage against the stored words, byte for byte (not Swift's
    /// canonical equivalence: a decomposed č is not what was typed), or as
    /// qualify printed them: a letter saved from `qualify letter` shows a
    /// direction override as `\u{202E}`, and is still the buyer's words.
    public static func verdicts(_ passages: [QuotedPassage], against stored: [StoredWords]) -> [Verdict] {
        passages.map { passage in
            let bytes = Array(passage.text.utf8)
            let matches = stored.filter { Array($0.text.utf8) == bytes || Array(ControlCharacters.visible($0.text).utf8) == bytes }
            if let best = matches.first(where: { !$0.isSuperseded }) ?? matches.first { return .matches(passage, best) }
            let closest = stored.min { distance($0.text, passage.text) < distance($1.text, passage.text) }
            return .unknown(passage, closest: closest)
        }
    }

    /// Quotes on one line: from the earliest opening mark of any pair to that pair's closing mark.
    static func inline(_ line: String, marks: QuotationMarks) -> [String] {
        var quotes: [String] = []
        var rest = line[...]
        while true {
            let opened = marks.pairs.compactMap { pair in rest.range(of: pair.open).map { (pair, $0) } }
                .min { $0.1.lowerBound < $1.1.lowerBound }
            guard let (pair, open) = opened,
                  let close = rest[open.upperBound...].range(of: pair.close) else { return quotes }
            quotes.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
    }

    /// A Markdown line ending in an odd number of backslashes ends in a hard break.
    static func withoutHardBreak(_ line: String) -> String {
        let trailing = line.reversed().prefix(while: { $0 == "\\" }).count
        return trailing % 2 == 1 ? String(line.dropLast()) : line
    }

    /// Levenshtein distance over characters: how far an altered quote is from a statement.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
