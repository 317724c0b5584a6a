/// Text from a buyer, a CSV or a JSONL file is stored exactly, so what
/// cannot survive exactly is refused before it is stored (a NUL ends a C
/// string: exports cut the field there; an ESC or a BEL is a command to the
/// manager's terminal), and text shown on a terminal has its control
/// characters made visible.
public enum ControlCharacters {
    /// Where a refused character is, and which one.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// 1-based, within the text itself: a caller adds where the text started.
        public let line: Int
        public let column: Int
        public let scalar: Unicode.Scalar

        /// `U+001B (ESC) is a control character; …`
        public var reason: String {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let name = Self.names[scalar.value].map { " (\($0))" } ?? ""
            return "U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)\(name) is a control character; qualify stores text exactly and cannot keep it"
        }

        /// `line 1, column 2: U+0000 (NUL) is a control character; … Remove it and try again.`
        public var description: String { "line \(line), column \(column): \(reason). Remove it and try again." }

        static let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
            0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC",
        ]
    }

    /// The first C0 or C1 control or DEL other than tab and newline. A CR is
    /// accepted just before a newline (a line end written on Windows, which a
    /// CSV cell or a pasted paragraph may hold) and refused alone, where a
    /// terminal would use it to write over the line.
    public static func firstProblem(in text: String) -> Problem? {
        // Most text has no byte below 0x20 but tab and newline, none of 0x7F and no C1 (0xC2 0x80-0x9F).
        guard mayContainControls(text) else { return nil }
        var line = 1, column = 0
        var pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR && scalar != "\n" { return Problem(line: line, column: column, scalar: "\r") }
            pendingCR = false
            column += 1
            switch scalar {
            case "\n": line += 1; column = 0
            case "\t": break
            case "\r": pendingCR = true
            default: if isControl(scalar) { return Problem(line: line, column: column, scalar: scalar) }
            }
        }
        return pendingCR ? Problem(line: line, column: column, scalar: "\r") : nil
    }

    /// The text with every control character a terminal would act on written
    /// as `\u{1B}`; tab, newline and a CR before a newline stay. With
    /// `keepingColors`, the colour and bold sequences qualify itself adds
    /// (ESC [ digits m) stay too: they cannot clear the screen, move the
    /// cursor, set the window title or make a link.
    public static func visible(_ text: String, keepingColors: Bool = false) -> String {
        guard mayContainControls(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var shown = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if keepingColors, scalar == "\u{1B}", let end = endOfColor(scalars, from: index) {
                shown.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            let lineEnd = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            if isControl(scalar) && scalar != "\t" && scalar != "\n" && !lineEnd {
                shown.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                shown.append(scalar)
            }
            index += 1
        }
        return String(shown)
    }

    /// ESC [ (digits or ;)* m starting at `start`: the index of the `m`.
    private static func endOfColor(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == ";" { index += 1 }
        return index < scalars.count && scalars[index] == "m" ? index : nil
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func mayContainControls(_ text: String) -> Bool {
        text.utf8.contains { byte in (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 }
    }
}
