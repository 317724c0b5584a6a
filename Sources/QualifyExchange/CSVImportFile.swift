import CSV
import Foundation
import QualifyStore

/// Streams the data rows of a CSV file (RFC 4180 through CSV.swift: quoted
/// fields, embedded commas, quotes and line breaks, a UTF-8 BOM, CRLF), so
/// memory stays flat whatever the file's size.
public final class CSVImportFile: Sequence, IteratorProtocol {
    public let plan: ColumnPlan
    private let reader: CSVReader
    private var nextLine: Int
    private var finished = false

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(path: String, kind: RecordKind, mappings: [String]) throws(Failure) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let stream = InputStream(fileAtPath: path) else {
            throw Failure(description: "cannot read \(path); give the path of a CSV file.")
        }
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw Failure(description: "\(path) has no header row; the first line must name the columns.")
        }
        let header = reader.headerRow ?? []
        do {
            plan = try ColumnPlan(header: header, kind: kind, mappings: mappings)
        } catch {
            throw Failure(description: "\(path): \(error.description)")
        }
        nextLine = 1 + Self.lineCount(of: header)
    }

    public func next() -> ImportRow? {
        guard !finished, let cells = reader.next() else {
            // CSV.swift reports the end of a file as cannotReadFile; only other errors are damage,
            // and they become one last bad row so the import's transaction refuses the file.
            if !finished, let error = reader.error, !Self.isEndOfFile(error) {
                finished = true
                return ImportRow(line: nextLine, values: [:],
                                 problem: "the file stops being UTF-8 CSV here (\(error)); save it as UTF-8 and import again.")
            }
            finished = true
            return nil
        }
        let line = nextLine
        nextLine += Self.lineCount(of: cells)
        // A blank line between records is no record.
        if cells.count == 1, cells[0].isEmpty { return next() }
        return ImportRow(line: line, values: plan.values(of: cells))
    }

    static func isEndOfFile(_ error: any Error) -> Bool {
        if case CSVError.cannotReadFile = error { return true }
        return false
    }

    /// Lines a record spans: one, plus the line breaks inside its quoted fields.
    static func lineCount(of cells: [String]) -> Int {
        var lines = 1
        for cell in cells where cell.contains(where: \.isNewline) {
            let scalars = Array(cell.unicodeScalars)
            for (index, scalar) in scalars.enumerated()
            where scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
                lines += 1
            }
        }
        return lines
    }
}
