/// JSON string literals written straight into bytes. Exports and lists of
/// 100,000 rows spent half their time in JSONEncoder building a dictionary
/// per row; this writes what JSONEncoder writes with `.withoutEscapingSlashes`
/// (quote, backslash and control characters escaped, everything else as is),
/// so a file stays byte-identical to the ones written before.
public enum JSONText {
    /// How a streamed JSON array of objects is laid out, one object a line, indented by two:
    /// what comes before the `number`th object (from 1).
    public static func beforeElement(_ number: Int) -> String { number == 1 ? "[\n  " : ",\n  " }

    /// What ends an array of `count` objects: an empty one is `[]`, as JSONEncoder writes it.
    public static func arrayEnd(count: Int) -> String { count == 0 ? "[]\n" : "\n]\n" }

    /// Appends `text` as a JSON string, quotes included.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// Appends valid UTF-8 bytes as a JSON string, quotes included.
    public static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: copy runs of plain bytes at once.
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(UInt8(ascii: "\""))
    }

    public static func string(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
