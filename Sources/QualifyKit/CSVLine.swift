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
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
