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
            "\(Self.label(scalar)) is a control character; qualify stores text exactly and cannot keep it"
        }

        /// `U+001B (ESC)`, `U+0001`.
        static func label(_ scalar: Unicode.Scalar) -> String {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let name = names[scalar.value].map { " (\($0))" } ?? ""
            return "U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)\(name)"
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

    /// A paste without what ``firstProblem(in:)`` refuses, for the rep to check
    /// before sending it, and the characters taken out (`U+001B (ESC)`, each
    /// once); nil when there is nothing to take out. Text copied from a
    /// terminal brings its colours and titles along: a whole CSI (ESC [ … final)
    /// or OSC (ESC ] … BEL or ESC \) sequence goes, not only its ESC, so no
    /// `[31m` is left between the words. Tab, newline and a CR before a newline stay.
    public static func removingControls(from text: String) -> (text: String, removed: [String])? {
        guard mayContainControls(text), firstProblem(in: text) != nil else { return nil }
        let scalars = Array(text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        var removed: [String] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isActedOn(scalars, at: index) else {
                kept.append(scalar)
                index += 1
                continue
            }
            let end = scalar == "\u{1B}" ? escapeSequenceEnd(in: scalars, at: index) : index + 1
            // A colour code goes whole, and the note says so: "[31m" left the line with its ESC.
            var label = Problem.label(scalar)
            if end > index + 1 {
                var code = String.UnicodeScalarView()
                code.append(contentsOf: scalars[(index + 1)..<end].filter { $0.value >= 0x20 && $0.value < 0x7F })
                let shown = String(code)
                label = "the terminal code ESC" + (shown.count > 12 ? shown.prefix(12) + "…" : shown)
            }
            if !removed.contains(label) { removed.append(label) }
            index = end
        }
        return (String(kept), removed)
    }

    /// Where the escape sequence whose ESC is at `index` ends: after a CSI's
    /// final byte or an OSC's BEL or ESC \; just after the ESC when it starts
    /// neither or is cut short, so no words are taken with it.
    private static func escapeSequenceEnd(in scalars: [Unicode.Scalar], at index: Int) -> Int {
        guard index + 1 < scalars.count else { return index + 1 }
        var end = index + 2
        switch scalars[index + 1] {
        case "[":
            while end < scalars.count, (0x20...0x3F).contains(scalars[end].value) { end += 1 }
            return end < scalars.count && (0x40...0x7E).contains(scalars[end].value) ? end + 1 : index + 1
        case "]":
            while end < scalars.count {
                if scalars[end] == "\u{7}" { return end + 1 }
                if scalars[end] == "\u{1B}" { return end + 1 < scalars.count && scalars[end + 1] == "\\" ? end + 2 : index + 1 }
                end += 1
            }
            return index + 1
        default:
            return index + 1
        }
    }

    /// The text with every character a terminal would act on written as
    /// `\u{1B}`: C0 and C1 controls but tab, newline and a CR before a
    /// newline, and the bidirectional overrides and isolates, which would
    /// make a quote read in another order than it was said. With
    /// `keepingColors`, the colours qualify itself asked for (``TerminalColor``)
    /// become ESC [ code m; without, they are dropped. An ESC [ 31 m the text
    /// brought along is shown like any other escape: only qualify colours.
    public static func visible(_ text: String, keepingColors: Bool = false) -> String {
        guard needsShowing(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var shown = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let color = TerminalColor.code(in: scalars, at: index) {
                if keepingColors { shown.append(contentsOf: "\u{1B}[\(color.code)m".unicodeScalars) }
                index = color.end
                continue
            }
            if isActedOn(scalars, at: index) || isDirectionControl(scalar) {
                shown.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                shown.append(scalar)
            }
            index += 1
        }
        return String(shown)
    }

    /// U+202A-U+202E (embeddings, overrides) and U+2066-U+2069 (isolates):
    /// stored as typed, never shown raw ("Trojan Source"). The marks U+200E,
    /// U+200F and U+061C and right-to-left letters themselves are text.
    public static func isDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A control a terminal would act on: any but tab, newline and a CR just before a newline
    /// (the rule ``firstProblem(in:)`` refuses by, for the cleaning and the showing of a text).
    private static func isActedOn(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let scalar = scalars[index]
        guard isControl(scalar), scalar != "\t", scalar != "\n" else { return false }
        return !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n")
    }

    private static func mayContainControls(_ text: String) -> Bool {
        text.utf8.contains { byte in (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 }
    }

    /// Whether `visible` has anything to do: a control, a direction control
    /// or one of qualify's colours. Over the UTF-8 bytes in place, printable
    /// ASCII passed over at once, as a list of 100,000 names or a million-row
    /// review passes through here and almost none of it needs more.
    private static func needsShowing(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count, isPlainASCII(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                index += 1
                if byte >= 0x20 && byte < 0x7F { continue }
                switch byte {
                case 0x09, 0x0A: continue
                case 0..<0x20, 0x7F: return true
                case 0xC2: if follows(bytes, index, 0x80...0x9F) { return true }                        // C1: U+0080-U+009F
                case 0xE2: if follows(bytes, index, 0x80, 0xAA...0xAE) || follows(bytes, index, 0x81, 0xA6...0xA9) {
                    return true                                                                      // U+202A-U+202E, U+2066-U+2069
                }
                case 0xEF: if follows(bytes, index, 0xB7, 0x90...0xAF) { return true }                 // U+FDD0-U+FDEF
                default: continue
                }
            }
            return false
        }
    }

    /// Whether eight bytes are all printable ASCII, tab or newline: tested together, as nearly
    /// every byte of a list is. Each test adds to a byte below 0x80, so no carry crosses bytes.
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
        guard word & high == 0 else { return false }
        let printable = (word &+ ones &* 0x60) & high                     // 0x20 and above
        let delete = (word &+ ones) & high                                // 0x7F
        let newline = ~((word ^ (ones &* 0x0A)) &+ ones &* 0x7F) & high   // 0x0A
        let tab = ~((word ^ (ones &* 0x09)) &+ ones &* 0x7F) & high       // 0x09
        return (printable | newline | tab) == high && delete == 0
    }

    /// Whether the byte at `index` is in `last`.
    private static func follows(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ last: ClosedRange<UInt8>) -> Bool {
        index < bytes.count && last.contains(bytes[index])
    }

    /// Whether the bytes at `index` are `second` and then one in `last`.
    private static func follows(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ second: UInt8, _ last: ClosedRange<UInt8>) -> Bool {
        index + 1 < bytes.count && bytes[index] == second && last.contains(bytes[index + 1])
    }
}

