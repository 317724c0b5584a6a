import CSV
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import QualifyKit
@testable import QualifyReports
import QualifyStore
import Testing

/// Words that break careless exporters: quotes, commas, markup, line
/// breaks (LF and CRLF), a tab, spaces at both ends, accents and emoji.
enum HardWords {
    static let all = [
        "I can't \"get\" <script>alert('x')</script> & it's, well, bad",
        "First line\nsecond line, with a comma",
        "Windows paste\r\nsecond line",
        "  padded\tand tabbed  ",
        "Moj šef (č, ž) is furious 😬",
        "=SUM(A1:A3) is what the CFO typed",
    ]

    static func rows(search: Bool = false) -> [ReviewRow] {
        all.enumerated().map { index, text in
            ReviewRow(id: Int64(index + 1), uuid: UUID(), opportunity: index < 3 ? "Acme - Forecasting" : "Globex <CRM>",
                      account: index < 3 ? "Acme Corp" : "Globex & Sons", stage: index < 3 ? "Prospecting" : nil,
                      isDemo: false, field: index == 0 ? .pain : .reasons, position: max(index, 1), text: text,
                      capturedBy: "Rep O'Neil", capturedAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 60),
                      highlighted: search ? text : nil, snippet: search ? text : nil)
        }
    }
}

func render(_ format: ReviewFormat, _ rows: [ReviewRow], colors: Bool = false, history: Bool = false, searching: Bool = false) throws -> String {
    let output = StringOutput()
    let context = ReviewContext(summary: "pain · search “x”", history: history, searching: searching, generatedAt: Date())
    let renderer = format.renderer(into: output, style: ReportStyle(colors: colors), context: context)
    for row in rows { try renderer.add(row) }
    try renderer.finish()
    return output.text
}

@Suite struct ReviewFormatTests {
    @Test func csvParsesBackToTheExactWords() throws {
        let text = try render(.csv, HardWords.rows())
        #expect(text.hasPrefix("id,uuid,opportunity,account,stage,demo,field,position,text,capturedBy,capturedAt,replacesId,replacedById,snippet\r\n"))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let textColumn = try #require(reader.headerRow?.firstIndex(of: "text"))
        var parsed: [[String]] = []
        while let row = reader.next() { parsed.append(row) }
        #expect(parsed.map { $0[textColumn] } == HardWords.all)
        #expect(parsed.map { $0[3] } == HardWords.rows().map(\.account))
        #expect(parsed.allSatisfy { $0.count == 14 })
    }

    @Test func jsonIsAnArrayWithStableKeysAndExactWords() throws {
        let text = try render(.json, HardWords.rows())
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["text"] as? String } == HardWords.all)
        let keys = Set(objects[0].keys)
        #expect(keys == ["id", "uuid", "opportunity", "account", "stage", "demo", "field", "position", "text",
                         "capturedBy", "capturedAt", "replacesId", "replacedById", "snippet"])
        #expect(objects.allSatisfy { Set($0.keys) == keys })
        #expect(objects[4]["stage"] is NSNull && objects[0]["capturedAt"] as? String == "2026-05-28T20:26:40.000Z")
        #expect(try render(.json, []) == "[]\n")
    }

    @Test func jsonLinesHoldOneObjectPerLine() throws {
        let lines = try render(.jsonl, HardWords.rows()).split(separator: "\n")
        #expect(lines.count == HardWords.all.count)
        let texts = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["text"] as? String
        }
        #expect(texts == HardWords.all)
    }

    @Test func htmlIsWellFormedEscapedAndQuotesTheExactWords() throws {
        let html = try render(.html, HardWords.rows())
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("<link"))
        let quotes = try BlockquoteCollector.parse(html)
        #expect(quotes.texts == HardWords.all)
        #expect(quotes.headings == ["Acme - Forecasting", "Globex <CRM>"])
    }

    @Test func htmlMarksSearchHitsWithoutChangingTheWords() throws {
        var row = HardWords.rows()[0]
        row.highlighted = "I can't \"get\" <script>alert('x')</script> & it's, well, \u{2}bad\u{3}"
        let html = try render(.html, [row], searching: true)
        #expect(html.contains("well, <mark>bad</mark></blockquote>"))
        #expect(try BlockquoteCollector.parse(html).texts == [HardWords.all[0]])
        #expect(try BlockquoteCollector.parse(try render(.html, [])).texts == [])
    }

    @Test func markdownQuotesEveryLineUnescaped() throws {
        let markdown = try render(.markdown, HardWords.rows())
        #expect(markdown.contains("\n> I can't \"get\" <script>alert('x')</script> & it's, well, bad\n"))
        #expect(markdown.contains("\n> First line\n> second line, with a comma\n"))
        #expect(markdown.contains("\n>   padded\tand tabbed  \n"))
        #expect(markdown.contains("## Acme - Forecasting\n") && markdown.contains("## Globex <CRM>\n"))
        #expect(markdown.components(separatedBy: "## ").count == 3)
    }

    @Test func tableShowsTheWordsAsTypedAndAlignsContinuationLines() throws {
        let table = try render(.table, HardWords.rows())
        #expect(!table.contains("\u{1B}["))
        for text in HardWords.all where !text.contains("\n") {
            #expect(table.contains(text))
        }
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasSuffix("First line") })
        let column = lines[first].count - "First line".count
        #expect(lines[first + 1] == String(repeating: " ", count: column) + "second line, with a comma")
        #expect(table.hasSuffix("6 statements, newest first\n"))
        #expect(try render(.table, []) == "No statements match.\n")
    }

    @Test func tableHighlightsSearchHitsInColourOnlyOnATerminal() throws {
        var row = HardWords.rows()[4]
        row.highlighted = "Moj \u{2}šef\u{3} (č, ž) is furious 😬"
        let coloured = ControlCharacters.visible(try render(.table, [row], colors: true, searching: true), keepingColors: true)
        #expect(coloured.contains("Moj \u{1B}[1;33mšef\u{1B}[0m (č, ž)"))
        let plain = try render(.table, [row], searching: true)
        #expect(plain.contains("Moj šef (č, ž) is furious 😬") && !plain.contains("\u{2}"))
    }

    @Test func historyShowsWhatReplacedWhat() throws {
        var rows = Array(HardWords.rows().prefix(2))
        rows[0].replacedById = 2
        rows[1].replacesId = 1
        let table = try render(.table, rows, history: true)
        #expect(table.contains("#1, replaced by #2") && table.contains("#2, replaces #1, current"))
        #expect(table.hasSuffix("2 statements, every version, oldest first\n"))
    }
}

/// Parses the HTML report as XML: a parse error fails the test, and the
/// text of each quote is collected as a browser would show it.
final class BlockquoteCollector: NSObject, XMLParserDelegate {
    var texts: [String] = []
    var headings: [String] = []
    private var current: String?
    private var element = ""

    static func parse(_ html: String) throws -> BlockquoteCollector {
        let collector = BlockquoteCollector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw CommandFailure("not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "blockquote" || name == "h2" { current = "" }
        if name != "mark" { element = name }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let text = current else { return }
        if name == "blockquote" { texts.append(text); current = nil }
        if name == "h2" { headings.append(text); current = nil }
    }
}
