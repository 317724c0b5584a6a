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
        var bytes: [UInt8] = [], code = currency
        code.withUTF8 { Self.appendDisplay(hundredths: hundredths, currency: $0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `display`'s bytes, appended without a String in between: `opportunity
    /// list` writes 100,000 of them straight from SQLite's columns.
    public static func appendDisplay(hundredths: Int64, currency: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        let units = magnitude / 100
        var place: UInt64 = 1, index = 0
        while units / place >= 10 { place *= 10; index += 1 }
        // Most significant digit first; a space before each group of three.
        while index >= 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(units / place % 10))
            if index > 0, index % 3 == 0 { bytes.append(UInt8(ascii: " ")) }
            place /= 10
            index -= 1
        }
        let cents = magnitude % 100
        if cents != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(cents % 10))
        }
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: currency)
    }
}

/// How a file (or the rep) writes amounts: the currency a bare number or a
/// currency sign means, and which mark is the decimal one. A sign only
/// confirms a code it fits (`$` fits USD, CAD, AUD…): it never picks one.
public struct AmountReading: Equatable, Sendable {
    /// ISO 4217 code for an amount that names none.
    public var currency: String
    /// Where `currency` came from, for messages: "--currency", "config.yaml", "qualify's default".
    public var currencySource: String
    /// `1.200,50`: the comma marks decimals, dots and spaces group thousands.
    public var decimalComma: Bool
    /// The file's separator ("semicolon", "tab") when it is not the comma, which may then be
    /// the decimal mark, and neither --decimal-comma nor --decimal-point said which it is:
    /// `1,500` is then refused: fifteen hundred with --decimal-point, one and a half with --decimal-comma.
    public var commaMayBeDecimalIn: String?

    public init(currency: String, currencySource: String = "config.yaml", decimalComma: Bool = false,
                commaMayBeDecimalIn: String? = nil) {
        self.currency = currency
        self.currencySource = currencySource
        self.decimalComma = decimalComma
        self.commaMayBeDecimalIn = commaMayBeDecimalIn
    }
}

/// The Amount rule of the CRM manual: `120000`, `120000.50`, `120 000`,
/// `22,700.00`, `$22,700.00`, with an optional ISO currency code before or
/// after; anything a reader could take two ways (`1.200,50` without
/// --decimal-comma, `1.200`) is refused with a value that works.
public enum AmountParser {
    static let example = "write it like 120000.50 or 120 000 EUR"

    public static func parse(_ raw: String, defaultCurrency: String) throws(FieldError) -> Amount {
        try read(raw, AmountReading(currency: defaultCurrency)).amount
    }

    /// `rowCurrency` is the row's own currency column, which a sign must fit
    /// too. `currencyGiven` is false when the amount took `reading.currency`.
    public static func read(_ raw: String, _ reading: AmountReading,
                            rowCurrency: String? = nil) throws(FieldError) -> (amount: Amount, currencyGiven: Bool) {
        if !(reading.decimalComma && raw.utf8.contains(UInt8(ascii: "."))), let hundredths = plainHundredths(raw) {
            return (Amount(hundredths: hundredths, currency: try validCurrency(rowCurrency ?? reading.currency)), rowCurrency != nil)
        }
        var text = raw.trimmedSpaces
        guard !text.isEmpty else { throw FieldError("the amount is empty; \(example)") }
        let code = leadingOrTrailingCode(&text)
        let sign = currencySign(&text)
        if text.contains(where: { signs.keys.contains($0) }) {
            throw FieldError("\"\(raw)\" is not an amount; \(example)")
        }
        let currency = try validCurrency(code ?? rowCurrency ?? reading.currency)
        if let sign, let codes = signs[sign], !codes.contains(currency) {
            let source = code != nil ? "its code" : rowCurrency != nil ? "the row's currency" : reading.currencySource
            let fix = code != nil ? "write each amount with one currency, its sign or its code"
                : rowCurrency != nil ? "correct those rows' currency column or their amounts' sign"
                : "import with --currency \(codes[0])" + (codes.count > 1 ? " (or the code the \(sign) stands for: \(codes.dropFirst().prefix(3).joined(separator: ", "))…)" : "")
                    + "; \(currency) came from \(source)"
            throw FieldError("\"\(raw)\" has a \(sign) sign, which contradicts \(currency) (from \(source)); give the currency it means, e.g. \(text) \(codes[0])",
                             summary: "currency sign contradicts \(currency)", fix: fix,
                             inRow: "\"\(raw)\" has a \(sign) sign, which is not \(currency)", counted: String(sign))
        }
        if text.hasPrefix("-") {
            throw FieldError("\"\(raw)\" is negative; an amount is what the deal is worth, \(example)")
        }
        let hundredths = try groupedHundredths(text, raw: raw, decimalComma: reading.decimalComma,
                                               commaMayBeDecimalIn: reading.commaMayBeDecimalIn)
        // A sign said which currency, even when the code behind it came from --currency.
        return (Amount(hundredths: hundredths, currency: currency), code != nil || rowCurrency != nil || sign != nil)
    }

    /// The currencies a sign may stand for; the first is the one a message suggests.
    static let signs: [Character: [String]] = [
        "$": ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"], "€": ["EUR"], "£": ["GBP"], "¥": ["JPY", "CNY"],
    ]

