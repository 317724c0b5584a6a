import CSV
import Foundation
@testable import QualifyExchange
import Testing

/// The import reads a file in chunks cut where records end and parses them
/// itself; whatever the chunk size, a well-formed file must give what CSV.swift
/// gives for the whole text at once. A malformed one (a stray or unclosed
/// quote, which CSV.swift "repaired" by eating a character or the rest of the
/// file) gives its records with a `QuoteFault`, the same in any chunk size.
@Suite struct CSVRecordStreamTests {
    func wholeText(_ text: String, separator: FieldSeparator = .comma) -> [[String]] {
        let delimiter = Unicode.Scalar(separator.byte)
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter) else { return [] }
        return Array(AnyIterator { reader.next() })
    }

    func chunked(_ bytes: [UInt8], chunkSize: Int, separator: FieldSeparator? = .comma) throws -> (records: [[String]], failure: String?) {
        let read = try withFaults(bytes, chunkSize: chunkSize, separator: separator)
        return (read.records.map(\.cells), read.failure)
    }

    /// Each record's cells and what is wrong with its quotes.
    func withFaults(_ bytes: [UInt8], chunkSize: Int, separator: FieldSeparator? = .comma) throws
        -> (records: [(cells: [String], fault: CSVRecordStream.QuoteFault?)], failure: String?) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let stream = CSVRecordStream(handle: try FileHandle(forReadingFrom: url), chunkSize: chunkSize, separator: separator)
        return (Array(AnyIterator { stream.next().map { ($0, stream.fault) } }), stream.failure)
    }

    /// A text written with commas, rewritten with `separator` (commas stay in it as text).
    static func separated(_ text: String, by separator: FieldSeparator) -> String {
        text.replacingOccurrences(of: ",", with: String(UnicodeScalar(separator.byte)))
    }

    static let tricky = [
        "a,b\r\n1,2\r\n",
        "a,b\n1,2",
        "a,b\r1,2\r3,4\r",
        "a,b\r\n\r\n1,2\r\n\r\n",
        "name,notes\n\"Acme\",\"Line one\r\nline two, \"\"quoted\"\"\"\n\"x\",\"\"\n",
        "a,b\n\"multi\nline\nfield\",2\n3,\"trailing CR\r\"\n",
        // A quote inside an unquoted field is text (5" screen), in CSV.swift and here.
        "a,b\nab\"c,2\ny,\"q\nz\"\n",
        "café,naïve\n\"日本\",\"emoji 😀\nsecond line\"\n",
        ",,\n,\n\"\",\"\"\n",
        "only a header",
    ]

    @Test(arguments: [1, 2, 3, 5, 8, 64, 1 << 20], FieldSeparator.allCases)
    func chunksReadAsTheWholeText(chunkSize: Int, separator: FieldSeparator) throws {
        for text in Self.tricky.map({ Self.separated($0, by: separator) }) {
            let result = try withFaults(Array(text.utf8), chunkSize: chunkSize, separator: separator)
            #expect(result.records.map(\.cells) == wholeText(text, separator: separator), "\(text.debugDescription)")
            #expect(result.records.allSatisfy { $0.fault == nil }, "\(text.debugDescription)")
            #expect(result.failure == nil)
        }
    }

    /// Random well-formed files: cells of letters, spaces, separators, quotes and line
    /// breaks, quoted (quotes doubled) when they hold one of those, read as CSV.swift reads them.
    /// Every separator is among the pieces, so a semicolon file's commas are text, inside quotes and out.
    @Test(arguments: FieldSeparator.allCases)
    func randomWellFormedTextsReadAsCSVSwiftReadsThem(separator: FieldSeparator) throws {
        var generator = SplitMix(seed: 4180)
        let pieces = ["a", "é", ",", ";", "\t", "\"", "\r", "\n", "\r\n", " ", "x", "😀"]
        let delimiter = Character(UnicodeScalar(separator.byte))
        for _ in 0..<300 {
            let records = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                }
            }
            let text = records.map { cells in
                cells.map { cell in
                    cell.contains(where: { $0 == delimiter || "\"\r\n".contains($0) }) || Bool.random(using: &generator)
                        ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
                }.joined(separator: String(delimiter))
            }.joined(separator: Bool.random(using: &generator) ? "\r\n" : "\n")
            for chunkSize in [1, 2, 7, 1 << 20] {
                let result = try withFaults(Array(text.utf8), chunkSize: chunkSize, separator: separator)
                #expect(result.records.map(\.cells) == wholeText(text, separator: separator), "\(text.debugDescription) in chunks of \(chunkSize)")
                #expect(result.records.allSatisfy { $0.fault == nil }, "\(text.debugDescription)")
            }
        }
    }

    /// Any text, malformed or not, is cut into the same records whatever the chunk size:
    /// the boundary scanner resynchronises after a stray quote where the parser does.
    @Test func randomTextsReadTheSameInAnyChunkSize() throws {
        var generator = SplitMix(seed: 4180)
        let pieces = ["a", "é", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "x"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let whole = try withFaults(Array(text.utf8), chunkSize: 1 << 20)
            for chunkSize in [1, 2, 7] {
                let result = try withFaults(Array(text.utf8), chunkSize: chunkSize)
                #expect(result.records.map(\.cells) == whole.records.map(\.cells), "\(text.debugDescription) in chunks of \(chunkSize)")
                #expect(result.records.map(\.fault) == whole.records.map(\.fault), "\(text.debugDescription) in chunks of \(chunkSize)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 8, 1 << 20])
    func aStrayQuoteSpoilsItsRecordAndReadingGoesOnAtTheNextLine(chunkSize: Int) throws {
        let text = "a,b\n\"ab\"c,x\nd\",2\nnext,3\n\"she said \"no\" twice\",\"USD\"\r\nlast,4\n"
        let result = try withFaults(Array(text.utf8), chunkSize: chunkSize)
        #expect(result.records.map(\.cells).count == 6)
        #expect(result.records[1].fault == .undoubledQuote(cell: 0, openedOnLine: 1, quoteOnLine: 1, meant: "\"ab\"\"c,x\""))
        // The next line is read on its own; its bare quote is text.
        #expect(result.records[2].cells == ["d\"", "2"] && result.records[2].fault == nil)
        #expect(result.records[3].cells == ["next", "3"])
        #expect(result.records[4].fault == .undoubledQuote(cell: 0, openedOnLine: 1, quoteOnLine: 1, meant: "\"she said \"\"no\"\" twice\""))
        #expect(result.records[5].cells == ["last", "4"] && result.records[5].fault == nil)
    }

    @Test(arguments: [1, 3, 1 << 20])
    func aQuoteNeverClosedTakesTheRestOfTheFile(chunkSize: Int) throws {
        let text = "a,b,c\n1,\"unterminated,USD\nnext,row\nlast,row\n"
        let result = try withFaults(Array(text.utf8), chunkSize: chunkSize)
        #expect(result.records.count == 2)
        #expect(result.records[1].fault == .unclosedQuote(cell: 1, openedOnLine: 1))
    }

    /// Not given, the separator is the header line's: what CSV.swift reads with
    /// that separator, whatever the chunk size and the separators in later lines.
    @Test(arguments: [1, 2, 5, 1 << 20])
    func theHeaderLineTellsTheSeparator(chunkSize: Int) throws {
        let texts: [(String, FieldSeparator)] = [
            ("Name;Account;Amount\r\nA;\"B; C\";1,5\r\n", .semicolon),
            ("Name\tAccount\nA\t\"B\tC\"\n", .tab),
            ("Name,Account,Notes\nA,B,x;y;z;w\n", .comma),
            // Separators inside quotes do not count; a comma wins a tie.
            ("\"Name;Full\",\"Account;Id\",Amount\nA,B,1\n", .comma),
            ("Name,Notes; internal,Amount\nA,B;C;D;E;F,1\n", .comma),
            ("Name;Amount\n", .semicolon),
            ("Name\nA;B\n", .comma),
            ("", .comma),
        ]
        for (text, separator) in texts {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("sep-\(UUID().uuidString).csv")
            try Data(text.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let stream = CSVRecordStream(handle: try FileHandle(forReadingFrom: url), chunkSize: chunkSize, separator: nil)
            let records = Array(AnyIterator { stream.next() })
            #expect(stream.separator == separator, "\(text.debugDescription)")
            #expect(records == wholeText(text, separator: separator), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [1, 2, 4, 1 << 20])
    func aByteOrderMarkIsNotText(chunkSize: Int) throws {
        let result = try chunked([0xEF, 0xBB, 0xBF] + Array("Name,Account\nA,B\n".utf8), chunkSize: chunkSize)
        #expect(result.records == [["Name", "Account"], ["A", "B"]])
    }

    /// UTF-16 code units as a file holds them, after its byte order mark unless `marked` is false.
    func utf16(_ units: [UInt16], bigEndian: Bool = false, marked: Bool = true) -> [UInt8] {
        let bytes = ([marked ? 0xFEFF : nil].compactMap { $0 } + units).flatMap { (unit: UInt16) -> [UInt8] in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return bytes
    }

    /// Excel's "Unicode Text": UTF-16 with its byte order mark, tabs, CRLF, a quoted cell with
    /// a line break; a character outside the BMP (a surrogate pair) lands across chunks.
    @Test(arguments: [1, 2, 3, 5, 1 << 20])
    func utf16WithItsByteOrderMarkReadsAsTheSameText(chunkSize: Int) throws {
        let text = "Opportunity Name\tDescription\r\nZoë – Rollout\t\"Said \"\"go\"\" 🚀\nשלום\"\r\nMünchen\t\r\n"
        let expected = wholeText(text, separator: .tab)
        #expect(expected.count == 3)
        for bigEndian in [false, true] {
            let result = try chunked(utf16(Array(text.utf16), bigEndian: bigEndian), chunkSize: chunkSize, separator: nil)
            #expect(result.failure == nil)
            #expect(result.records == expected)
        }
    }

    @Test(arguments: [1, 3, 1 << 20])
    func utf16ThatIsNotTextStopsAtItsRecordAndWithoutItsMarkIsNotRead(chunkSize: Int) throws {
        let halfAPair = try chunked(utf16(Array("Name,Account\nGood,B\nBad ".utf16) + [0xD83D] + Array(",X\nAfter,Y\n".utf16)), chunkSize: chunkSize)
        #expect(halfAPair.records == [["Name", "Account"], ["Good", "B"]])
        #expect(halfAPair.failure == "the UTF-16 unit 0xD83D is half a surrogate pair")
        let cut = try chunked(utf16(Array("Name\n".utf16)) + [0x41], chunkSize: chunkSize)
        #expect(cut.records == [["Name"]] && cut.failure == "the UTF-16 text ends inside a character")
        let unmarked = try chunked(utf16(Array("Name,Account\n".utf16), marked: false), chunkSize: chunkSize)
        #expect(unmarked.records == [] && unmarked.failure == "it is UTF-16 without the byte order mark that says so")
    }

    @Test(arguments: [1, 3, 1 << 20])
    func readingStopsAtTheRecordThatIsNotUTF8(chunkSize: Int) throws {
        let bytes = Array("Name,Account\nGood,\"two\nlines\"\nCaf".utf8) + [0xE9] + Array(",X\nAfter,Y\n".utf8)
        let result = try chunked(bytes, chunkSize: chunkSize)
        #expect(result.records == [["Name", "Account"], ["Good", "two\nlines"]])
        #expect(result.failure == "byte 0xE9 is not UTF-8")
    }

    @Test(arguments: [2, 1 << 20])
    func theDamagedRecordIsReportedOnItsOwnLine(chunkSize: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).csv")
        try Data(Array("Name,Account Name\nGood,\"Ini\r\ntech\"\nCaf".utf8) + [0xE9, 0x0A]).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = Array(try CSVImportFile(path: url.path, kind: .opportunities, mappings: [], chunkSize: chunkSize))
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows.last?.problem?.reason == "the file stops being readable text here (byte 0xE9 is not UTF-8); \(CSVImportFile.saveAsUTF8).")
    }

    @Test(arguments: [1, 3, 16, 1 << 20])
    func lineNumbersCountBreaksInsideQuotes(chunkSize: Int) throws {
        let rows = Array(try CSVImportFile(path: fixture("vtiger-opportunities.csv"), kind: .opportunities, mappings: [], chunkSize: chunkSize))
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows.first?.values[.description] == "Line one\r\nline two, with a comma")
    }
}

/// A seeded generator, so a failing random text is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
