import Foundation
import LineEditor
import QualifyKit

/// Everything qualify prints goes through here, so colour is decided once
/// (terminal, $NO_COLOR, --no-color) and errors always reach stderr.
public struct Console: Sendable {
    public var colors: Bool
    private let streams: ConsoleStreams
    /// The terminal's width now, nil when output is not a terminal (a pipe gets lines whole).
    private let columns: @Sendable () -> Int?

    /// `streams` is the process's stdout and stderr unless a test captures them.
    public init(colors: Bool, streams: ConsoleStreams = .standard,
                columns: @escaping @Sendable () -> Int? = { Terminal.columns(1) }) {
        self.colors = colors
        self.streams = streams
        self.columns = columns
    }

    public func say(_ text: String = "") {
        streams.output(shown(text) + "\n")
    }

    /// Questions, hints, help and the coach's words, folded at spaces to the
    /// terminal's width so no word is cut at the edge. Never the buyer's stored words.
    public func prose(_ text: String, indent: String? = nil) {
        say(columns().map { text.wrapped(toWidth: $0, indent: indent) } ?? text)
    }

    /// A whole document (a letter, a report) that already ends its last line.
    public func document(_ text: String) {
        streams.output(shown(text.hasSuffix("\n") ? text : text + "\n"))
    }

    /// Names, answers and imported text may hold control characters, colour
    /// codes included: a terminal sees them as `\u{1B}`, only our own colours act.
    private func shown(_ text: String) -> String { ControlCharacters.visible(text, keepingColors: colors) }

    /// One line, always: a library's multi-line message is folded so the
    /// user sees what went wrong and what to do, not a dump.
    public func error(_ text: String) {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        streams.error("qualify: \(ControlCharacters.visible(line))\n")
    }

    public func note(_ text: String) {
        streams.error("note: \(ControlCharacters.visible(text))\n")
    }

    public func bold(_ text: String) -> String { styled(text, "1") }
    public func dim(_ text: String) -> String { styled(text, "2") }
    public func accent(_ text: String) -> String { styled(text, "36") }
    public func warning(_ text: String) -> String { styled(text, "33") }

    private func styled(_ text: String, _ code: String) -> String {
        colors ? TerminalColor.styled(text, code) : text
    }
}

/// Where a ``Console`` writes: the two standard streams, or a test's buffers.
public struct ConsoleStreams: Sendable {
    public let output: @Sendable (String) -> Void
    public let error: @Sendable (String) -> Void

    public init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        self.output = output
        self.error = error
    }

    public static let standard = ConsoleStreams(
        output: { text in
            print(text, terminator: "")
            // Before the next prompt, so piped readers and the pty see it at once.
            fflush(nil)
        },
        error: { text in FileHandle.standardError.write(Data(text.utf8)) })
}
