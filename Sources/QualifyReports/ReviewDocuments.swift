import Foundation
import QualifyKit
import QualifyStore

/// Statements grouped under their opportunity, for the documents. Tracks
/// when a new group starts while the rows stream past.
struct OpportunityGroups {
    private var current: String?

    /// True when `row` starts a new opportunity.
    mutating func starts(_ row: ReviewRow) -> Bool {
        guard current != row.opportunity else { return false }
        current = row.opportunity
        return true
    }

    var isOpen: Bool { current != nil }
}

extension ReviewRow {
    /// "Acme Corp · Negotiation/Review · demo data"
    var opportunityDetails: String {
        ([account] + [stage].compactMap { $0 } + (isDemo ? ["demo data"] : [])).joined(separator: " · ")
    }

    /// "Pain · Rep O'Neil · 2026-11-26 23:46"
    func caption(history: Bool) -> String {
        ([fieldLabel, capturedBy, ReportDates.minute(capturedAt)] + (history ? [versionLabel] : []))
            .joined(separator: " · ")
    }
}

/// Markdown for a wiki page or an e-mail: one section per opportunity, each
/// statement quoted. The words are written as typed, never escaped.
final class ReviewMarkdown: ReviewRenderer {
    private let sink: ReportSink
    private let context: ReviewContext
    private var groups = OpportunityGroups()

    init(sink: ReportSink, context: ReviewContext) {
        self.sink = sink
        self.context = context
    }

    func add(_ row: ReviewRow) throws {
        if !groups.isOpen { try writeTitle() }
        if groups.starts(row) {
            try sink.write("\n## \(row.opportunity)\n\n\(row.opportunityDetails)\n")
        }
        let quote = row.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> \($0)" }.joined(separator: "\n")
        try sink.write("\n**\(row.caption(history: context.history))**\n\n\(quote)\n")
    }

    func finish() throws {
        if !groups.isOpen {
            try writeTitle()
            try sink.write("\nNo statements match.\n")
        }
    }

    private func writeTitle() throws {
        try sink.write("# What buyers said\n")
        if !context.summary.isEmpty { try sink.write("\n\(context.summary)\n") }
    }
}

/// One self-contained HTML file: styles inline, no scripts, no external
/// assets, so it opens anywhere and survives being attached to an e-mail.
/// Written as well-formed XHTML-compatible markup; every text is escaped.
final class ReviewHTML: ReviewRenderer {
    private let sink: ReportSink
    private let context: ReviewContext
    private var groups = OpportunityGroups()
    private var count = 0

    init(sink: ReportSink, context: ReviewContext) {
        self.sink = sink
        self.context = context
    }

    static let styles = """
        body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
        h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
        .details,figcaption,.meta{color:#666;font-size:.9em}
        figure{margin:1em 0}blockquote{margin:.3em 0;padding:.2em 1em;border-left:4px solid #3b7;white-space:pre-wrap}
        mark{background:#fe6}
        """

    func add(_ row: ReviewRow) throws {
        if count == 0 { try writeHead() }
        count += 1
        if groups.starts(row) {
            if count > 1 { try sink.write("</section>\n") }
            try sink.write("<section>\n<h2>\(Self.escape(row.opportunity))</h2>\n")
            try sink.write("<p class=\"details\">\(Self.escape(row.opportunityDetails))</p>\n")
        }
        // dir="auto": a quote in Hebrew or Arabic reads right to left in its own block, whatever the page's direction.
        try sink.write("<figure><blockquote dir=\"auto\">\(words(row))</blockquote>")
        try sink.write("<figcaption>\(Self.escape(row.caption(history: context.history)))</figcaption></figure>\n")
    }

    func finish() throws {
        if count == 0 {
            try writeHead()
            try sink.write("<p>No statements match.</p>\n")
        } else {
            try sink.write("</section>\n")
        }
        try sink.write("</body>\n</html>\n")
    }

    private func writeHead() throws {
        let generated = "Generated \(ReportDates.minute(context.generatedAt))"
        let summary = context.summary.isEmpty ? generated : "\(context.summary) · \(generated)"
        try sink.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>What buyers said</title>
            <style>\(Self.styles)</style>
            </head>
            <body>
            <h1>What buyers said</h1>
            <p class="meta">\(Self.escape(summary))</p>

            """)
    }

    /// The whole text, with search hits in <mark>.
    private func words(_ row: ReviewRow) -> String {
        guard let highlighted = row.highlighted else { return Self.escape(row.text) }
        var result = ""
        var plain = ""
        for character in highlighted {
            switch character {
            case ReviewRow.markStart:
                result += Self.escape(plain) + "<mark>"
                plain = ""
            case ReviewRow.markEnd:
                result += Self.escape(plain) + "</mark>"
                plain = ""
            default:
                plain.append(character)
            }
        }
        return result + Self.escape(plain)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        // Scalars, not Characters: "\r\n" is one Character but two scalars,
        // and each needs its own treatment.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // Parsers turn a raw CR into LF; a reference keeps a Windows paste byte for byte.
            case "\r": result += "&#13;"
            // Shown as text (\u{1B}): a numeric reference to a control character is an HTML parse error,
            // and a browser decodes &#x202E; into the override it names, which would still turn the quote around.
            case _ where (ControlCharacters.isControl(scalar) && scalar != "\t" && scalar != "\n")
                || ControlCharacters.isDirectionControl(scalar):
                result += ControlCharacters.visible(String(scalar))
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
