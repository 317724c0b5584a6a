import QualifyKit
import Testing

/// An import reads plain amounts, ISO dates and trimmed cells byte by byte;
/// each shortcut must answer exactly what the full rule answers. A leading
/// space sends a value down the full rule, so the two can be compared.
@Suite struct FieldFastPathTests {
    let today = CalendarDay(year: 2026, month: 11, day: 26)!

    func amount(_ text: String) -> String {
        do {
            let amount = try AmountParser.parse(text, defaultCurrency: "EUR")
            return "\(amount.hundredths) \(amount.currency)"
        } catch {
            return error.description
        }
    }

    /// A refusal quotes the value as given; the spaced twin's quote loses its space.
    func unspaced(_ answer: String, _ value: String) -> String {
        answer.replacingOccurrences(of: "\" \(value)", with: "\"\(value)")
    }

    @Test func plainAmountsReadAsTheFullRuleReadsThem() {
        let values = ["0", "7", "00", "0123", "120000", "120000.5", "120000.50", "0.05", "1.", ".5", "1.2.3", "1.200", "1.2345",
                      "999999999999999", "9999999999999999", "90071992547409.93", "99999999999999999999", "12a", "", "-5", "1e5"]
        for value in values {
            #expect(amount(value) == unspaced(amount(" " + value), value), "\(value)")
        }
    }

    func closeDate(_ text: String) -> String {
        do {
            let parsed = try CloseDateParser.parse(text, today: today)
            return "\(parsed.day) \(parsed.warning ?? "")"
        } catch {
            return error.description
        }
    }

    @Test func plainISODatesReadAsTheFullRuleReadsThem() {
        let values = ["2027-03-31", "2026-01-15", "2028-02-29", "2027-02-29", "2026-02-30", "0000-01-01", "2026-13-01",
                      "2026-00-10", "2026-1-015", "2026/01/15", "20260-1-15", "2026-01-1a", "9999-12-31"]
        for value in values {
            #expect(closeDate(value) == unspaced(closeDate(" " + value), value), "\(value)")
        }
    }

    @Test func currencyCodesReadAsTheFullRuleReadsThem() {
        for code in ["EUR", "USD", "eur", "EU", "EURO", "E1R", "ÉUR"] {
            let plain = Result { try AmountParser.validCurrency(code) }.map { $0 }
            let spaced = Result { try AmountParser.validCurrency(" \(code)") }
            switch (plain, spaced) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure, .failure): break
            default: Issue.record("\(code): \(plain) but \(spaced)")
            }
        }
    }

    /// The rule as it was written before the byte shortcut: by characters.
    func trimmedByCharacters(_ text: String) -> String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    @Test func trimmingBytesKeepsWhatTrimmingCharactersKeeps() {
        let values = ["", " ", "\t \t", "Acme", "  Acme Corp\t", "Café ", " Café", " \u{301}x ", "x \u{301}", " é ",
                      "\u{600} ", "a\u{600} ", " 日本 ", "\r\n x", "x \r\n", " \u{A0}x\u{A0} "]
        for value in values {
            #expect(value.trimmedSpaces == trimmedByCharacters(value), "\(value.unicodeScalars.map { $0.value })")
            #expect(value[...].trimmedSpaces == trimmedByCharacters(value))
        }
    }
}