    /// Removes a leading or trailing sign (`$22,700.00`, `22 700 €`, `US$ 5`).
    private static func currencySign(_ text: inout String) -> Character? {
        if text.hasPrefix("US$") { text = String(text.dropFirst(3)).trimmedSpaces; return "$" }
        if let first = text.first, signs[first] != nil { text = String(text.dropFirst()).trimmedSpaces; return first }
        if let last = text.last, signs[last] != nil { text = String(text.dropLast()).trimmedSpaces; return last }
        return nil
    }

    /// Digits grouped in threes by spaces or the thousands mark, then at most
    /// two decimals after the decimal mark. The flag that fixes a whole file
    /// is named once, in the import's summary (`fix`), not on every row.
    private static func groupedHundredths(_ text: String, raw: String, decimalComma: Bool,
                                          commaMayBeDecimalIn separator: String?) throws(FieldError) -> Int64 {
        let decimalMark: Character = decimalComma ? "," : "."
        let thousandsMark: Character = decimalComma ? "." : ","
        let isSpace = { (c: Character) in c == " " || c == "\u{00A0}" || c == "\u{202F}" }
        let parts = text.split(separator: decimalMark, omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            // `1,500,000` read with --decimal-comma: two decimal marks, so its commas group thousands.
            if decimalComma, parts.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) {
                throw commasGroupThousands(raw)
            }
            // `1.234.567,89` read with a decimal point: dots between thousands, as a decimal-comma file writes them.
            if !decimalComma, (try? groupedHundredths(text, raw: raw, decimalComma: true, commaMayBeDecimalIn: nil)) != nil {
                throw FieldError("\"\(raw)\" groups thousands with dots, as a file with a decimal comma writes them; \(example)",
                                 summary: "ambiguous amount", fix: "import with --decimal-comma if the file writes 1.200,50")
            }
            throw FieldError("\"\(raw)\" is not an amount; \(example)")
        }
        var whole = Substring(parts[0])
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        // With a decimal comma `1,500` is one and a half: the file's own three decimals, kept to the cent.
        if decimalComma, fraction.count > 2, fraction.allSatisfy(\.isASCIIDigit) {
            guard fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else {
                throw FieldError("\"\(raw)\" has decimals finer than a cent after its decimal comma; amounts are kept to the cent, \(example)",
                                 summary: "amount finer than a cent read with --decimal-comma",
                                 fix: "round them to the cent in the file, or, if its commas group thousands (1,505 is fifteen hundred and five), "
                                    + "import without --decimal-comma (with --decimal-point in a semicolon- or tab-separated file)")
            }
            fraction = String(fraction.prefix(2))
        }
        if fraction.contains(thousandsMark) || fraction.contains(where: isSpace) {
            // `1.200,50` read with a decimal point: the marks are the other way round.
            let which = decimalComma ? "dot" : "comma"
            throw FieldError("\"\(raw)\" is ambiguous (is the \(which) a decimal or a thousands separator?); \(example)",
                             summary: "ambiguous amount", fix: decimalComma ? "write the amounts with a decimal comma, or import without --decimal-comma" : "import with --decimal-comma if the file writes 1.200,50")
        }
        let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: { isSpace($0) || $0 == thousandsMark })
        if groups.count > 1 {
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), groups[0].count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                if !decimalComma, whole.contains(",") {
                    throw FieldError("\"\(raw)\" is ambiguous (is the comma a decimal or a thousands separator?); \(example)",
                                     summary: "ambiguous amount", fix: "import with --decimal-comma if the file writes 1.200,50")
                }
                throw FieldError("\"\(raw)\" is not an amount; \(example)")
            }
            // One comma, no dot: `1,500` is 1500 with a decimal point, 1.5 with a decimal comma.
            if let separator, !decimalComma, parts.count == 1, whole.count(where: { $0 == "," }) == 1 {
                throw FieldError("\"\(raw)\" is ambiguous in a \(separator)-separated file (is the comma a decimal or a thousands separator?); \(example)",
                                 summary: "comma amount in a \(separator)-separated file",
                                 fix: "import with --decimal-point if it means fifteen hundred, with --decimal-comma if it means one and a half")
            }
            whole = Substring(groups.joined())
        }
        if !decimalComma, fraction.count == 3, parts.count == 2, fraction.allSatisfy(\.isASCIIDigit) {
            throw FieldError("\"\(raw)\" is ambiguous (is the dot a decimal or a thousands separator?); \(example)",
                             summary: "ambiguous amount", fix: "import with --decimal-comma if the file writes 1.200,50")
        }
        return try hundredths(String(whole) + (parts.count == 2 ? "." + fraction : ""), raw: raw)
    }

    /// `1,500,000` with --decimal-comma has two decimal marks: the file groups thousands with commas.
    private static func commasGroupThousands(_ raw: String) -> FieldError {
        FieldError("\"\(raw)\" has more than one comma, so with --decimal-comma it is no number: its commas group thousands; \(example)",
                   summary: "comma grouping thousands read with --decimal-comma",
                   fix: "import without --decimal-comma (with --decimal-point in a semicolon- or tab-separated file) if the file writes 1,500,000 for one and a half million")
    }

    public static func validCurrency(_ raw: String) throws(FieldError) -> String {
        if raw.utf8.count == 3, raw.withUTF8Bytes({ $0.allSatisfy { $0 &- UInt8(ascii: "A") < 26 } }) { return raw }
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
        raw.withUTF8Bytes { bytes -> Int64? in
            var units: Int64 = 0
            var digits = 0
            var fraction: Int64 = 0
            var fractionDigits = -1
            for byte in bytes {
                if byte == UInt8(ascii: "."), fractionDigits < 0 {
                    fractionDigits = 0
                } else if byte &- UInt8(ascii: "0") < 10 {
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
