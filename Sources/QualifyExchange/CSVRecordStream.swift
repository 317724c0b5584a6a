import Foundation

/// The records of a CSV file, read a chunk at a time and parsed over the
/// file's bytes: a record is a list of byte ranges, and only the cells an
/// import uses become Strings (`cell(_:)`).
///
/// CSV.swift built a `[String]` of every cell through Unicode scalars and
/// two iterator boxes, a fifth of a 100,000-row import. Its reading of
/// well-formed files stays the rule (the tests parse random well-formed texts
/// with both and expect the same cells); a stray quote, which CSV.swift
/// "repaired" by eating the character after it, is a `QuoteFault` here. The file is read in large chunks cut where a record ends
/// (`RecordBoundaryScanner`), each chunk is checked as UTF-8 once, so the
/// cells cut from it at ASCII delimiters are UTF-8 too; memory holds one
/// chunk (plus one record, however long) whatever the file's size.
final class CSVRecordStream {
    /// Why reading stopped early: a byte that is not UTF-8, or UTF-16 that is not text.
    private(set) var failure: String?
    /// What the file was saved as, once its first bytes are read.
    var encoding: FileText.Encoding { text.encoding ?? .utf8 }
    /// The separator between fields: given, or else the header line's.
    private(set) var separator: FieldSeparator
    /// The separator the header line is written with (`FieldSeparator.detect`), once read.
    private(set) var headerSeparator: FieldSeparator?
    private let separatorGiven: Bool
    private var delimiter: UInt8 {
        didSet { classes = CSVByteClasses(delimiter: delimiter) }
    }
    private var classes: CSVByteClasses

    /// The file's bytes as UTF-8, whatever it was saved as.
    private var text: FileText
    /// Bytes read and not yet handed to the parser; they start a record.
    private var pending: [UInt8] = []
    private var scanner: RecordBoundaryScanner
    /// How much of `pending` the scanner has seen.
    private var scanned = 0
    private var atEndOfFile = false
    /// Whole records, valid UTF-8, being parsed; `position` is the next record's start.
    private var chunk: [UInt8] = []
    private var position = 0
    /// The current record: its cells as ranges of `chunk`, reused from record to record.
    private var cells: [Cell] = []
    /// Lines the current record spans: one, plus the line breaks inside its quoted cells.
    private(set) var lineCount = 1
    /// Why the current record is not RFC 4180 CSV; its cells are not to be read.
    private(set) var fault: QuoteFault?

    /// A quote that makes a record unreadable; lines count from the record's first, 1.
    enum QuoteFault: Equatable {
        /// A quote inside quoted cell `cell` neither doubled nor closing it; `meant`
        /// is the cell's text on that line written as it should be.
        case undoubledQuote(cell: Int, openedOnLine: Int, quoteOnLine: Int, meant: String)
        /// Quoted cell `cell` was never closed: the file ended inside it.
        case unclosedQuote(cell: Int, openedOnLine: Int)
    }

    struct Cell {
        var start: Int
        var end: Int
        /// Quoted and holding a quote (`""`): `cell(_:)` reads it the slow way.
        var escaped = false
        /// Holds a byte a control character starts with (not tab or LF): worth a closer look.
        var mayHoldControl = false
    }

    /// `separator` nil: told by the header line.
    init(handle: FileHandle, chunkSize: Int = 1 << 20, separator: FieldSeparator? = nil) {
        text = FileText(handle: handle, chunkSize: chunkSize)
        self.separator = separator ?? .comma
        separatorGiven = separator != nil
        delimiter = self.separator.byte
        classes = CSVByteClasses(delimiter: delimiter)
        scanner = RecordBoundaryScanner(delimiter: delimiter)
    }

    /// A header line longer than this is read for its separator from its start.
    static let headerLookahead = 1 << 16

    var cellCount: Int { cells.count }

    /// Moves to the next record; false at the end of the file or of its UTF-8.
    func advance() -> Bool {
        while position >= chunk.count {
            guard let next = nextChunk() else { return false }
            chunk = next
            position = 0
        }
        chunk.withUnsafeBufferPointer { parseRecord($0) }
        return true
    }

