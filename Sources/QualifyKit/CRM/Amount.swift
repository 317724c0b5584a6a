/// A deal's value, exact: hundredths of the currency unit in an integer and
/// an ISO 4217 code. It never passes through a binary float, so 120000.10
/// stays 120000.10 after any number of imports and exports.
public struct Amount: Equatable, Hashable, Sendable {
    public var hundredths: Int64
    public var currency: String

    public init(hundredths: Int64, currency: String) {
        self.hundredths = hundredths
        self.currency = currency
    }

    /// `120000.50`: the plain decimal every CRM import accepts.
    public var decimal: String {
        let units = hundredths / 100
        let cents = hundredths % 100
        return cents == 0 ? "\(units)" : "\(units)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }

    /// `120 000.50 EUR`: grouped for reading on screen.
    public var display: String {
        let plain = decimal
        let parts = plain.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (index, digit) in parts[0].reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(" ") }
            grouped.append(digit)
        }
        let units = String(grouped.reversed())
        return (parts.count == 2 ? "\(units).\(parts[1])" : units) + " " + currency
    }
}

/// The Amount rule of the CRM manual: `120000`, `120000.50`, `120 000`, with
/// an optional ISO currency code before or after; anything a reader could take
/// two ways (`1.200,50`, `1,200`) is refused with a value that works.
public enum AmountParser {
    static let example = "write it like 120000.50 or 120 000 EUR"

    public static func parse(_ raw: String, defaultCurrency: String) throws(FieldError) -> Amount {
        if let hundredths = plainHundredths(raw) {
            return Amount(hundredths: hundredths, currency: try validCurrency(defaultCurrency))
        }
        var text = raw.trimmedSpaces
        guard !text.isEmpty else { throw FieldError("the amount is empty; \(example)") }
        var currency: String?
        if let code = leadingOrTrailingCode(&text) { currency = code }
        if text.contains(where: { $0 == "$" || $0 == "€" || $0 == "£" }) {
            throw FieldError("\"\(raw)\" has a currency sign, which names no single currency; \(example) (an ISO code such as USD)")
        }
        if text.hasPrefix("-") {
            throw FieldError("\"\(raw)\" is negative; an amount is what the deal is worth, \(example)")
        }
        // Spaces (also the no-break ones spreadsheets write) only group thousands.
        let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" })
        if groups.count > 1 {
            let whole = groups.dropLast().allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
            let middleOK = groups.dropFirst().dropLast().allSatisfy { $0.count == 3 }
            let lastDigits = groups.last!.prefix { $0.isASCIIDigit }.count
            guard whole, middleOK, !groups[0].isEmpty, groups[0].count <= 3, lastDigits == 3 else {
                throw FieldError("\"\(raw)\" is not an amount; \(example)")
            }
        }
        let compact = groups.joined()
        if compact.contains(where: { $0 == "," }) {
            if let grouped = commaGrouped(compact) {
                text = grouped
            } else {
                throw FieldError("\"\(raw)\" is ambiguous (is the comma a decimal or a thousands separator?); \(example)")
            }
        } else {
            text = compact
        }
        return Amount(hundredths: try hundredths(text, raw: raw), currency: try validCurrency(currency ?? defaultCurrency))
    }

    public static func validCurrency(_ raw: String) throws(FieldError) -> String {
        if raw.utf8.count == 3, raw.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return raw }
        // "eur" is accepted as "120000 eur" is: the code is what matters, not its case.
        let code = raw.trimmedSpaces.uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw FieldError("\"\(raw)\" is not an ISO 4217 currency code; use three letters such as EUR, USD or GBP")
        }
        return code
    }

    /// What most files hold, `120000` or `120000.5` or `120000.50`, read from
    /// its bytes: the same value the full rule gives, without its string work
    /// (an import reads one amount a row). Nil for anything else.
    static func plainHundredths(_ raw: String) -> Int64? {
        var units: Int64 = 0
        var digits = 0
        var fraction: Int64 = 0
        var fractionDigits = -1
        for byte in raw.utf8 {
            if byte == UInt8(ascii: "."), fractionDigits < 0 {
                fractionDigits = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if fractionDigits < 0 {
                    units = units * 10 + Int64(byte - UInt8(ascii: "0"))
                    digits += 1
                } else {
                    fraction = fraction * 10 + Int64(byte - UInt8(ascii: "0"))
                    fractionDigits += 1
                }
            } else {
                return nil
            }
            // Beyond 15 digits the full rule says what is too large.
            if digits > 15 || fractionDigits > 2 { return nil }
        }
        guard digits > 0, fractionDigits != 0 else { return nil }
        return units * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
    }

    /// `22,700.00`: commas between groups of three followed by a decimal
    /// point are unambiguous (Zoho and Salesforce reports write them).
    private static func commaGrouped(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined() + "." + parts[1]
    }

    private static func leadingOrTrailingCode(_ text: inout String) -> String? {
        let letters = { (s: Substring) in s.count == 3 && s.allSatisfy { $0.isASCII && $0.isLetter } }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        if letters(words[0]) {
            text = words.dropFirst().joined(separator: " ")
            return String(words[0]).uppercased()
        }
        if letters(words[words.count - 1]) {
            text = words.dropLast().joined(separator: " ")
            return String(words[words.count - 1]).uppercased()
        }
        return nil
    }

    private static func hundredths(_ text: String, raw: String) throws(FieldError) -> Int64 {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit) else {
            throw FieldError("\"\(raw)\" is not an amount; \(example)")
        }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else {
            if parts.count == 2 && parts[1].count == 3 && parts[1].allSatisfy(\.isASCIIDigit) {
                throw FieldError("\"\(raw)\" is ambiguous (is the dot a decimal or a thousands separator?); \(example)")
            }
            throw FieldError("\"\(raw)\" has more than two decimals; \(example)")
        }
        while fraction.count < 2 { fraction += "0" }
        guard let units = Int64(parts[0]), let cents = Int64(fraction) else {
            throw FieldError("\"\(raw)\" is too large an amount; \(example)")
        }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        guard !overflow, scaled <= Int64.max - cents else {
            throw FieldError("\"\(raw)\" is too large an amount; \(example)")
        }
        return scaled + cents
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
