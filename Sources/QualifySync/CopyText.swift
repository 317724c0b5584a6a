import PostgresNIO
import QualifyStore

/// PostgreSQL's COPY text format: one line per row, tab between columns,
/// `\N` for NULL, and backslash escapes for the four characters that would
/// break a line, so a buyer's multi-line quote arrives byte for byte.
enum CopyText {
    static func encode(_ rows: [[ExportValue]]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: rows.count * 160)
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch value {
                case .null: buffer.writeStaticString("\\N")
                case .integer(let number): buffer.writeString(String(number))
                case .text(let text): writeEscaped(text, into: &buffer)
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        return buffer
    }

    private static func writeEscaped(_ text: String, into buffer: inout ByteBuffer) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
        guard text.utf8.contains(where: special) else {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// A pulled column, read as text, back into the value the local file stores.
    static func value(_ text: String?, type: SyncColumnType) -> ExportValue {
        guard let text else { return .null }
        if type == .integer, let number = Int64(text) { return .integer(number) }
        return .text(text)
    }
}
