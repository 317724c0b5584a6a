import Foundation
import QualifyStore

/// The formats `qualify review` writes.
public enum ReviewFormat: String, CaseIterable, Sendable {
    case table, csv, json, jsonl, markdown, html

    /// Documents group statements by opportunity; the others keep the
    /// review's order (newest first, or most relevant first when searching).
    public var order: ReviewOrder {
        switch self {
        case .markdown, .html: .groupedByOpportunity
        case .table, .csv, .json, .jsonl: .newestFirst
        }
    }

    public func renderer(into sink: ReportSink, style: ReportStyle, context: ReviewContext) -> any ReviewRenderer {
        switch self {
        case .table: ReviewTable(sink: sink, style: style, context: context)
        case .csv: ReviewCSV(sink: sink)
        case .json: ReviewJSON(sink: sink, lines: false)
        case .jsonl: ReviewJSON(sink: sink, lines: true)
        case .markdown: ReviewMarkdown(sink: sink, context: context)
        case .html: ReviewHTML(sink: sink, context: context)
        }
    }
}

/// What the report is about, for headings.
public struct ReviewContext: Sendable {
    /// "pain · stage Negotiation/Review · search “forecast”"; empty without filters.
    public var summary: String
    public var history: Bool
    public var searching: Bool
    public var generatedAt: Date

    public init(summary: String, history: Bool, searching: Bool, generatedAt: Date) {
        self.summary = summary
        self.history = history
        self.searching = searching
        self.generatedAt = generatedAt
    }
}

/// Receives the rows one by one, as the database streams them.
public protocol ReviewRenderer: AnyObject {
    func add(_ row: ReviewRow) throws
    /// Closes the document (JSON array, HTML body); safe to call with no row.
    func finish() throws
}
