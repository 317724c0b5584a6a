/// Reads one line of an `export all` file: a JSON object whose values are
/// strings, integers or null, as ExportValue decodes them. JSONDecoder took
/// a sixth of a 1,100,000-line import; this reads the bytes once. Anything
/// else JSON allows here (a fraction, true, a nested object or array) is
/// refused as JSONDecoder refused it, and so is anything that is not JSON.
enum FlatJSONObject {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: ExportValue]? {
        var reader = Reader(bytes: bytes)
        return reader.object()
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        private mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func object() -> [String: ExportValue]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            var object: [String: ExportValue] = [:]
            if expect(UInt8(ascii: "}")) { return atEnd() ? object : nil }
            repeat {
                skipSpace()
                guard let key = string(), expect(UInt8(ascii: ":")), let value = value() else { return nil }
                object[key] = value
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "}")), atEnd() else { return nil }
            return object
        }

        private mutating func atEnd() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        private mutating func value() -> ExportValue? {
            skipSpace()
            guard let byte = current else { return nil }
            switch byte {
            case UInt8(ascii: "\""):
                return string().map { .text($0) }
            case UInt8(ascii: "n"):
                guard bytes.count - index >= 4, Array(bytes[index..<index + 4]) == Array("null".utf8) else { return nil }
                index += 4
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return integer().map { .integer($0) }
            default:
                return nil
            }
        }

        /// An integer that fits in 64 bits; a fraction or exponent is not one.
        private mutating func integer() -> Int64? {
            let negative = current == UInt8(ascii: "-")
            if negative { index += 1 }
            let start = index
            var value: Int64 = 0
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let digit = Int64(byte - UInt8(ascii: "0"))
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflowTimes, !overflowSum else { return nil }
                value = sum
                index += 1
            }
            guard index > start else { return nil }
            // JSON has no leading zeros; "1.5" and "1e3" are not integers.
            if bytes[start] == UInt8(ascii: "0") && index - start > 1 { return nil }
            if let byte = current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
            return value
        }

        private mutating func string() -> String? {
            guard current == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            // Most strings have no escape: one copy from the line.
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                guard byte >= 0x20 else { return nil }
                index += 1
            }
            guard let stop = current else { return nil }
            if stop == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var text = Array(bytes[start..<index])
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = escape() else { return nil }
                    text.append(contentsOf: escaped)
                case 0..<0x20:
                    return nil
                default:
                    text.append(byte)
                }
            }
            return nil
        }

        /// The UTF-8 of the escape after a backslash.
        private mutating func escape() -> [UInt8]? {
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return [byte]
            case UInt8(ascii: "b"): return [0x08]
            case UInt8(ascii: "f"): return [0x0C]
            case UInt8(ascii: "n"): return [0x0A]
            case UInt8(ascii: "r"): return [0x0D]
            case UInt8(ascii: "t"): return [0x09]
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                var scalar: Unicode.Scalar?
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate must be followed by \u and its low half.
                    guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                    index += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                guard let scalar else { return nil }
                return Array(String(Character(scalar)).utf8)
            default:
                return nil
            }
        }

        private mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = current.flatMap({ Character(Unicode.Scalar($0)).hexDigitValue }) else { return nil }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
