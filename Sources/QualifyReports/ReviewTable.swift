import Foundation
import QualifyKit
import QualifyStore

/// The aligned table a manager reads on screen. Column widths come from the
/// first rows (held back until there are enough), so the first page shows
/// at once and the rest streams; the buyer's words come last, never cut.
final class ReviewTable: ReviewRenderer {
    private let sink: ReportSink
    private let style: ReportStyle
    private let context: ReviewContext
    private var held: [ReviewRow] = []
    private var widths: [Int]?
    private var count = 0

    /// Rows held back to size the columns.
    private static let sizingRows = 100
    /// Longer than this, a search hit shows SQLite's snippet instead of the whole text.
    static let snippetThreshold = 160

    init(sink: ReportSink, style: ReportStyle, context: ReviewContext) {
        self.sink = sink
        self.style = style
        self.context = context
    }

    private var headings: [String] {
        ["When", "Opportunity", "Account", "Field", "Rep"] + (context.history ? ["Version"] : []) + ["Words"]
    }

    private func cells(_ row: ReviewRow) -> [String] {
        [ReportDates.minute(row.capturedAt), row.opportunity + (row.isDemo ? " [demo]" : ""), row.account,
         row.fieldLabel, row.capturedBy] + (context.history ? [row.versionLabel] : [])
    }

    func add(_ row: ReviewRow) throws {
        count += 1
        guard let widths else {
            held.append(row)
            if held.count >= Self.sizingRows { try writeHeld() }
            return
        }
        try write(row, widths: widths)
    }

    func finish() throws {
        if widths == nil { try writeHeld() }
        if count == 0 {
            try sink.write("No statements match.\n")
        } else {
            let noun = count == 1 ? "statement" : "statements"
            let order = context.history ? "every version, oldest first" : context.searching ? "most relevant first" : "newest first"
            try sink.write(style.dim("\(count) \(noun), \(order)") + "\n")
        }
    }

    private func writeHeld() throws {
        var widths = headings.dropLast().map(\.terminalWidth)
        for row in held {
            for (index, cell) in cells(row).enumerated() {
                widths[index] = min(max(widths[index], cell.terminalWidth), 48)
            }
        }
        self.widths = widths
        guard !held.isEmpty else { return }
        let header = zip(headings, widths + [0]).map { pad($0, $1) }.joined(separator: "  ")
        try sink.write(style.bold(header.trimmingTrailingSpaces) + "\n")
        for row in held { try write(row, widths: widths) }
        held = []
    }

    private func write(_ row: ReviewRow, widths: [Int]) throws {
        let prefix = zip(cells(row), widths).map { pad($0, $1) }.joined(separator: "  ") + "  "
        // Continuation lines of a multi-line quote start under its first line.
        let indent = "\n" + String(repeating: " ", count: prefix.terminalWidth)
        let words = words(of: row).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: indent)
        try sink.write(prefix + words + "\n")
    }

    private func words(of row: ReviewRow) -> String {
        guard context.searching, let highlighted = row.highlighted else { return row.text }
        if row.text.count > Self.snippetThreshold, let snippet = row.snippet {
            return style.marked(snippet)
        }
        return style.marked(highlighted)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padded(to: width)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        String(self[..<(lastIndex { $0 != " " }.map { index(after: $0) } ?? startIndex)])
    }
}
