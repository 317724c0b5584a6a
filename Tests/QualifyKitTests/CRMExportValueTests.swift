import QualifyKit
import Testing

/// Amounts and dates as CRMs display them, read only when nothing is guessed.
@Suite struct CRMExportValueTests {
    let usd = AmountReading(currency: "USD", currencySource: "--currency")
    let today = CalendarDay(year: 2026, month: 11, day: 26)!

    func read(_ text: String, _ reading: AmountReading, row: String? = nil) -> String {
        do {
            let (amount, given) = try AmountParser.read(text, reading, rowCurrency: row)
            return "\(amount.decimal) \(amount.currency)\(given ? "" : " (default)")"
        } catch {
            return error.description
        }
    }

    @Test func signsConfirmTheCurrencyTheyFit() {
        #expect(read("$22,700.00", usd) == "22700 USD")
        #expect(read("US$ 5", usd) == "5 USD")
        #expect(read("1,200", usd) == "1200 USD (default)")
        #expect(read("€5", AmountReading(currency: "EUR")) == "5 EUR")
        #expect(read("22 700 €", AmountReading(currency: "EUR")) == "22700 EUR")
        #expect(read("£5", usd) == "\"£5\" has a £ sign, which contradicts USD (from --currency); give the currency it means, e.g. 5 GBP")
        #expect(read("$5", usd, row: "CAD") == "5 CAD")
        #expect(read("$5", AmountReading(currency: "EUR"), row: "EUR").contains("contradicts EUR (from the row's currency)"))
        #expect(read("$5 EUR", usd).contains("contradicts EUR (from its code)"))
    }

    @Test func aDecimalCommaIsReadOnlyWhenTheFileSaysSo() {
        let comma = AmountReading(currency: "EUR", decimalComma: true)
        #expect(read("1.200,50", comma) == "1200.50 EUR (default)")
        #expect(read("1 200,50", comma) == "1200.50 EUR (default)")
        #expect(read("1200,5", comma) == "1200.50 EUR (default)")
        #expect(read("120000", comma) == "120000 EUR (default)")
        // As a decimal-comma country writes them: dots (or spaces) between thousands, any decimals to the cent.
        #expect(read("1.500", comma) == "1500 EUR (default)")
        #expect(read("1.234.567,89", comma) == "1234567.89 EUR (default)")
        #expect(read("1 500,50", comma) == "1500.50 EUR (default)")
        #expect(read("1,5", comma) == "1.50 EUR (default)")
        #expect(read("1,500", comma) == "1.50 EUR (default)")
        #expect(read("1,505", comma).contains("has decimals finer than a cent"))
        #expect(read("1,500,000", comma).contains("has more than one comma"))
        #expect(read("1.234.567,89", AmountReading(currency: "EUR")).contains("groups thousands with dots"))
        #expect(read("1,200.50", comma).contains("is ambiguous (is the dot a decimal or a thousands separator?)"))
        #expect(read("1 200,50", AmountReading(currency: "EUR")).contains("is ambiguous (is the comma a decimal or a thousands separator?)"))
        #expect(read("12,34,567", AmountReading(currency: "EUR")).contains("ambiguous"))
    }

    func date(_ text: String, _ order: DateOrder? = nil) -> String {
        do {
            let parsed = try CloseDateParser.parse(text, today: today, order: order)
            return parsed.day.description + (parsed.hadTime ? " (time dropped)" : "")
        } catch {
            return error.description
        }
    }

    @Test func monthNamesTimestampsAndOrderedNumericDates() {
        #expect(date("16 Apr, 2021 00:03:00") == "2021-04-16 (time dropped)")
        #expect(date("Apr 16, 2027") == "2027-04-16")
        #expect(date("16. april 2027") == "2027-04-16")
        #expect(date("December 1, 2027 10:15 PM") == "2027-12-01 (time dropped)")
        #expect(date("2020-12-22T21:16:01Z") == "2020-12-22 (time dropped)")
        #expect(date("2020-12-22 21:16:01") == "2020-12-22 (time dropped)")
        #expect(date("2027/03/31") == "2027-03-31")
        #expect(date("04/05/2027", .DMY) == "2027-05-04")
        #expect(date("04/05/2027", .MDY) == "2027-04-05")
        #expect(date("31.12.2027", .DMY) == "2027-12-31")
        #expect(date("31/12/2027", .MDY) == "\"31/12/2027\" is not a day of the calendar; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")
        #expect(date("04/05/2027").hasPrefix("\"04/05/2027\" could be read day-first or month-first"))
        #expect(date("04/05/27", .DMY).contains("no four-digit year"))
        #expect(date("Apr 31, 2027").contains("not a day of the calendar"))
        #expect(date("04/05/2027", .YMD).contains("--date-format DMY or MDY"))
    }
}
