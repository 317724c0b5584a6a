import Foundation
import GRDB
import QualifyKit

/// How a moment sits in qualify's tables: GRDB's own text,
/// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, written and read here by day arithmetic.
/// GRDB's default writes it through a `DateFormatter` and reads it through a
/// UTC `Calendar`; both load ICU's zone and locale tables, several megabytes
/// resident before the first question of a call, for a format that never
/// changes. Reading still goes through GRDB's own parser, so every text GRDB
/// accepts (a `T`, no seconds, a zone suffix) reads as before.
enum StoredTime {
    private static let secondsFrom1970To2001 = Int64(Date.timeIntervalBetween1970AndReferenceDate)

    /// The text GRDB's `Date.databaseValue` writes for `date`. Years outside
    /// 1583–9999 (never a moment a rep lives) go to GRDB itself: Foundation's
    /// calendar is Julian before October 1582.
    static func databaseValue(_ date: Date) -> DatabaseValue {
        // Foundation's formatter rounds to the nearest millisecond the same way.
        let millisecondsSince1970 = ((date.timeIntervalSinceReferenceDate + Double(secondsFrom1970To2001)) * 1000 + 0.5)
            .rounded(.down)
        guard abs(millisecondsSince1970) < 2.5e14 else { return date.databaseValue }
        let milliseconds = Int64(millisecondsSince1970)
        let (days, millisecondOfDay) = floorDivision(milliseconds, 86_400_000)
        let calendarDay = CalendarDay(dayNumber: Int(days))
        guard (1583...9999).contains(calendarDay.year) else { return date.databaseValue }
        let time = (millisecondOfDay / 3_600_000).zeroPadded(to: 2) + ":" + (millisecondOfDay / 60_000 % 60).zeroPadded(to: 2)
            + ":" + (millisecondOfDay / 1000 % 60).zeroPadded(to: 2) + "." + (millisecondOfDay % 1000).zeroPadded(to: 3)
        return "\(calendarDay) \(time)".databaseValue
    }

    /// The moment GRDB's `Date.fromDatabaseValue` reads from `value`.
    static func date(from value: DatabaseValue) -> Date? {
        guard let parsed = DatabaseDateComponents.fromDatabaseValue(value) else {
            return Date.fromDatabaseValue(value)  // a number, or nil
        }
        let parts = parsed.dateComponents
        // A time without a day (HH:MM) has no year: GRDB reads no Date from it either.
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        guard year >= 1583 else { return Date.fromDatabaseValue(value) }
        guard let calendarDay = CalendarDay(year: year, month: month, day: day) else {
            return Date.fromDatabaseValue(value)  // a day past its month's end: GRDB rolls it over
        }
        let daysSince2001 = Int64(calendarDay.dayNumber) - secondsFrom1970To2001 / 86_400
        let secondOfDay = (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
            - (parts.timeZone?.secondsFromGMT() ?? 0)
        // Summed in the order Foundation's Gregorian calendar sums them, so the
        // same text gives the same Date to the last bit.
        return Date(timeIntervalSinceReferenceDate: Double(daysSince2001 * 86_400)
                    + (Double(secondOfDay) + Double(parts.nanosecond ?? 0) / 1_000_000_000))
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (quotient, a - quotient * b)
    }
}

/// Every record reads and writes its moments through `StoredTime`.
extension RowIDRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoredTime.databaseValue($0) }
    }
}

extension RowIDRecord where Self: FetchableRecord {
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { StoredTime.date(from: $0) }
    }
}

/// A moment read straight from a row, through `StoredTime`.
extension Row {
    subscript(time column: String) -> Date? { StoredTime.date(from: self[column]) }
    subscript(time index: Int) -> Date? { StoredTime.date(from: self[index]) }
    /// A moment of a NOT NULL column. One no reader can read (only a file edited by
    /// hand holds one: `import all` refuses them) reads as the earliest, never a crash.
    subscript(moment column: String) -> Date { self[time: column] ?? .distantPast }
    subscript(moment index: Int) -> Date { self[time: index] ?? .distantPast }
}
