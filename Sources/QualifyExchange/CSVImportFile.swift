import Foundation
import QualifyKit
import QualifyStore

/// Streams the data rows of a CSV file (RFC 4180: quoted fields, embedded
/// separators, doubled quotes and line breaks, a UTF-8 BOM or UTF-16 with its BOM, CRLF; fields
/// separated by commas, semicolons or tabs), so memory stays flat whatever the file's size. A row the file spoiled (a stray or unclosed
/// quote, more cells than the header) comes as a row with a problem, so the
/// import reports it with the others and nothing of it is stored.
public final class CSVImportFile: Sequence, IteratorProtocol {
    public let plan: ColumnPlan
    /// The separator the file was read with.
    public let separator: FieldSeparator
    /// What the file was saved as, when it was not UTF-8 ("UTF-16"): the import summary says so.
    public var encoding: String? { records.encoding.described }
    private let header: [String]
    private let records: CSVRecordStream
    private var nextLine: Int
    private var finished = false
    /// The last row's values, filled again for the next row (see ColumnPlan.fill): in
    /// place when the row handed out before is gone, a copy when it is still held.
    private var rowValues = ImportValues()

    /// `separator` nil: the one the header line is written with.
    public convenience init(path: String, kind: RecordKind, mappings: [String], separator: FieldSeparator? = nil) throws(CommandFailure) {
        try self.init(path: path, kind: kind, mappings: mappings, separator: separator, chunkSize: 1 << 20)
    }

    /// `chunkSize` is how many bytes are read at a time; tests make it small.
    init(path: String, kind: RecordKind, mappings: [String], separator: FieldSeparator? = nil, chunkSize: Int) throws(CommandFailure) {
        guard let handle = FileHandle(regularFileAtPath: path) else {
            throw CommandFailure("cannot read \(path); give the path of a CSV file.")
        }
        records = CSVRecordStream(handle: handle, chunkSize: chunkSize, separator: separator)
        guard let header = records.next() else {
            if let failure = records.failure {
                throw CommandFailure("\(path) cannot be read as text (\(failure)); \(Self.saveAsUTF8).")
            }
            throw CommandFailure("\(path) has no header row; the first line must name the columns.")
        }
        if let fault = records.fault {
            // Read with another separator than it is written with, a header's quotes look stray.
            try Self.checkSeparator(of: records, path: path)
            throw CommandFailure("\(path): the header row: \(Self.describe(fault, line: 1, lastLine: records.lineCount).reason)")
        }
        self.header = header
        self.separator = records.separator
        do {
            plan = try ColumnPlan(header: header, kind: kind, mappings: mappings)
        } catch {
            try Self.checkSeparator(of: records, path: path)
            throw CommandFailure("\(path): \(error.description)")
        }
        nextLine = 1 + records.lineCount
    }

    /// How to get a file qualify cannot read as text into one it can: any spreadsheet re-saves it.
    static let saveAsUTF8 = "save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: Text CSV, character set Unicode (UTF-8)) and import that file"

    /// Only --separator can read a header with another separator than it is written with.
    private static func checkSeparator(of records: CSVRecordStream, path: String) throws(CommandFailure) {
        if let written = records.headerSeparator, written != records.separator {
            throw CommandFailure("\(path): the header is \(written.described), not \(records.separator.described); import it with --separator \(written.rawValue), or without --separator.")
        }
    }

    public func next() -> ImportRow? {
        while !finished {
            guard records.advance() else {
                finished = true
                // The rows before a damaged byte were read; the damage becomes one last bad row
                // that ends reading, so the import's transaction refuses the file, --skip-invalid or not.
                guard let failure = records.failure else { return nil }
                return ImportRow(line: nextLine, values: [:], problem: ImportProblem(
                    line: nextLine, column: nil, reason: "the file stops being readable text here (\(failure)); \(Self.saveAsUTF8).",
                    endsReading: true))
            }
            let line = nextLine
            nextLine += records.lineCount
            if let fault = records.fault {
                let (cell, reason, kind, fix) = Self.describe(fault, line: line, lastLine: nextLine - 1)
                return ImportRow(line: line, values: [:],
                                 problem: ImportProblem(line: line, column: columnName(cell), reason: reason, kind: kind, fix: fix))
            }
            // A blank line between records is no record, nor is a row of only commas (Excel leaves them below a sheet's data).
            if (0..<records.cellCount).allSatisfy(records.isEmpty) { continue }
            if let problem = extraCells(line: line) { return ImportRow(line: line, values: [:], problem: problem) }
            // A row shorter than the header (some tools drop trailing empty cells) has its missing cells empty.
            let cellCount = records.cellCount
            records.withCells { cell in plan.fill(&rowValues, cellCount: cellCount, cell: cell) }
            return ImportRow(line: line, values: rowValues,
                             problem: controlCharacter().map { ImportProblem(line: line, column: nil, reason: $0) })
        }
        return nil
    }

