import Foundation
import QualifyKit
import QualifyStore

/// What `opportunity list --columns` can show.
public enum OpportunityColumn: String, CaseIterable, Sendable {
    case name, account, stage, amount, currency
    /// Named as `opportunity set` and `/set` name the field; `close`, the name
    /// the README showed first, stays accepted (`init(named:)`).
    case closeDate = "close-date"
    case probability, owner
    case nextMilestone = "next-milestone"
    case captured

    /// A column as typed after --columns, any case; `close` is `close-date`.
    public init?(named raw: String) {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let column = name == "close" ? .closeDate : Self(rawValue: name) else { return nil }
        self = column
    }

    public static let tableDefault: [OpportunityColumn] = [.name, .account, .stage, .amount, .closeDate, .probability, .captured]
    public static let dataDefault: [OpportunityColumn] = [.name, .account, .stage, .amount, .currency, .closeDate,
                                                          .probability, .owner, .nextMilestone, .captured]

    var heading: String {
        switch self {
        case .name: "Opportunity"
        case .account: "Account"
        case .stage: "Stage"
        case .amount: "Amount"
        case .currency: "Currency"
        case .closeDate: "Close"
        case .probability: "Prob."
        case .owner: "Owner"
        case .nextMilestone: "Next milestone"
        case .captured: "Captured"
        }
    }
}

public enum OpportunityListFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

/// `opportunity list`, written as the rows stream from the database,
/// straight from SQLite's columns into a buffer of bytes handed on in
/// chunks of whole lines. The table sizes its columns from the first rows
/// (held back until there are enough), so 100,000 deals never sit in memory
/// at once.
public final class OpportunityListReport {
    private let format: OpportunityListFormat
    private let columns: [OpportunityColumn]
    private var output: LineBuffer
    private var held: [[[UInt8]]] = []
    private var widths: [Int]?
    private var count = 0
    /// One cell at a time, its storage kept from row to row.
    private var cell: [UInt8] = []
    /// "complete" / "missing: pain, reasons" for each set of answered fields (bit n: `Field.allCases[n]`).
    private let captured: [[UInt8]]

    private static let sizingRows = 100
    private static let widestColumn = 40

    public init(sink: ReportSink, format: OpportunityListFormat, columns: [OpportunityColumn]) {
        output = LineBuffer(sink)
        self.format = format
        self.columns = columns
        captured = (0..<(1 << Field.allCases.count)).map { answered in
            let missing = Field.allCases.enumerated().filter { answered & (1 << $0.offset) == 0 }.map(\.element.rawValue)
            return Array((missing.isEmpty ? "complete" : "missing: " + missing.joined(separator: ", ")).utf8)
        }
    }

    public var isEmpty: Bool { count == 0 }

    public func add(_ row: OpportunityListColumns) throws {
        count += 1
        switch format {
        case .table:
            guard let widths else {
                held.append(columns.map { column in
                    fillTableCell(column, row)
                    return cell
                })
                if held.count >= Self.sizingRows { try writeHeld() }
                return
            }
            for (index, column) in columns.enumerated() {
                fillTableCell(column, row)
                appendTableCell(index, widths: widths)
            }
        case .csv:
            if count == 1 { output.bytes.append(contentsOf: CSVLine.line(columns.map(\.rawValue)).utf8) }
            for (index, column) in columns.enumerated() {
                if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
                _ = fillDataCell(column, row)
                CSVLine.appendField(cell, to: &output.bytes)
            }
            output.bytes.append(contentsOf: "\r\n".utf8)
        case .json:
            output.bytes.append(contentsOf: (JSONText.beforeElement(count) + "{").utf8)
            for (index, column) in columns.enumerated() {
                if index > 0 { output.bytes.append(contentsOf: ", ".utf8) }
                JSONText.appendString(column.rawValue, to: &output.bytes)
                output.bytes.append(contentsOf: ": ".utf8)
                if column == .probability, let probability = row.probability {
                    output.bytes.append(contentsOf: String(probability).utf8)
                } else if fillDataCell(column, row) {
                    let text = String(decoding: cell, as: UTF8.self)
                    JSONText.appendString(text, to: &output.bytes)
                } else {
                    output.bytes.append(contentsOf: "null".utf8)
                }
            }
            output.bytes.append(UInt8(ascii: "}"))
        }
        try output.endOfLine()
    }

