extension String {
    /// Prose folded at spaces so no line is wider than `width` terminal
    /// columns. A continuation line starts with `indent`, or with the
    /// leading spaces of the line it continues. Colour codes take no
    /// columns, a word wider than a line stays whole, and spaces are never
    /// removed except the one a line break replaces, so quoted words keep
    /// their spacing. For questions, hints and help, never for the stored words.
    public func wrapped(toWidth width: Int, indent: String? = nil) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { Self.wrap($0, width: width, indent: indent) }
            .joined(separator: "\n")
    }

    private static func wrap(_ line: Substring, width: Int, indent: String?) -> String {
        let leading = line.prefix(while: { $0 == " " })
        let continuation = indent ?? String(leading)
        var lines: [String] = []
        var current = String(leading)
        var currentWidth = columns(leading)
        var startsLine = true
        for word in line.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = columns(word)
            if !startsLine, !word.isEmpty, currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = continuation + word
                currentWidth = columns(continuation[...]) + wordWidth
            } else {
                current += (startsLine ? "" : " ") + word
                currentWidth += (startsLine ? 0 : 1) + wordWidth
            }
            startsLine = false
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Columns on screen, skipping colour codes (ESC [ … letter, or qualify's own `TerminalColor`).
    private static func columns(_ text: Substring) -> Int {
        var total = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" || character.unicodeScalars.first.map(TerminalColor.isMarker) == true {
                inEscape = true
            } else {
                total += character.terminalWidth
            }
        }
        return total
    }
}