/// qualify's own colours on a terminal. They travel inside the text as a
/// marker, not as ESC [ code m, so the one display function
/// (`ControlCharacters.visible`) can tell them from an ESC [ 31 m that came
/// with a buyer's words, a CSV or a teammate's sync, and show only those.
/// The marker is eight noncharacters (U+FDD0-U+FDEF, which no keyboard or
/// CRM produces) drawn afresh by every run: text stored beforehand cannot
/// hold this run's marker.
public enum TerminalColor {
    static let marker: [Unicode.Scalar] = (0..<8).map { _ in Unicode.Scalar(0xFDD0 + UInt32.random(in: 0..<32))! }
    private static let markerText = String(String.UnicodeScalarView(marker))

    /// `text` in the SGR colour `code` ("1" bold, "2" dim, "1;33" bold yellow), then back to normal.
    public static func styled(_ text: String, _ code: String) -> String {
        start(code) + text + start("0")
    }

    /// Switches to `code` until the next colour.
    public static func start(_ code: String) -> String { markerText + code + "m" }

    /// The colour starting at `index`: its SGR code and where the text after it starts.
    static func code(in scalars: [Unicode.Scalar], at index: Int) -> (code: String, end: Int)? {
        guard scalars[index] == marker[0], index + marker.count < scalars.count,
              scalars[index..<index + marker.count].elementsEqual(marker) else { return nil }
        var end = index + marker.count
        var code = String.UnicodeScalarView()
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" {
            code.append(scalars[end])
            end += 1
        }
        guard end < scalars.count, scalars[end] == "m" else { return nil }
        return (String(code), end + 1)
    }

    /// Part of a marker: takes no column on screen.
    static func isMarker(_ scalar: Unicode.Scalar) -> Bool { (0xFDD0...0xFDEF).contains(scalar.value) }
}
