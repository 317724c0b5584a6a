import Foundation
import QualifyKit
import QualifyStore

/// What `opportunity list --columns` can show.
public enum OpportunityColumn: String, CaseIterable, Sendable {
    case name, account, stage, amount, currency, close, probability, owner
    case nextMilestone = "next-milestone"
    case captured

    public static let tableDefault: [OpportunityColumn] = [.name, .account, .stage, .amount, .close, .probability, .captured]
    public static let dataDefault: [OpportunityColumn] = [.name, .account, .stage, .amount, .currency, .close,
                                                          .probability, .owner, .nextMilestone, .captured]

    var heading: String {
        switch self {
        case .name: "Opportunity"
        case .account: "Account"
        case .stage: "Stage"
        case .amount: "Amount"
        case .currency: "Currency"
        case .close: "Close"
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

/// `opportunity list`, written as the rows stream from the database. The
/// table sizes its columns from the first rows (held back until there are
/// enough), so 100,000 deals never sit in memory at once.
public final class OpportunityListReport {
    private let sink: ReportSink
    private let format: OpportunityListFormat
    private let columns: [OpportunityColumn]
    private var held: [[String]] = []
    private var widths: [Int]?
    private var count = 0
    private var json: [UInt8] = []

    private static let sizingRows = 100
    private static let widestColumn = 40

    public init(sink: ReportSink, format: OpportunityListFormat, columns: [OpportunityColumn]) {
        self.sink = sink
        self.format = format
        self.columns = columns
    }

    public var isEmpty: Bool { count == 0 }

    public func add(_ row: OpportunityListRow) throws {
        count += 1
        switch format {
        case .table:
            let cells = columns.map { tableCell($0, row) }
            guard let widths else {
                held.append(cells)
                if held.count >= Self.sizingRows { try writeHeld() }
                return
            }
            try sink.write(Self.line(cells, widths: widths))
        case .csv:
            if count == 1 { try sink.write(CSVLine.line(columns.map(\.rawValue))) }
            try sink.write(CSVLine.line(columns.map { dataCell($0, row) ?? "" }))
        case .json:
            json.removeAll(keepingCapacity: true)
            json.append(contentsOf: (count == 1 ? "[\n  {" : ",\n  {").utf8)
            for (index, column) in columns.enumerated() {
                if index > 0 { json.append(contentsOf: ", ".utf8) }
                JSONText.appendString(column.rawValue, to: &json)
                json.append(contentsOf: ": ".utf8)
                if column == .probability, let probability = row.probability {
                    json.append(contentsOf: String(probability).utf8)
                } else if let value = dataCell(column, row) {
                    JSONText.appendString(value, to: &json)
                } else {
                    json.append(contentsOf: "null".utf8)
                }
            }
            json.append(UInt8(ascii: "}"))
            try sink.write(String(decoding: json, as: UTF8.self))
        }
    }

    public func finish() throws {
        switch format {
        case .table: if widths == nil { try writeHeld() }
        case .csv: if count == 0 { try sink.write(CSVLine.line(columns.map(\.rawValue))) }
        case .json: try sink.write(count == 0 ? "[]\n" : "\n]\n")
        }
    }

    /// One line per opportunity, so the list pipes into grep and wc; the headings only set the widths.
    private func writeHeld() throws {
        let widths = TextTable.widths([columns.map(\.heading)] + held, widest: Self.widestColumn)
        self.widths = widths
        for cells in held { try sink.write(Self.line(cells, widths: widths)) }
        held = []
    }

    private static func line(_ cells: [String], widths: [Int]) -> String {
        TextTable.line(cells, widths: widths) + "\n"
    }

    private func tableCell(_ column: OpportunityColumn, _ row: OpportunityListRow) -> String {
        switch column {
        case .amount: return row.amount?.display ?? "-"
        case .probability: return row.probability.map { "\($0)%" } ?? "-"
        case .captured: return (dataCell(.captured, row) ?? "") + (row.isDemo ? "  [demo]" : "")
        default: return dataCell(column, row) ?? "-"
        }
    }

    /// The value as a CSV cell or JSON string; nil when the record has none.
    private func dataCell(_ column: OpportunityColumn, _ row: OpportunityListRow) -> String? {
        switch column {
        case .name: row.name
        case .account: row.accountName
        case .stage: row.stageName
        case .amount: row.amount?.decimal
        case .currency: row.amount?.currency
        case .close: row.closeDate?.description
        case .probability: row.probability.map(String.init)
        case .owner: row.owner
        case .nextMilestone: row.nextMilestone
        case .captured:
            row.missingFields.isEmpty ? "complete" : "missing: " + row.missingFields.map(\.rawValue).joined(separator: ", ")
        }
    }
}
