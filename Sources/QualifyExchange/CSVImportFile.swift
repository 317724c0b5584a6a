import Foundation
import QualifyKit
import QualifyStore

/// Streams the data rows of a CSV file (RFC 4180 as CSV.swift reads it:
/// quoted fields, embedded separators, quotes and line breaks, a UTF-8 BOM,
/// CRLF; fields separated by commas, semicolons or tabs), so memory stays
/// flat whatever the file's size.
public final class CSVImportFile: Sequence, IteratorProtocol {
    public let plan: ColumnPlan
    /// The separator the file was read with.
    public let separator: FieldSeparator
    private let header: [String]
    private let records: CSVRecordStream
    private var nextLine: Int
    private var finished = false

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
                throw CommandFailure("\(path) is not UTF-8 (\(failure)); save it as UTF-8 CSV and import again.")
            }
            throw CommandFailure("\(path) has no header row; the first line must name the columns.")
        }
        self.header = header
        self.separator = records.separator
        do {
            plan = try ColumnPlan(header: header, kind: kind, mappings: mappings)
        } catch {
            if let written = records.headerSeparator, written != records.separator {
                // Only --separator can read a header with another separator than it is written with.
                throw CommandFailure("\(path): the header is \(written.described), not \(records.separator.described); import it with --separator \(written.rawValue), or without --separator.")
            }
            throw CommandFailure("\(path): \(error.description)")
        }
        nextLine = 1 + records.lineCount
    }

    public func next() -> ImportRow? {
        while !finished {
            guard records.advance() else {
                finished = true
                // The rows before a damaged byte were read; the damage becomes one last bad row,
                // so the import's transaction refuses the file.
                guard let failure = records.failure else { return nil }
                return ImportRow(line: nextLine, values: [:],
                                 problem: "the file stops being UTF-8 CSV here (\(failure)); save it as UTF-8 and import again.")
            }
            let line = nextLine
            nextLine += records.lineCount
            // A blank line between records is no record.
            if records.cellCount == 1, records.isEmpty(0) { continue }
            let values = plan.values(cellCount: records.cellCount) { records.cell($0) }
            return ImportRow(line: line, values: values, problem: controlCharacter())
        }
        return nil
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
