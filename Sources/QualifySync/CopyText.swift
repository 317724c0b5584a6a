import PostgresNIO
import QualifyStore

/// PostgreSQL's COPY text format: one line per row, tab between columns,
/// `\N` for NULL, and backslash escapes for the four characters that would
/// break a line, so a buyer's multi-line quote arrives byte for byte.
enum CopyText {
    /// Bytes of one value, escaped where COPY text needs it.
    static func writeEscaped(_ bytes: UnsafeRawBufferPointer, into buffer: inout ByteBuffer) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
        guard bytes.contains(where: special) else {
            buffer.writeBytes(bytes)
            return
        }
        for byte in bytes {
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

/// Rows of a push written as COPY text as SQLite hands them over, into one buffer per page.
struct CopyTextRows: OutgoingRowWriter {
    var buffer: ByteBuffer
    private var startsRow = true
    private static let digits = Array("0123456789abcdef".utf8)

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    private mutating func separate() {
        if !startsRow { buffer.writeInteger(UInt8(ascii: "\t")) }
        startsRow = false
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func integer(_ value: Int64) {
        separate()
        buffer.writeString(String(value))
    }

    mutating func text(_ bytes: UnsafeRawBufferPointer) {
        separate()
        CopyText.writeEscaped(bytes, into: &buffer)
    }

    /// 32 hex digits, which PostgreSQL reads as a uuid.
    mutating func uuid(_ bytes: UnsafeRawBufferPointer) {
        separate()
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 32) { target in
            for (index, byte) in bytes.enumerated() {
                target[2 * index] = Self.digits[Int(byte >> 4)]
                target[2 * index + 1] = Self.digits[Int(byte & 0x0F)]
            }
            return 32
        }
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        startsRow = true
    }
}
