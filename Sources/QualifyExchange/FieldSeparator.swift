/// The character between a file's fields. Excel in much of Europe, SuiteCRM,
/// vtiger and Zoho in de/fr/sl locales write semicolons (the comma being their
/// decimal mark), some exports tabs; quoting is RFC 4180's whatever the separator.
public enum FieldSeparator: String, CaseIterable, Sendable {
    case comma, semicolon, tab

    var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        case .tab: UInt8(ascii: "\t")
        }
    }

    /// Whether the comma may be the file's decimal mark: wherever it does not separate the
    /// fields. Excel writes semicolons (its CSV) or tabs (its Text) between fields in locales
    /// whose decimal mark is the comma, so a bare `1,500` there is not read as fifteen hundred.
    public var commaMayBeDecimal: Bool { self != .comma }

    /// How the summary says a file was read: "semicolon-separated".
    public var described: String { "\(rawValue)-separated" }

    /// The separator a header line is written with: of comma, semicolon and tab
    /// outside quotes, the most frequent (the comma on a tie, and when none
    /// occurs: a one-column file). Only the header decides, so a comma file
    /// whose notes hold semicolons stays a comma file.
    static func detect(header bytes: UnsafeBufferPointer<UInt8>) -> FieldSeparator {
        var counts = [0, 0, 0]
        var quoted = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { counts[0] += 1 }
            case UInt8(ascii: ";"): if !quoted { counts[1] += 1 }
            case UInt8(ascii: "\t"): if !quoted { counts[2] += 1 }
            default: break
            }
        }
        let most = counts.max() ?? 0
        guard most > 0, let index = counts.firstIndex(of: most) else { return .comma }
        return allCases[index]
    }

    /// Where the header line ends (its first line break outside quotes), or nil
    /// when `bytes` holds none yet.
    static func headerEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var quoted = false
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return index }
        }
        return nil
    }
}
