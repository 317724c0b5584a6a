import Foundation
import QualifyKit
import QualifyStore

/// One statement in the data formats, with the same keys in every row
/// (null when empty) so a script can rely on them.
struct ReviewRecord: Encodable {
    let row: ReviewRow

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, uuid, opportunity, account, stage, demo, field, position, text
        case capturedBy, capturedAt, replacesId, replacedById, snippet
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(row.id, forKey: .id)
        try container.encode(row.uuid.uuidString, forKey: .uuid)
        try container.encode(row.opportunity, forKey: .opportunity)
        try container.encode(row.account, forKey: .account)
        try container.encode(row.stage, forKey: .stage)
        try container.encode(row.isDemo, forKey: .demo)
        try container.encode(row.field.rawValue, forKey: .field)
        try container.encode(row.position, forKey: .position)
        try container.encode(row.text, forKey: .text)
        try container.encode(row.capturedBy, forKey: .capturedBy)
        try container.encode(ReportDates.iso(row.capturedAt), forKey: .capturedAt)
        try container.encode(row.replacesId, forKey: .replacesId)
        try container.encode(row.replacedById, forKey: .replacedById)
        try container.encode(plainSnippet, forKey: .snippet)
    }

    /// The search excerpt without highlight markers.
    var plainSnippet: String? {
        row.snippet.map { ReportStyle(colors: false).marked($0) }
    }

    /// The CSV cells, in `CodingKeys` order.
    var cells: [String] {
        [String(row.id), row.uuid.uuidString, row.opportunity, row.account, row.stage ?? "",
         row.isDemo ? "true" : "false", row.field.rawValue, String(row.position), row.text,
         row.capturedBy, ReportDates.iso(row.capturedAt), row.replacesId.map(String.init) ?? "",
         row.replacedById.map(String.init) ?? "", plainSnippet ?? ""]
    }
}

/// A header row, then one `CSVLine` per statement.
final class ReviewCSV: ReviewRenderer {
    private let sink: ReportSink
    private var wroteHeader = false

    init(sink: ReportSink) { self.sink = sink }

    func add(_ row: ReviewRow) throws {
        try writeHeaderOnce()
        try sink.write(CSVLine.line(ReviewRecord(row: row).cells))
    }

    func finish() throws { try writeHeaderOnce() }

    private func writeHeaderOnce() throws {
        guard !wroteHeader else { return }
        wroteHeader = true
        try sink.write(CSVLine.line(ReviewRecord.CodingKeys.allCases.map(\.rawValue)))
    }

}

/// A JSON array written element by element, or JSON Lines (one object per line).
final class ReviewJSON: ReviewRenderer {
    private let sink: ReportSink
    private let lines: Bool
    private var count = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(sink: ReportSink, lines: Bool) {
        self.sink = sink
        self.lines = lines
    }

    func add(_ row: ReviewRow) throws {
        let object = String(decoding: try encoder.encode(ReviewRecord(row: row)), as: UTF8.self)
        if lines {
            try sink.write(object + "\n")
        } else {
            try sink.write(JSONText.beforeElement(count + 1) + object)
        }
        count += 1
    }

    func finish() throws {
        guard !lines else { return }
        try sink.write(JSONText.arrayEnd(count: count))
    }
}