    /// The next record's cells, or nil at the end of the file or of its UTF-8.
    func next() -> [String]? {
        guard advance() else { return nil }
        return (0..<cells.count).map(cell)
    }

    /// Cell `index` of the current record as text, byte for byte.
    func cell(_ index: Int) -> String {
        withCells { $0(index) }
    }

    /// `body` reads the current record's cells as text (see `cell(_:)`) through one hold on
    /// the cells and the chunk: taking both anew for each cell of each row cost two atomic
    /// reference counts each (perf: 2% of an import's cycles went to counting references in
    /// filling a row's values).
    func withCells<Result>(_ body: (_ cell: (Int) -> String) -> Result) -> Result {
        cells.withUnsafeBufferPointer { cells in
            chunk.withUnsafeBufferPointer { bytes in
                body { index in
                    let cell = cells[index]
                    let range = UnsafeBufferPointer(rebasing: bytes[cell.start..<cell.end])
                    guard cell.escaped else { return String(decoding: range, as: UTF8.self) }
                    return String(decoding: Self.unescaped(range), as: UTF8.self)
                }
            }
        }
    }

    func mayHoldControl(_ index: Int) -> Bool { cells[index].mayHoldControl }

    func isEmpty(_ index: Int) -> Bool { cells[index].start == cells[index].end }

