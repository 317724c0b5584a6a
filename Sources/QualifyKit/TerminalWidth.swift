/// How many terminal columns text takes: an emoji or a CJK character takes
/// two, so tables padded by character count went crooked at them. An
/// approximation of wcwidth(3) from Unicode properties; tables only.
extension String {
    public var terminalWidth: Int {
        // Printable ASCII, most cells of a 100,000-row list, takes a column a byte;
        // asking Unicode's properties of every character was 40% of `opportunity list`.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return utf8.count }
        // What takes columns is what the terminal gets: a control character as its code
        // (`\u{1B}`, six columns), qualify's own colours as nothing.
        return ControlCharacters.visible(self).reduce(0) { $0 + $1.terminalWidth }
    }

    /// The text followed by spaces up to `width` columns (never cut).
    public func padded(to width: Int) -> String {
        let missing = width - terminalWidth
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}

extension Character {
    var terminalWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        let properties = first.properties
        if properties.isEmojiPresentation || unicodeScalars.contains("\u{FE0F}") { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            switch properties.generalCategory {
            case .control, .format, .nonspacingMark, .enclosingMark: return 0
            default: return 1
            }
        }
    }
}
