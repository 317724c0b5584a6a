import CSV
import Foundation

/// The records of a CSV file, parsed by CSV.swift a chunk at a time.
///
/// CSV.swift's own stream reader decodes every byte through a generic
/// UTF-8 codec behind two iterator boxes: 100,000 opportunities took 0.9 s
/// to read that way, 0.3 s through its string reader. So the file is read
/// in large chunks cut where a record ends, each chunk is checked as UTF-8
/// once and handed to `CSVReader(string:)`; memory holds one chunk (plus
/// one record, however long) whatever the file's size.
final class CSVRecordStream {
    /// Why reading stopped early: a byte that is not UTF-8.
    private(set) var failure: String?

    private let handle: FileHandle
    private let chunkSize: Int
    /// Bytes read and not yet handed to a reader; they start a record.
    private var pending: [UInt8] = []
    private var scanner = RecordBoundaryScanner()
    /// How much of `pending` the scanner has seen.
    private var scanned = 0
    private var atEndOfFile = false
    private var byteOrderMarkChecked = false
    private var reader: CSVReader?

    init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next record's cells, or nil at the end of the file or of its UTF-8.
    func next() -> [String]? {
        while true {
            if let cells = reader?.next() { return cells }
            reader = nil
            guard let chunk = nextChunk() else { return nil }
            // Whole records only, so the chunk's end is a record's end, as it would be in one long read.
            reader = try? CSVReader(string: chunk, hasHeaderRow: false)
        }
    }

    /// Whole records up to about `chunkSize` bytes, as text.
    private func nextChunk() -> String? {
        while failure == nil {
            if let cut = scanner.lastBoundary ?? (atEndOfFile && !pending.isEmpty ? pending.count : nil) {
                let text = decoded(upTo: cut)
                pending.removeFirst(cut)
                scanned -= cut
                scanner.shift(by: cut)
                if let text, !text.isEmpty { return text }
                continue
            }
            if atEndOfFile { return nil }
            let data = (try? handle.read(upToCount: chunkSize)) ?? nil
            if let data, !data.isEmpty { pending.append(contentsOf: data) } else { atEndOfFile = true }
            if !byteOrderMarkChecked {
                guard pending.count >= 3 || atEndOfFile else { continue }
                byteOrderMarkChecked = true
                // A UTF-8 byte order mark (Excel and vtiger write one) is no part of the first column's name.
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
            }
            pending.withUnsafeBufferPointer { scanner.scan($0, from: scanned) }
            scanned = pending.count
            if atEndOfFile { scanner.finish(at: pending.count) }
        }
        return nil
    }

    /// `pending[..<cut]` as text; where it stops being UTF-8, the records
    /// before that byte, and `failure` says why the rest is not read.
    private func decoded(upTo cut: Int) -> String? {
        let bytes = pending[..<cut]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let bad = Self.firstInvalidOffset(in: bytes)
        failure = String(format: "byte 0x%02X is not UTF-8", bytes[bad])
        var prefix = RecordBoundaryScanner()
        bytes.withUnsafeBufferPointer { prefix.scan(UnsafeBufferPointer(rebasing: $0[..<bad]), from: 0) }
        return String(decoding: bytes[..<(prefix.lastBoundary ?? 0)], as: UTF8.self)
    }

    static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}

/// Where records end, found the way CSV.swift's reader finds them: a quote
/// opens a quoted field only at a field's start; inside one, a quote ends it
/// when a comma, line break or the end follows, `""` is a quote, and any
/// other character after a quote is kept in the field. CR, LF and CRLF all
/// end a record. Every byte that matters is ASCII, so bytes suffice.
struct RecordBoundaryScanner {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }
    private var state = State.fieldStart
    /// Offset just past the last record end seen.
    private(set) var lastBoundary: Int?

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: ","): state = .fieldStart
                case UInt8(ascii: "\n"): lastBoundary = index + 1; state = .fieldStart
                case UInt8(ascii: "\r"): state = .afterCR
                case UInt8(ascii: "\""): state = state == .fieldStart ? .quoted : .unquoted
                default: state = .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: ","): state = .fieldStart
                case UInt8(ascii: "\n"): lastBoundary = index + 1; state = .fieldStart
                case UInt8(ascii: "\r"): state = .afterCR
                default: state = .quoted
                }
            case .afterCR:
                state = .fieldStart
                if byte == UInt8(ascii: "\n") {
                    lastBoundary = index + 1
                } else {
                    // A lone CR ended the record; this byte starts the next one.
                    lastBoundary = index
                    continue
                }
            }
            index += 1
        }
    }

    /// The file ended: a CR waiting for an LF ended its record.
    mutating func finish(at end: Int) {
        if state == .afterCR { lastBoundary = end }
        state = .fieldStart
    }

    /// The bytes before `offset` were handed on; later offsets move down.
    mutating func shift(by offset: Int) {
        guard let boundary = lastBoundary else { return }
        lastBoundary = boundary > offset ? boundary - offset : nil
    }
}