    /// A quoted cell's text: `""` is one quote (a record with any other quote
    /// inside a quoted cell is refused before its cells are read).
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            text.append(byte)
            index += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return text
    }

    /// The bytes of a UTF-8 sequence, from its first byte.
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Reads one record from `position`, RFC 4180's way: a quote opens a quoted
    /// cell only at a cell's start (elsewhere it is text, as Excel and hand-made
    /// files write `5" screen`); inside one, `""` is a quote and a quote followed
    /// by the separator, a line break or the end closes it. Any other quote there, or a
    /// quoted cell the file ends in, is a `QuoteFault`: the record is refused and
    /// the next one starts on the line after the stray quote (`RecordBoundaryScanner`
    /// agrees). CR, LF and CRLF end a record.
    private func parseRecord(_ bytes: UnsafeBufferPointer<UInt8>) {
        let delimiter = self.delimiter
        let table = classes.table
        // The record is built in locals and stored once: each change to a property of this
        // class was a runtime exclusivity check, ten a record.
        var cells: [Cell] = []
        swap(&cells, &self.cells)
        cells.removeAll(keepingCapacity: true)
        var lineCount = 1
        var fault: QuoteFault?
        defer {
            self.cells = cells
            self.lineCount = lineCount
            self.fault = fault
        }
        let end = bytes.count
        var index = position
        record: while true {
            var cell = Cell(start: index, end: index)
            if index < end, bytes[index] == UInt8(ascii: "\"") {
                let openedOnLine = lineCount
                index += 1
                cell.start = index
                var afterCR = false
                var closed = false
                while index < end {
                    let byte = bytes[index]
                    // Text, a tab or a separator: nothing to do but move on.
                    if table[Int(byte)] & CSVByteClasses.inQuotedCell == 0 {
                        afterCR = false
                        index += 1
                        continue
                    }
                    if byte == UInt8(ascii: "\"") {
                        let following = index + 1 < end ? bytes[index + 1] : UInt8(ascii: "\n")
                        if following == delimiter || following == UInt8(ascii: "\n") || following == UInt8(ascii: "\r") {
                            closed = true
                            break
                        }
                        if following == UInt8(ascii: "\"") {
                            cell.escaped = true
                            index += 2
                            afterCR = false
                            continue
                        }
                        let stray = index
                        let lineStart = (cell.start..<index).last { bytes[$0] == UInt8(ascii: "\n") || bytes[$0] == UInt8(ascii: "\r") }.map { $0 + 1 } ?? cell.start
                        while index < end, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") { index += 1 }
                        fault = .undoubledQuote(cell: cells.count, openedOnLine: openedOnLine, quoteOnLine: lineCount,
                                                meant: Self.meant(UnsafeBufferPointer(rebasing: bytes[lineStart..<index]), stray: stray - lineStart,
                                                                  delimiter: delimiter))
                        break
                    }
                    if byte < 0x20 || byte == 0x7F || byte == 0xC2 {
                        if byte == UInt8(ascii: "\r") {
                            lineCount += 1
                            cell.mayHoldControl = true
                        } else if byte == UInt8(ascii: "\n") {
                            if !afterCR { lineCount += 1 }
                        } else if byte != UInt8(ascii: "\t") {
                            cell.mayHoldControl = true
                        }
                    }
                    afterCR = byte == UInt8(ascii: "\r")
                    index += 1
                }
                cell.end = min(index, end)
                if closed {
                    // Past the closing quote.
                    index += 1
                } else if fault == nil {
                    fault = .unclosedQuote(cell: cells.count, openedOnLine: openedOnLine)
                    // The file's last line break ends its last line; it starts none.
                    if end > cell.start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { lineCount -= 1 }
                }
            } else {
                while index < end {
                    let kind = table[Int(bytes[index])]
                    if kind != 0 {
                        if kind & CSVByteClasses.endsUnquotedCell != 0 { break }
                        if kind & CSVByteClasses.control != 0 { cell.mayHoldControl = true }
                    }
                    index += 1
                }
                cell.end = index
            }
            cells.append(cell)
            guard index < end else { break record }
            switch bytes[index] {
            case delimiter:
                index += 1
                // A separator at the very end of the text leaves one empty cell.
                if index == end { cells.append(Cell(start: end, end: end)); break record }
            case UInt8(ascii: "\r"):
                index += 1
                if index < end, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                break record
            default:
                index += 1
                break record
            }
        }
        position = min(index, end)
    }

    /// The cell as it was likely meant, from its start (or the stray quote's line)
    /// to the quote that closes it on that line, written the RFC 4180 way: every
    /// quote inside doubled. Long text is cut, so the message stays one line.
    static func meant(_ line: UnsafeBufferPointer<UInt8>, stray: Int, delimiter: UInt8) -> String {
        var text = Array(line)
        // The first quote after the stray one that the separator or the line's end follows is the closing one.
        if let close = text.indices.dropFirst(stray + 1).first(where: { text[$0] == UInt8(ascii: "\"") && ($0 + 1 == text.count || text[$0 + 1] == delimiter) }) {
            text.removeSubrange(close...)
        }
        var words = String(decoding: text, as: UTF8.self)
        if words.count > 60 { words = String(words.prefix(60)) + "…" }
        return "\"" + words.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whole records up to about `chunkSize` bytes, valid UTF-8.
    private func nextChunk() -> [UInt8]? {
        while failure == nil {
            if let cut = scanner.lastBoundary ?? (atEndOfFile && !pending.isEmpty ? pending.count : nil) {
                let records = validated(upTo: cut)
                pending.removeFirst(cut)
                scanned -= cut
                scanner.shift(by: cut)
                if !records.isEmpty { return records }
                continue
            }
            if atEndOfFile { return nil }
            if !text.append(to: &pending) { atEndOfFile = true }
            if headerSeparator == nil {
                let end = pending.withUnsafeBufferPointer { FieldSeparator.headerEnd(in: $0) }
                guard end != nil || atEndOfFile || pending.count >= Self.headerLookahead else { continue }
                let found = pending.withUnsafeBufferPointer {
                    FieldSeparator.detect(header: UnsafeBufferPointer(rebasing: $0[..<min(end ?? $0.count, Self.headerLookahead)]))
                }
                headerSeparator = found
                if !separatorGiven {
                    separator = found
                    delimiter = found.byte
                    scanner = RecordBoundaryScanner(delimiter: delimiter)
                }
            }
            pending.withUnsafeBufferPointer { scanner.scan($0, from: scanned) }
            scanned = pending.count
            if atEndOfFile { scanner.finish(at: pending.count) }
        }
        return nil
    }

    /// `pending[..<cut]`; where it stops being UTF-8, the records before
    /// that byte, and `failure` says why the rest is not read.
    private func validated(upTo cut: Int) -> [UInt8] {
        let bytes = pending[..<cut]
        let bad = Self.firstInvalidOffset(in: bytes)
        if bad == cut { return Array(bytes) }
        failure = text.failure ?? String(format: "byte 0x%02X is not UTF-8", bytes[bad])
        var prefix = RecordBoundaryScanner(delimiter: delimiter)
        bytes.withUnsafeBufferPointer { prefix.scan(UnsafeBufferPointer(rebasing: $0[..<bad]), from: 0) }
        return Array(bytes[..<(prefix.lastBoundary ?? 0)])
    }

    /// The offset of the first byte that is not UTF-8, or the end.
    static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int {
        // The standard library's validation is the fast path; it cannot say where.
        if bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) != nil }) == true { return bytes.endIndex }
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

