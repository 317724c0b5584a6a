/// The quotation marks of one language, preferred pair first. The buyer's
/// words are never wrapped in a pair whose marks they already contain: the
/// next pair is used, and when every pair clashes (or the words run over
/// several lines) they are set as an indented block instead.
public struct QuotationMarks: Equatable, Sendable {
    public struct Pair: Equatable, Sendable {
        public var open: String
        public var close: String

        public init(open: String, close: String) {
            self.open = open
            self.close = close
        }
    }

    /// How one quote is set.
    public enum Setting: Equatable, Sendable {
        case inline(Pair)
        case block
    }

    public let pairs: [Pair]

    public init(pairs: [Pair]) {
        self.pairs = pairs
    }

    /// English typographic marks, for a letter whose language has none configured.
    public static let english = QuotationMarks(pairs: [
        Pair(open: "\u{201C}", close: "\u{201D}"), Pair(open: "\u{2018}", close: "\u{2019}"),
        Pair(open: "\u{AB}", close: "\u{BB}"),
    ])

    public func setting(for text: String) -> Setting {
        if text.contains(where: \.isNewline) { return .block }
        let clash = pairs.first { !text.contains($0.open) && !text.contains($0.close) }
        return clash.map(Setting.inline) ?? .block
    }
}
