import QualifyKit
import Testing

/// A numeric date without an order is never guessed, but the message must be true:
/// "31/12/2027" is not ambiguous, and "31/02/2027" is no date at all.
@Suite struct NumericDateMessageTests {
    let today = CalendarDay(year: 2026, month: 12, day: 1)!

    func refusal(_ text: String) -> String {
        do {
            _ = try CloseDateParser.parse(text, today: today)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func aDateOnlyOneOrderCanReadGivesThatReadingToCopy() {
        #expect(refusal("31/12/2027") == "\"31/12/2027\" can only be 2027-12-31 (day first), but qualify never guesses the order of a numeric date: write 2027-12-31")
        #expect(refusal("12/31/2027") == "\"12/31/2027\" can only be 2027-12-31 (month first), but qualify never guesses the order of a numeric date: write 2027-12-31")
    }

    @Test func aDateNoOrderCanReadIsNotCalledAmbiguous() {
        #expect(refusal("31/02/2027") == "\"31/02/2027\" is not a day of the calendar, day first or month first; write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w")
    }

    @Test func anAmbiguousDateStillNamesBothOrders() {
        #expect(refusal("04/05/2027").hasPrefix("\"04/05/2027\" could be read day-first or month-first"))
    }
}
