import Foundation
import QualifyKit
import Testing

@Suite struct TodayTests {
    /// `CalendarDay.today` reads the C library's local time; it must name the
    /// same day as Foundation's `Calendar.current` in the process's zone.
    @Test func todayIsTheDayCalendarCurrentNames() {
        for _ in 0..<2000 {
            let moment = Date(timeIntervalSince1970: Double.random(in: 0...4e9))
            #expect(CalendarDay.today(moment) == CalendarDay(moment, in: .current), "\(moment)")
        }
    }
}
