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

    @Test func aDateWhoseDayAndMonthAreEqualIsTheSameDayInEitherOrder() throws {
        #expect(try CloseDateParser.parse("07/07/2027", today: today).day == CalendarDay(year: 2027, month: 7, day: 7))
        #expect(try CloseDateParser.parse("03.03.2028", today: today).day == CalendarDay(year: 2028, month: 3, day: 3))
        #expect(try CloseDateParser.parse("07/07/2027", today: today).onlyReading == nil)
        #expect(refusal("07/07/27").hasPrefix("\"07/07/27\" has no four-digit year"))
    }

    @Test func anImportTakesTheOnlyReadingAndSaysWhichItWas() throws {
        let dayFirst = try CloseDateParser.parse("13/02/2027", today: today, takingTheOnlyReading: true)
        #expect(dayFirst.day == CalendarDay(year: 2027, month: 2, day: 13) && dayFirst.onlyReading == .DMY)
        let monthFirst = try CloseDateParser.parse("02/13/2027", today: today, takingTheOnlyReading: true)
        #expect(monthFirst.day == CalendarDay(year: 2027, month: 2, day: 13) && monthFirst.onlyReading == .MDY)
        #expect(throws: FieldError.self) { try CloseDateParser.parse("04/05/2027", today: today, takingTheOnlyReading: true) }
        // A file's order, once said, is not "the only reading".
        #expect(try CloseDateParser.parse("13/02/2027", today: today, order: .DMY, takingTheOnlyReading: true).onlyReading == nil)
    }

    @Test func anAmbiguousDateStillNamesBothOrders() {
        #expect(refusal("04/05/2027").hasPrefix("\"04/05/2027\" could be read day-first or month-first"))
    }
}
