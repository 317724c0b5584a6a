import Foundation

/// Everything qualify prints goes through here, so colour is decided once
/// (terminal, $NO_COLOR, --no-color) and errors always reach stderr.
struct Console: Sendable {
    var colors: Bool

    func say(_ text: String = "") {
        print(text)
        // Before the next prompt, so piped readers and the pty see it at once.
        fflush(nil)
    }

    /// One line, always: a library's multi-line message is folded so the
    /// user sees what went wrong and what to do, not a dump.
    /// A whole document (a letter, a report) that already ends its last line.
    func document(_ text: String) {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        fflush(nil)
    }

    func error(_ text: String) {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        FileHandle.standardError.write(Data("qualify: \(line)\n".utf8))
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }

    func bold(_ text: String) -> String { styled(text, "1") }
    func dim(_ text: String) -> String { styled(text, "2") }
    func accent(_ text: String) -> String { styled(text, "36") }
    func warning(_ text: String) -> String { styled(text, "33") }

    private func styled(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
