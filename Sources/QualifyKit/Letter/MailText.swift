import Foundation

/// The plain-text body of an e-mail file (.eml), so a letter saved from a
/// mail program can be checked: the first text/plain part, base64,
/// quoted-printable or 8-bit, as UTF-8.
public enum MailText {
    public static func plainText(of message: String) -> String? {
        let normalized = message.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalized.range(of: "\n\n") else { return nil }
        let headers = unfolded(String(normalized[..<split.lowerBound]))
        let body = String(normalized[split.upperBound...])
        let contentType = headers["content-type"] ?? "text/plain"
        if contentType.lowercased().hasPrefix("multipart/") {
            guard let boundary = parameter("boundary", of: contentType) else { return nil }
            for part in body.components(separatedBy: "--" + boundary).dropFirst() where !part.hasPrefix("--") {
                let trimmed = part.hasPrefix("\n") ? String(part.dropFirst()) : part
                if let text = plainText(of: trimmed) { return text }
            }
            return nil
        }
        guard contentType.lowercased().hasPrefix("text/plain") else { return nil }
        switch headers["content-transfer-encoding"]?.lowercased() {
        case "base64":
            let data = Data(base64Encoded: body.filter { !$0.isWhitespace })
            return data.flatMap { String(data: $0, encoding: .utf8) }
        case "quoted-printable":
            return quotedPrintable(body)
        default:
            return body.hasSuffix("\n") ? String(body.dropLast()) : body
        }
    }

    /// The Subject header, its RFC 2047 UTF-8 words decoded.
    public static func subject(of message: String) -> String? {
        let normalized = message.replacingOccurrences(of: "\r\n", with: "\n")
        let block = normalized.range(of: "\n\n").map { String(normalized[..<$0.lowerBound]) } ?? normalized
        guard let raw = unfolded(block)["subject"] else { return nil }
        var decoded = ""
        // Whitespace between two encoded words is not part of the text; elsewhere it is.
        var previous: (encoded: Bool, any: Bool) = (false, false)
        for word in raw.split(separator: " ") {
            let lower = word.lowercased()
            var text = String(word)
            let encoded = lower.hasPrefix("=?utf-8?") && word.hasSuffix("?=") && word.count > 12
            if encoded {
                let payload = String(word.dropFirst(10).dropLast(2))
                let bytes: [UInt8]?
                switch lower.dropFirst(8).first {
                case "b": bytes = Data(base64Encoded: payload).map(Array.init)
                case "q": bytes = quotedPrintable(payload.replacingOccurrences(of: "_", with: " ")).map { Array($0.utf8) }
                default: bytes = nil
                }
                guard let bytes, let value = String(validating: bytes, as: UTF8.self) else { return nil }
                text = value
            }
            if previous.any && !(encoded && previous.encoded) { decoded += " " }
            decoded += text
            previous = (encoded, true)
        }
        return decoded
    }

    /// Header names in lower case; continuation lines joined.
    static func unfolded(_ block: String) -> [String: String] {
        var headers: [String: String] = [:]
        var last: String?
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", let name = last {
                headers[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = name
            }
        }
        return headers
    }

    static func parameter(_ name: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    static func quotedPrintable(_ body: String) -> String? {
        var bytes: [UInt8] = []
        let source = Array(body.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
               let byte = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
