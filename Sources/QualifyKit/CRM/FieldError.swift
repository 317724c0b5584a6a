/// A value the rep typed (or a CSV cell) that a CRM field refuses. The
/// message says what was wrong and shows a value that works.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension StringProtocol {
    /// Without surrounding spaces and tabs. Foundation's trimmingCharacters
    /// is measurably slow on Linux, and an import calls this on every cell.
    public var trimmedSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
