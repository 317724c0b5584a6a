import QualifyKit
import Testing

/// Every rule of the CRM manual's Opportunities table, accepted and refused
/// values, with the message the rep sees.
@Suite struct CRMFieldRuleTests {
    func amount(_ text: String) throws(FieldError) -> Amount { try AmountParser.parse(text, defaultCurrency: "EUR") }

    func refusal(_ text: String) -> String {
        do {
            _ = try amount(text)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func amountsAreExactHundredthsWithACurrency() throws {
        #expect(try amount("120000") == Amount(hundredths: 12_000_000, currency: "EUR"))
        #expect(try amount("120000.50") == Amount(hundredths: 12_000_050, currency: "EUR"))
        #expect(try amount("120 000") == Amount(hundredths: 12_000_000, currency: "EUR"))
        #expect(try amount("1 200 000.05 USD") == Amount(hundredths: 120_000_005, currency: "USD"))
        #expect(try amount("GBP 99.9") == Amount(hundredths: 9_990, currency: "GBP"))
        #expect(try amount("22,700.00 usd") == Amount(hundredths: 2_270_000, currency: "USD"))
        #expect(try amount("120\u{00A0}000") == Amount(hundredths: 12_000_000, currency: "EUR"))
        // Beyond what a Double holds exactly: still exact.
        #expect(try amount("90071992547409.93").hundredths == 9_007_199_254_740_993)
    }

    @Test func amountsShowGroupedAndExportPlain() throws {
        #expect(try amount("1200000.5").display == "1 200 000.50 EUR")
        #expect(try amount("999").display == "999 EUR")
        #expect(try amount("1000").display == "1 000 EUR")
        #expect(try amount("0.07").display == "0.07 EUR")
        #expect(try amount("90071992547409.93").display == "90 071 992 547 409.93 EUR")
        #expect(try amount("120000").decimal == "120000")
        #expect(try amount("0.07").decimal == "0.07")
    }

    @Test func ambiguousAmountsAreRefusedWithAnExample() {
        #expect(refusal("1.200,50") == "\"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR")
        #expect(refusal("1,20").contains("ambiguous"))
        #expect(refusal("1.200") == "\"1.200\" is ambiguous (is the dot a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR")
        #expect(refusal("$22,700.00") == "\"$22,700.00\" has a $ sign, which contradicts EUR (from config.yaml); give the currency it means, e.g. 22,700.00 USD")
        #expect(refusal("12 00").contains("is not an amount"))
        #expect(refusal("-5").contains("negative"))
        #expect(refusal("1.2345").contains("more than two decimals"))
        #expect(refusal("").contains("empty"))
        #expect(refusal("lots").contains("write it like 120000.50"))
        #expect(refusal("99999999999999999999").contains("too large"))
        #expect(refusal("100 EURO").contains("write it like"))
    }

    @Test func currencyCodesAreThreeLettersStoredInCapitals() throws {
        #expect(try AmountParser.validCurrency("CHF") == "CHF")
        // As "120000 usd" is accepted, so is --currency usd.
        #expect(try AmountParser.validCurrency("usd") == "USD")
        #expect(throws: FieldError("\"euro\" is not an ISO 4217 currency code; use three letters such as EUR, USD or GBP")) {
            try AmountParser.validCurrency("euro")
        }
    }

    let today = CalendarDay(year: 2026, month: 11, day: 26)!

    @Test func closeDatesAreISOTodayOrRelative() throws {
        #expect(try CloseDateParser.parse("2026-12-31", today: today).day.description == "2026-12-31")
        #expect(try CloseDateParser.parse("today", today: today).day == today)
        #expect(try CloseDateParser.parse("+30d", today: today).day.description == "2026-12-26")
        #expect(try CloseDateParser.parse("+6w", today: today).day.description == "2027-01-07")
        #expect(try CloseDateParser.parse("2028-02-29", today: today).day.description == "2028-02-29")
        // Salesforce writes timestamps even in date fields.
        #expect(try CloseDateParser.parse("2027-01-19T00:30:44Z", today: today).day.description == "2027-01-19")
        #expect(try CloseDateParser.parse("2026-12-31", today: today).warning == nil)
    }

    @Test func aPastCloseDateIsKeptWithAWarning() throws {
        let parsed = try CloseDateParser.parse("2026-01-15", today: today)
        #expect(parsed.day.description == "2026-01-15")
        #expect(parsed.warning == "the close date 2026-01-15 is in the past; it was kept. Change it if the deal slipped.")
    }

    @Test func aDayFirstDateWithDashesIsReadOrRefusedWhole() throws {
        // Was "07-07-2 has no day 2027": taken for YYYY-MM-DD by its length.
        #expect(CloseDateParser.offCalendar("07-07-2027") == nil)
        #expect(try CloseDateParser.parse("07-07-2027", today: today).day.description == "2027-07-07")
        #expect(throws: FieldError("\"08-07-2027\" could be read day-first or month-first; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")) {
            try CloseDateParser.parse("08-07-2027", today: today)
        }
        #expect(throws: FieldError("\"31-02-2027\" is not a day of the calendar, day first or month first; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")) {
            try CloseDateParser.parse("31-02-2027", today: today)
        }
    }

    @Test func guessedOrImpossibleDatesAreRefused() {
        #expect(throws: FieldError("\"01/02/2026\" could be read day-first or month-first; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")) {
            try CloseDateParser.parse("01/02/2026", today: today)
        }
        #expect(throws: FieldError("\"2026-02-30\" is not a day of the calendar: 2026-02 has no day 30; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")) {
            try CloseDateParser.parse("2026-02-30", today: today)
        }
        #expect(throws: FieldError("\"2026-13-01\" is not a day of the calendar: there is no month 13; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")) {
            try CloseDateParser.parse("2026-13-01", today: today)
        }
        #expect(throws: FieldError("\"-5d\" counts back; a close date is ahead: +30d, +6w, or a past date as YYYY-MM-DD")) {
            try CloseDateParser.parse("-5d", today: today)
        }
        #expect(throws: FieldError.self) { try CloseDateParser.parse("next month", today: today) }
        #expect(throws: FieldError.self) { try CloseDateParser.parse("+3m", today: today) }
        #expect(throws: FieldError.self) { try CloseDateParser.parse("26.11.2026", today: today) }
    }

    @Test func probabilityIsZeroToNinetyNineAndHundredOnlyWhenWon() throws {
        #expect(try ProbabilityRule.parse("0") == 0)
        #expect(try ProbabilityRule.parse("99") == 99)
        #expect(try ProbabilityRule.parse("40%") == 40)
        #expect(try ProbabilityRule.parse("100") == 100)
        try ProbabilityRule.check(100, outcome: .won)
        try ProbabilityRule.check(40, outcome: nil)
        let hundred = FieldError("a probability of 100 is kept for a closed-won stage; give 0 to 99, or move the deal to a won stage")
        #expect(throws: hundred) { try ProbabilityRule.check(100, outcome: nil) }
        #expect(throws: hundred) { try ProbabilityRule.check(100, outcome: .lost) }
        #expect(throws: FieldError("\"101\" is not a probability; give a whole number from 0 to 99, e.g. 40")) {
            try ProbabilityRule.parse("101")
        }
        #expect(throws: FieldError("\"40.5\" is not a probability; give a whole number from 0 to 99, e.g. 40")) {
            try ProbabilityRule.parse("40.5")
        }
        #expect(throws: FieldError.self) { try ProbabilityRule.parse("-1") }
    }

    @Test func fieldNamesAcceptTheCRMsSpellings() throws {
        #expect(try OpportunityField(named: "close-date") == .closeDate)
        #expect(try OpportunityField(named: "Expected Close Date") == .closeDate)
        #expect(try OpportunityField(named: "next step") == .nextMilestone)
        #expect(try OpportunityField(named: "POWER_SPONSOR") == .powerSponsor)
        #expect(throws: FieldError.self) { try OpportunityField(named: "budget") }
    }
}