    public func finish() throws {
        switch format {
        case .table: if widths == nil { try writeHeld() }
        case .csv: if count == 0 { output.bytes.append(contentsOf: CSVLine.line(columns.map(\.rawValue)).utf8) }
        case .json: output.bytes.append(contentsOf: JSONText.arrayEnd(count: count).utf8)
        }
        try output.flush()
    }

    /// One line per opportunity, so the list pipes into grep and wc; the headings only set the widths.
    private func writeHeld() throws {
        let widths = columns.indices.map { index in
            min(Self.widestColumn, held.reduce(columns[index].heading.terminalWidth) { max($0, Self.width(of: $1[index])) })
        }
        self.widths = widths
        for cells in held {
            for index in cells.indices {
                cell = cells[index]
                appendTableCell(index, widths: widths)
            }
            try output.endOfLine()
        }
        held = []
    }

    /// Two spaces between columns; the last is not padded, so a line ends where its text does.
    private func appendTableCell(_ index: Int, widths: [Int]) {
        if index > 0 { output.bytes.append(contentsOf: "  ".utf8) }
        output.bytes.append(contentsOf: cell)
        if index == columns.count - 1 {
            output.bytes.append(UInt8(ascii: "\n"))
        } else {
            let missing = widths[index] - Self.width(of: cell)
            if missing > 0 { output.bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: missing)) }
        }
    }

    /// Terminal columns: a byte each for printable ASCII, else as `TextTable` counts them.
    private static func width(of bytes: [UInt8]) -> Int {
        bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? bytes.count : String(decoding: bytes, as: UTF8.self).terminalWidth
    }

    private func fillTableCell(_ column: OpportunityColumn, _ row: OpportunityListColumns) {
        switch column {
        case .amount:
            cell.removeAll(keepingCapacity: true)
            if let hundredths = row.amountHundredths {
                Amount.appendDisplay(hundredths: hundredths, currency: row.text(.currency) ?? UnsafeBufferPointer(start: nil, count: 0), to: &cell)
            } else {
                cell.append(UInt8(ascii: "-"))
            }
        case .probability:
            cell.removeAll(keepingCapacity: true)
            if let probability = row.probability {
                cell.append(contentsOf: String(probability).utf8)
                cell.append(UInt8(ascii: "%"))
            } else {
                cell.append(UInt8(ascii: "-"))
            }
        case .captured:
            _ = fillDataCell(column, row)
        default:
            if !fillDataCell(column, row) { cell.append(UInt8(ascii: "-")) }
        }
        // The demo's mark ends its line, whichever columns were chosen (the screen's only sign of it).
        if row.isDemo, column == columns.last { cell.append(contentsOf: "  [demo]".utf8) }
    }

    /// The value as a CSV cell or JSON string into `cell`; false when the record has none.
    private func fillDataCell(_ column: OpportunityColumn, _ row: OpportunityListColumns) -> Bool {
        cell.removeAll(keepingCapacity: true)
        let text: UnsafeBufferPointer<UInt8>?
        switch column {
        case .name: text = row.text(.name)
        case .account: text = row.text(.account)
        case .stage: text = row.text(.stage)
        case .currency: text = row.amountHundredths == nil ? nil : row.text(.currency) ?? UnsafeBufferPointer(start: nil, count: 0)
        case .closeDate: text = row.text(.close)
        case .owner: text = row.text(.owner)
        case .nextMilestone: text = row.text(.nextMilestone)
        case .amount:
            guard let hundredths = row.amountHundredths else { return false }
            cell.append(contentsOf: Amount(hundredths: hundredths, currency: "").decimal.utf8)
            return true
        case .probability:
            guard let probability = row.probability else { return false }
            cell.append(contentsOf: String(probability).utf8)
            return true
        case .captured:
            cell.append(contentsOf: captured[row.answeredFields])
            return true
        }
        guard let text else { return false }
        cell.append(contentsOf: text)
        return true
    }
}
