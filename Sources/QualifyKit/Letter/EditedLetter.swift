/// A letter the rep edited: plain text with no template behind it. Its
/// `Subject:` line (if kept) becomes the e-mail's subject; HTML shows the
/// text as written, escaped, line breaks kept.
public struct EditedLetter: Sendable {
    public var body: String

    public init(body: String) {
        self.body = body
    }

    private var lines: [Substring] { body.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The first `Subject:` line before the greeting, if the rep kept one.
    public var subject: String? {
        lines.prefix(5).first { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst("Subject: ".count)) }
    }

    /// The text without its Subject line and the blank line after it.
    public var withoutSubject: String {
        var kept = lines
        if let index = kept.prefix(5).firstIndex(where: { $0.hasPrefix("Subject: ") }) {
            kept.remove(at: index)
            if index < kept.count, kept[index].isEmpty { kept.remove(at: index) }
        }
        return kept.joined(separator: "\n")
    }

    public var html: String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
        return """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>\(escaped(subject ?? ""))</title>
            </head>
            <body>
            <div style="white-space: pre-wrap; font-family: sans-serif">\(escaped(withoutSubject))</div>
            </body>
            </html>

            """
    }
}
