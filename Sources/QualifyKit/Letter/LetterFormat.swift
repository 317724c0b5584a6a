/// What `qualify letter --format` writes.
public enum LetterFormat: String, CaseIterable, Sendable {
    case text, markdown, html, eml
}

/// A letter's templates come in three families; an e-mail carries the text
/// and the HTML renderings side by side.
public enum TemplateFamily: String, CaseIterable, Sendable {
    case text = "txt"
    case markdown = "md"
    case html

    /// Markdown needs its punctuation escaped by us; the HTML escaping is
    /// Mustache's own, and plain text is never escaped.
    func escaped(_ text: String) -> String {
        self == .markdown ? Markdown.escaped(text) : text
    }
}

/// The buyer's words inside a Markdown letter: every character that could
/// turn them into markup (emphasis, a link, raw HTML) is backslash-escaped,
/// so the rendered page shows exactly what was said.
public enum Markdown {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "#", "|", "~", "!", "{", "}"]

    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if special.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Removes CommonMark's backslash escapes (a backslash before ASCII punctuation).
    public static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                if !(character.isASCII && character.isPunctuation || character.isSymbol && character.isASCII) { result.append("\\") }
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }
}