/// Where records end, found as `parseRecord` reads them: a quote opens a
/// quoted field only at a field's start; inside one, `""` is one quote, a
/// quote followed by the separator, a line break or the end closes it, and any other
/// quote spoils the record, which then ends at the next line break. CR, LF and
/// CRLF all end a record. Every byte that matters is ASCII, so bytes suffice.
struct RecordBoundaryScanner {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, strayQuote, afterCR }
    private var state = State.fieldStart
    /// Offset just past the last record end seen.
    private(set) var lastBoundary: Int?
    /// The byte between fields: a comma, semicolon or tab.
    let delimiter: UInt8
    private let classes: CSVByteClasses

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        classes = CSVByteClasses(delimiter: delimiter)
    }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        let delimiter = self.delimiter
        let table = classes.table
        var index = start
        while index < bytes.count {
            // Inside a cell only a few bytes change the state: the others are passed over at once.
            if state == .unquoted {
                while index < bytes.count, table[Int(bytes[index])] & CSVByteClasses.endsUnquotedCell == 0 { index += 1 }
                if index == bytes.count { break }
            } else if state == .quoted {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
                if index == bytes.count { break }
            }
            let byte = bytes[index]
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case delimiter: state = .fieldStart
                case UInt8(ascii: "\n"): lastBoundary = index + 1; state = .fieldStart
                case UInt8(ascii: "\r"): state = .afterCR
                case UInt8(ascii: "\""): state = state == .fieldStart ? .quoted : .unquoted
                default: state = .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted }
            case .quoteInQuoted:
                switch byte {
                case delimiter: state = .fieldStart
                case UInt8(ascii: "\n"): lastBoundary = index + 1; state = .fieldStart
                case UInt8(ascii: "\r"): state = .afterCR
                case UInt8(ascii: "\""): state = .quoted
                default: state = .strayQuote
                }
            case .strayQuote:
                switch byte {
                case UInt8(ascii: "\n"): lastBoundary = index + 1; state = .fieldStart
                case UInt8(ascii: "\r"): state = .afterCR
                default: break
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

/// What each byte means to the parser, looked up once a byte instead of
/// compared with every byte that matters: most bytes of a file are text.
struct CSVByteClasses {
    /// The separator, CR or LF: the end of a cell that is not quoted.
    static let endsUnquotedCell: UInt8 = 1
    /// A byte a control character starts with (not tab, CR or LF): the cell is worth a closer look.
    static let control: UInt8 = 2
    /// A quote, CR, LF or control byte: what a quoted cell's reader stops at.
    static let inQuotedCell: UInt8 = 4

    let table: [UInt8]

    init(delimiter: UInt8) {
        table = (0...255).map { (value: Int) -> UInt8 in
            let byte = UInt8(value)
            let isBreak = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            let isControl = (byte < 0x20 && byte != UInt8(ascii: "\t") && !isBreak) || byte == 0x7F || byte == 0xC2
            var kind: UInt8 = 0
            if byte == delimiter || isBreak { kind |= Self.endsUnquotedCell }
            if isControl { kind |= Self.control }
            if byte == UInt8(ascii: "\"") || isBreak || isControl { kind |= Self.inQuotedCell }
            return kind
        }
    }
}
