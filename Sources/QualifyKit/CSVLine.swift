/// One RFC 4180 record: fields joined by commas, quoted only when they hold
/// a comma, quote or line break, quotes doubled, CRLF at the end; nothing
/// else changes, so the buyer's words come out byte for byte. Every CSV
/// qualify writes (review, lists, CRM exports) is made of these lines, so
/// a report can stream them; CSV.swift reads the files back.
public enum CSVLine {
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ text: String) -> String {
        // Bytes, not Characters: grapheme breaking a million texts costs more than the query.
        guard text.utf8.contains(where: needsQuotes) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `field`, on bytes straight from SQLite, appended to `out`.
    public static func appendField(_ bytes: [UInt8], to out: inout [UInt8]) {
        guard bytes.contains(where: needsQuotes) else { return out.append(contentsOf: bytes) }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }
}
