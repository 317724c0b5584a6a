import Foundation

/// A moment written in UTC with a fixed pattern: mail Date headers, calendar
/// stamps and quote sources read the same on every rep's machine.
public enum UTCTime {
    public static func string(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
