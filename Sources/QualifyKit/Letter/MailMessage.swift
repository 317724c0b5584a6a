import Foundation

/// A complete RFC 5322 message with MIME parts: what `letter --format eml`
/// writes, ready to open in a mail program and send. Non-ASCII subjects and
/// display names are RFC 2047 encoded words; every part is UTF-8 in base64,
/// so the buyer's words arrive byte for byte whatever relays the mail.
public struct MailMessage: Sendable {
    public struct Address: Equatable, Sendable {
        public var name: String
        public var email: String

        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    public struct Attachment: Sendable {
        public var filename: String
        /// e.g. `text/calendar; method=PUBLISH`.
        public var contentType: String
        public var content: String

        public init(filename: String, contentType: String, content: String) {
            self.filename = filename
            self.contentType = contentType
            self.content = content
        }
    }

    public var from: Address
    public var to: Address
    public var subject: String
    public var date: Date
    public var messageID: String
    public var text: String
    public var html: String
    public var attachments: [Attachment]

    public init(from: Address, to: Address, subject: String, date: Date, messageID: String,
                text: String, html: String, attachments: [Attachment] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// A Message-ID in the sender's domain.
    public static func messageID(for email: String, id: UUID = UUID()) -> String {
        let domain = email.split(separator: "@").last.map(String.init) ?? "qualify.invalid"
        return "<\(id.uuidString.lowercased())@\(domain)>"
    }

    /// The whole message, CRLF line ends.
    public var rendered: String {
        let boundary = "qualify-" + UUID().uuidString.lowercased()
        var lines = [
            "From: " + Self.mailbox(from),
            "To: " + Self.mailbox(to),
            "Subject: " + Self.headerText(subject),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
        ]
        let alternative = attachments.isEmpty ? boundary : boundary + "-alt"
        if !attachments.isEmpty {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--" + boundary]
        }
        lines += ["Content-Type: multipart/alternative; boundary=\"\(alternative)\"", ""]
        lines += ["--" + alternative] + Self.part("text/plain; charset=UTF-8", text)
        lines += ["--" + alternative] + Self.part("text/html; charset=UTF-8", html)
        lines.append("--" + alternative + "--")
        for attachment in attachments {
            lines.append("--" + boundary)
            lines += Self.part(attachment.contentType + "; charset=UTF-8", attachment.content,
                               disposition: "attachment; filename=\"\(attachment.filename)\"")
        }
        if !attachments.isEmpty { lines.append("--" + boundary + "--") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func part(_ contentType: String, _ content: String, disposition: String? = nil) -> [String] {
        var lines = ["Content-Type: " + contentType, "Content-Transfer-Encoding: base64"]
        if let disposition { lines.append("Content-Disposition: " + disposition) }
        lines.append("")
        let encoded = Data(content.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        lines.append("")
        return lines
    }

    /// `"Name" <address>`, or encoded words for a name that is not plain ASCII.
    static func mailbox(_ address: Address) -> String {
        guard !address.name.isEmpty else { return "<\(address.email)>" }
        if isPlain(address.name) {
            let quoted = address.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address.email)>"
        }
        return encodedWords(address.name) + " <\(address.email)>"
    }

    /// Plain when short printable ASCII; otherwise RFC 2047 encoded words.
    static func headerText(_ text: String) -> String {
        isPlain(text) && text.utf8.count <= 60 ? text : encodedWords(text)
    }

    private static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, split between
    /// characters (never inside one), folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        UTCTime.string(date, "EEE, dd MMM yyyy HH:mm:ss '+0000'")
    }
}