    /// The header's name for cell `index`, or its number past the header.
    private func columnName(_ index: Int) -> String {
        index < header.count && !header[index].isEmpty ? header[index] : "column \(index + 1)"
    }

    /// What is wrong with a record's quotes, and what fixes it: the record starts on
    /// `line`, its last line is `lastLine`.
    static func describe(_ fault: CSVRecordStream.QuoteFault, line: Int, lastLine: Int)
        -> (cell: Int, reason: String, kind: String, fix: String) {
        switch fault {
        case let .undoubledQuote(cell, openedOnLine, quoteOnLine, meant):
            let quoteLine = line + quoteOnLine - 1
            var reason = "a quote inside a quoted field must be doubled: \(meant)"
            if quoteOnLine != openedOnLine {
                // The field ran over line breaks to reach this quote: perhaps its own closing quote is missing.
                reason += " (the quote on line \(quoteLine), in the field opened on line \(line + openedOnLine - 1): if that field's closing quote is missing, add it; lines \(line)–\(quoteLine) are this one row)"
            }
            return (cell, reason + "; fix the file and import again.",
                    "quote inside a quoted field not doubled", "double each quote inside a quoted field (\"\") and import again")
        case let .unclosedQuote(cell, openedOnLine):
            let rest = lastLine > line ? "the rest of the file (lines \(line)–\(lastLine)) is this one row" : "the file ends inside it"
            return (cell, "quote opened on line \(line + openedOnLine - 1) never closed: \(rest); close the quote and import again.",
                    "quote never closed", "close the quote (a quote inside a quoted field is doubled: \"\") and import again")
        }
    }

    /// A row with more cells than the header, unless the extra ones are empty
    /// (Excel's trailing commas): nothing of such a row is stored, since a cell with
    /// a comma left unquoted shifts every cell after it.
    private func extraCells(line: Int) -> ImportProblem? {
        guard records.cellCount > header.count,
              let first = (header.count..<records.cellCount).first(where: { !records.isEmpty($0) }) else { return nil }
        var text = records.cell(first)
        if text.count > 40 { text = String(text.prefix(40)) + "…" }
        return ImportProblem(
            line: line, column: nil,
            reason: "\(records.cellCount) cells, the header has \(header.count): cell \(first + 1) (\"\(text)\") is under no column; quote the cell whose comma split it (or name the column in the header) and import again.",
            kind: "more cells than the header",
            fix: "quote each cell that holds a comma, or name the extra columns in the header, and import again")
    }

    /// A control character in any cell, used or not, makes the row a bad row: nothing of it is stored.
    /// Only a cell holding a byte such a character starts with is read as text.
    private func controlCharacter() -> String? {
        for index in 0..<records.cellCount where records.mayHoldControl(index) {
            guard let problem = ControlCharacters.firstProblem(in: records.cell(index)) else { continue }
            let column = index < header.count ? "\"\(header[index])\"" : "column \(index + 1)"
            let place = problem.line > 1 ? "line \(problem.line) of its text, character \(problem.column)" : "character \(problem.column)"
            return "\(column), \(place): \(problem.reason); remove it from the file and import again."
        }
        return nil
    }
}

extension FileHandle {
    /// A file to read, or nil for a missing or unreadable path and for a
    /// folder, which Linux opens for reading as if it were an empty file.
    public convenience init?(regularFileAtPath path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        self.init(forReadingAtPath: path)
    }
}
