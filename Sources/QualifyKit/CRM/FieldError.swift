/// A value the rep typed (or a CSV cell) that a CRM field refuses. The
/// message says what was wrong and shows a value that works.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    /// What an import's summary groups this refusal under ("ambiguous date"),
    /// and what fixes every row of it at once; nil groups by column.
    public var summary: String?
    public var fix: String?
    /// What a bad row of a file says, shorter than `description` because the
    /// summary line says the rest once (where the default came from, the flag).
    public var inRow: String?
    /// What the summary counts instead of the whole cell: the `$` of `$22,700.00`.
    public var counted: String?

    public init(_ description: String, summary: String? = nil, fix: String? = nil, inRow: String? = nil, counted: String? = nil) {
        self.description = description
        self.summary = summary
        self.fix = fix
        self.inRow = inRow
        self.counted = counted
    }

    /// Two refusals are the same when they say the same.
    public static func == (a: FieldError, b: FieldError) -> Bool { a.description == b.description }
}

extension StringProtocol {
    /// Without surrounding spaces and tabs. Foundation's trimmingCharacters
    /// is measurably slow on Linux, and an import calls this on every cell.
    @inlinable public var trimmedSpaces: String {
        // Bytes, when that gives the same answer: spaces and tabs are ASCII, and only a
        // non-ASCII neighbour (a combining mark, a prepended sign) could join one to a character.
        let utf8 = self.utf8
        let isSpaceByte = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        // Most cells have nothing to trim: two bytes say so.
        if let head = utf8.first, !isSpaceByte(head), let text = self as? String, let tail = text.utf8.last, !isSpaceByte(tail) { return text }
        guard let first = utf8.firstIndex(where: { !isSpaceByte($0) }) else { return "" }
        var last = first
        for index in utf8.indices[first...] where !isSpaceByte(utf8[index]) { last = index }
        let end = utf8.index(after: last)
        if (first == utf8.startIndex || utf8[first] < 0x80) && (end == utf8.endIndex || utf8[last] < 0x80) {
            return String(self[first..<end])
        }
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
