/// Joins the lines of a `"""` block into one answer, so a long quote with
/// line breaks is stored as the buyer said it. Works the same for piped
/// input and the terminal.
public struct QuoteBlockAssembler: Sendable {
    public static let delimiter = "\"\"\""

    public enum Assembled: Equatable, Sendable {
        /// A line typed on its own: an answer or a command.
        case line(String)
        /// The text of a whole block: always an answer, even if it starts with "/".
        case quote(String)
    }

    private var lines: [String]?

    public init() {}

    public var isOpen: Bool { lines != nil }

    /// Feeds one line; returns what is complete, or nil while a block is open.
    public mutating func feed(_ line: String) -> Assembled? {
        if var open = lines {
            if line == Self.delimiter {
                lines = nil
                return .quote(open.joined(separator: "\n"))
            }
            open.append(line)
            lines = open
            return nil
        }
        if line == Self.delimiter {
            lines = []
            return nil
        }
        return .line(line)
    }

    /// Ctrl-C inside a block drops the whole block, as it drops a half-typed line.
    public mutating func cancel() { lines = nil }

    /// The text of a block that input ended inside, so it is not lost.
    public mutating func flush() -> String? {
        defer { lines = nil }
        guard let open = lines, !open.isEmpty else { return nil }
        return open.joined(separator: "\n")
    }
}
