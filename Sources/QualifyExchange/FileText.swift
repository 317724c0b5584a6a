import Foundation

/// A CSV file's bytes as UTF-8, a chunk at a time, whatever the file was saved as.
///
/// A UTF-8 byte order mark (Excel and vtiger write one) is no part of the first column's
/// name. A file that starts with a UTF-16 one, little- or big-endian (Excel's "Unicode Text"
/// and "CSV UTF-16": a Salesforce or Zoho report opened and saved again in Excel), is
/// transcoded as it is read, so the parser sees UTF-8 only and memory still holds one chunk.
/// Where the text cannot be read (UTF-16 without its mark, half a surrogate pair), the
/// chunk ends with a byte no UTF-8 has and `failure` says why: the parser's UTF-8 check
/// stops there as at any bad byte, after the records before it.
struct FileText {
    enum Encoding: Equatable {
        case utf8, utf16(bigEndian: Bool)

        /// How the import summary names it, when it is not plain UTF-8.
        var described: String? {
            switch self {
            case .utf8: nil
            case .utf16(let bigEndian): bigEndian ? "UTF-16 (big-endian)" : "UTF-16"
            }
        }
    }

    private let handle: FileHandle
    private let chunkSize: Int
    /// Nil until the first bytes are read.
    private(set) var encoding: Encoding?
    /// Why the text stops being readable, said in the words of the file's encoding.
    private(set) var failure: String?
    /// The bytes of a UTF-16 character whose rest is in the next chunk.
    private var carry: [UInt8] = []

    /// What ends a chunk where its text cannot be read: never a byte of UTF-8.
    private static let unreadable: UInt8 = 0xFF

    init(handle: FileHandle, chunkSize: Int) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// Appends the next UTF-8 bytes to `pending`; false at the end of the file or after a `failure`.
    /// A UTF-8 file's chunk goes from the file's buffer straight in: copied into an array of
    /// its own on the way, 100,000 rows took 3,100 more page faults (perf).
    mutating func append(to pending: inout [UInt8]) -> Bool {
        if encoding == .utf8, failure == nil {
            guard let data = (try? handle.read(upToCount: chunkSize)) ?? nil, !data.isEmpty else { return false }
            pending.append(contentsOf: data)
            return true
        }
        guard let bytes = next() else { return false }
        pending.append(contentsOf: bytes)
        return true
    }

    /// The next UTF-8 bytes, or nil at the end of the file or after a `failure`.
    mutating func next() -> [UInt8]? {
        guard failure == nil else { return nil }
        var bytes = read()
        if encoding == nil {
            // A mark is three bytes at most.
            while bytes.count < 3 {
                let more = read()
                if more.isEmpty { break }
                bytes += more
            }
            encoding = identify(&bytes)
            if failure != nil { return [Self.unreadable] }
            // Only the mark was read: the text starts in the next chunk.
            if bytes.isEmpty { bytes = read() }
        }
        guard case .utf16(let bigEndian) = encoding else { return bytes.isEmpty ? nil : bytes }
        if bytes.isEmpty && carry.isEmpty { return nil }
        return utf8(fromUTF16: bytes, bigEndian: bigEndian)
    }

    private func read() -> [UInt8] {
        guard let data = (try? handle.read(upToCount: chunkSize)) ?? nil else { return [] }
        return [UInt8](data)
    }

    /// The encoding the first bytes say, its byte order mark taken off them.
    private mutating func identify(_ bytes: inout [UInt8]) -> Encoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            return .utf8
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[0] == 0xFE
            bytes.removeFirst(2)
            return .utf16(bigEndian: bigEndian)
        }
        // A header starts with a letter or a quote: a zero byte beside it is the other half of its UTF-16 unit.
        if bytes.count >= 2, (bytes[0] == 0) != (bytes[1] == 0) {
            failure = "it is UTF-16 without the byte order mark that says so"
        }
        return .utf8
    }

    /// `bytes` (after any carried from the chunk before) as UTF-8; a character cut by the
    /// chunk's end waits for the next one. Empty `bytes`: the file ended.
    private mutating func utf8(fromUTF16 bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        let atEnd = bytes.isEmpty
        let input = carry.isEmpty ? bytes : carry + bytes
        var text: [UInt8] = []
        text.reserveCapacity(input.count + input.count / 2)
        let high = bigEndian ? 0 : 1
        func unit(_ index: Int) -> UInt32 { UInt32(input[index + high]) << 8 | UInt32(input[index + 1 - high]) }
        var index = 0
        while index + 1 < input.count {
            var scalar = unit(index)
            var width = 2
            if scalar & 0xFC00 == 0xD800 {
                guard index + 3 < input.count else { break }
                let low = unit(index + 2)
                guard low & 0xFC00 == 0xDC00 else { return unreadable(text, unit: scalar) }
                scalar = 0x10000 + ((scalar & 0x3FF) << 10 | (low & 0x3FF))
                width = 4
            } else if scalar & 0xFC00 == 0xDC00 {
                return unreadable(text, unit: scalar)
            }
            Self.append(scalar, to: &text)
            index += width
        }
        carry = Array(input[index...])
        if atEnd && !carry.isEmpty {
            failure = "the UTF-16 text ends inside a character"
            text.append(Self.unreadable)
        }
        return text
    }

    private mutating func unreadable(_ text: [UInt8], unit: UInt32) -> [UInt8] {
        failure = String(format: "the UTF-16 unit 0x%04X is half a surrogate pair", unit)
        return text + [Self.unreadable]
    }

    private static func append(_ scalar: UInt32, to text: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            text.append(UInt8(scalar))
        case ..<0x800:
            text.append(UInt8(0xC0 | scalar >> 6))
            text.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            text.append(UInt8(0xE0 | scalar >> 12))
            text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            text.append(UInt8(0x80 | scalar & 0x3F))
        default:
            text.append(UInt8(0xF0 | scalar >> 18))
            text.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            text.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
