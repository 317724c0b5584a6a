import Foundation

/// A day on the calendar with no time and no time zone: what an Expected
/// Close Date is. Arithmetic is on the proleptic Gregorian day count, so
/// `+30d` means thirty days whatever the clock's zone.
public struct CalendarDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, as every CRM writes dates in its API.
    public var description: String {
        // Ten ASCII bytes written in place: an import stores and compares 100,000 close dates,
        // and building them from padded Strings was a twentieth of its instructions (callgrind).
        if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            return String(unsafeUninitializedCapacity: 10) { bytes in
                func put(_ value: Int, at start: Int, width: Int) {
                    var value = value
                    for offset in (start..<start + width).reversed() {
                        bytes[offset] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, at: 0, width: 4)
                bytes[4] = UInt8(ascii: "-")
                put(month, at: 5, width: 2)
                bytes[7] = UInt8(ascii: "-")
                put(day, at: 8, width: 2)
                return 10
            }
        }
        return "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }

    /// Exactly `YYYY-MM-DD`, as the database stores a close date and every
    /// CRM's API writes one; nil for other text or a day that does not exist.
    public init?(iso text: String) {
        guard let day = CloseDateParser.plainISODay(text) else { return nil }
        self = day
    }

    /// The day `date` falls on in `calendar`'s time zone: the rep's own day by default.
    public init(_ date: Date, in calendar: Calendar = .current) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Today, in the rep's time zone (`TZ`, else /etc/localtime), from the C
    /// library's `localtime_r`: `Calendar.current` gives the same three numbers
    /// but loads ICU's locale and zone tables first, about 2 MB more resident
    /// memory before the first question of a call.
    public static func today(_ now: Date = Date()) -> CalendarDay {
        var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return CalendarDay(now) }
        return CalendarDay(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDay(now)
    }

    public func adding(days: Int) -> CalendarDay {
        Self(dayNumber: dayNumber + days)
    }

    /// Days from `earlier` to this day: negative when this day comes first.
    public func days(since earlier: CalendarDay) -> Int { dayNumber - earlier.dayNumber }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.dayNumber < b.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}

/// The order of a numeric date's parts, which a file's exporting user chose
/// (vtiger and SuiteCRM write the user's format): never guessed.
/// In files and JSON a day is its `YYYY-MM-DD` text.
extension CalendarDay: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a day written YYYY-MM-DD")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum DateOrder: String, CaseIterable, Sendable {
    case DMY, MDY, YMD
}

/// The Expected Close Date rule: ISO `YYYY-MM-DD`, `today`, `+30d`, `+6w`.
/// Timestamps (`2021-01-19T00:30:44Z`, `16 Apr, 2021 00:03:00`) keep their
/// date; month names (`Apr 16, 2021`, `16. april 2021`) are read. A date
/// in the past is accepted (deals slip) with a warning. `01/02/2026` needs
/// the order said (`--date-format`): d/m or m/d is a guess, and a guessed
/// close date is a wrong forecast. `07/07/2026` is the same day either way:
/// it is read. `13/02/2026` can only be day first: an import reads it and
/// says so in its summary (`onlyReading`); a rep typing it is asked to write
/// the ISO day, which takes a second at the prompt and has no summary to say it.
public enum CloseDateParser {
    public struct Parsed: Equatable, Sendable {
        public var day: CalendarDay
        /// Set when the date is before today.
        public var warning: String?
        /// The value had a time of day, which was dropped.
        public var hadTime = false
        /// A numeric date without an order said, read the one way the calendar allows.
        public var onlyReading: DateOrder?
    }

    static let example = "write YYYY-MM-DD (e.g. 2026-03-31), today, +30d or +6w"

    /// `takingTheOnlyReading`: a numeric date only one order makes a day of (`13/02/2026`)
    /// is read that way, and `Parsed.onlyReading` says which, instead of refused.
    public static func parse(_ raw: String, today: CalendarDay, order: DateOrder? = nil,
                             takingTheOnlyReading: Bool = false) throws(FieldError) -> Parsed {
        var parsed = Parsed(day: today)
        if let plain = plainISODay(raw) {
            parsed.day = plain
        } else {
            parsed.day = try parsedDay(raw, today: today, order: order, takingTheOnlyReading: takingTheOnlyReading, into: &parsed)
        }
        if parsed.day < today { parsed.warning = "the close date \(parsed.day) is in the past; it was kept. Change it if the deal slipped." }
        return parsed
    }

    /// Why text shaped like YYYY-MM-DD is no real day ("2026-02 has no day 30"), or nil.
    /// Day-first `07-07-2027` is not this shape: the word parser reads or refuses it.
    public static func offCalendar(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard text.count == 10, parts.count == 3, text.firstIndex(of: "-") == text.index(text.startIndex, offsetBy: 4) else { return nil }
        guard (1...12).contains(parts[1]) else { return "there is no month \(parts[1])" }
        return "\(text.prefix(7)) has no day \(parts[2])"
    }

    private static func parsedDay(_ raw: String, today: CalendarDay, order: DateOrder?, takingTheOnlyReading: Bool,
                                  into parsed: inout Parsed) throws(FieldError) -> CalendarDay {
        let text = raw.trimmedSpaces.lowercased()
        if text == "today" {
            return today
        } else if text.hasPrefix("+"), let unit = text.last, unit == "d" || unit == "w",
                  let count = Int(text.dropFirst().dropLast()), count >= 0, count <= 36500 {
            return today.adding(days: unit == "w" ? count * 7 : count)
        } else if let iso = isoDay(text) {
            parsed.hadTime = text.count > 10
            return iso
        } else if text.hasPrefix("-") {
            throw FieldError("\"\(raw)\" counts back; a close date is ahead: +30d, +6w, or a past date as YYYY-MM-DD")
        } else if let reason = offCalendar(text) {
            throw FieldError("\"\(raw)\" is not a day of the calendar: \(reason); \(example)")
        }
        return try wordDay(raw, text: text, order: order, takingTheOnlyReading: takingTheOnlyReading, into: &parsed)
    }

    /// `16 Apr, 2021 00:03:00`, `Apr 16, 2021`, `16. april 2021`, `31/12/2026`
    /// (with an order), `2026/12/31`: a date's three parts, then perhaps a time.
    private static func wordDay(_ raw: String, text: String, order: DateOrder?, takingTheOnlyReading: Bool,
                                into parsed: inout Parsed) throws(FieldError) -> CalendarDay {
        var words = text.split(whereSeparator: { " ,/.-\t".contains($0) }).map(String.init)
        // A time of day (`00:03:00`, `10:15 pm`) ends the value.
        if let time = words.firstIndex(where: { $0.contains(":") }), time >= 3 {
            words.removeSubrange(time...)
            parsed.hadTime = true
        }
        guard words.count == 3 else {
            throw FieldError("\"\(raw)\" is not a close date; \(example)")
        }
        let numbers = words.map { Int($0) }
        func day(_ y: Int?, _ m: Int?, _ d: Int?, yearWord: String) throws(FieldError) -> CalendarDay {
            guard yearWord.count == 4, let y, let m, let d else {
                throw FieldError("\"\(raw)\" has no four-digit year; \(example)")
            }
            guard let day = CalendarDay(year: y, month: m, day: d) else {
                throw FieldError("\"\(raw)\" is not a day of the calendar; \(example)")
            }
            return day
        }
        if let monthIndex = words.firstIndex(where: { monthNumber($0) != nil }) {
            let others = words.indices.filter { $0 != monthIndex }
            guard let yearIndex = others.first(where: { words[$0].count == 4 }),
                  let dayIndex = others.first(where: { $0 != yearIndex }) else {
                throw FieldError("\"\(raw)\" has no four-digit year; \(example)")
            }
            return try day(numbers[yearIndex], monthNumber(words[monthIndex]), numbers[dayIndex], yearWord: words[yearIndex])
        }
        guard numbers.allSatisfy({ $0 != nil }) else {
            throw FieldError("\"\(raw)\" is not a close date; \(example)")
        }
        if words[0].count == 4 {
            return try day(numbers[0], numbers[1], numbers[2], yearWord: words[0])
        }
        switch order {
        case .DMY: return try day(numbers[2], numbers[1], numbers[0], yearWord: words[2])
        case .MDY: return try day(numbers[2], numbers[0], numbers[1], yearWord: words[2])
        case .YMD:
            throw FieldError("\"\(raw)\" does not start with a year, as --date-format YMD says; give the file's order with --date-format DMY or MDY",
                             summary: "dates not year first, as --date-format YMD says", fix: "give the file's order with --date-format DMY or MDY",
                             inRow: "\"\(raw)\" does not start with a year")
        case nil:
            // "07/07/2027" is the same day in either order: nothing to guess.
            if numbers[0] == numbers[1] { return try day(numbers[2], numbers[1], numbers[0], yearWord: words[2]) }
            // "31/12/2027" is no riddle either: an import reads it and says how; a rep at the prompt
            // is given the one reading to copy.
            let dayFirst = CalendarDay(year: numbers[2]!, month: numbers[1]!, day: numbers[0]!)
            let monthFirst = CalendarDay(year: numbers[2]!, month: numbers[0]!, day: numbers[1]!)
            if words[2].count == 4, dayFirst == nil, monthFirst == nil {
                throw FieldError("\"\(raw)\" is not a day of the calendar, day first or month first; \(example)")
            }
            if words[2].count == 4, let only = dayFirst == nil ? monthFirst : (monthFirst == nil ? dayFirst : nil) {
                if takingTheOnlyReading {
                    parsed.onlyReading = dayFirst == nil ? .MDY : .DMY
                    return only
                }
                throw FieldError("\"\(raw)\" can only be \(only) (\(dayFirst == nil ? "month" : "day") first), but qualify never guesses the order of a numeric date: write \(only)",
                                 summary: "numeric dates without an order", fix: "say the file's order with --date-format DMY (day first) or MDY (month first)",
                                 inRow: "\"\(raw)\" can only be \(only) (\(dayFirst == nil ? "month" : "day") first), but the order of numeric dates is never guessed")
            }
            throw FieldError("\"\(raw)\" could be read day-first or month-first; \(example)",
                             summary: "numeric dates without an order", fix: "say the file's order with --date-format DMY (day first) or MDY (month first)",
                             inRow: "\"\(raw)\" could be read day-first or month-first")
        }
    }

    /// English month names and their short forms, and the German, Danish
    /// and Norwegian spellings a European export writes (`16. april 2021`).
    static func monthNumber(_ word: String) -> Int? {
        let names: [[String]] = [
            ["jan", "january", "januar"], ["feb", "february", "februar"], ["mar", "march", "märz", "marts", "mars"],
            ["apr", "april"], ["may", "mai", "maj"], ["jun", "june", "juni"], ["jul", "july", "juli"],
            ["aug", "august"], ["sep", "sept", "september"], ["oct", "october", "okt", "oktober"],
            ["nov", "november"], ["dec", "december", "dez", "dezember", "des", "desember"],
        ]
        return names.firstIndex { $0.contains(word) }.map { $0 + 1 }
    }

    /// Exactly `YYYY-MM-DD`, what most files hold, read from its bytes (an
    /// import reads one date a row); nil for anything else, `isoDay` included.
    static func plainISODay(_ raw: String) -> CalendarDay? {
        guard raw.utf8.count == 10 else { return nil }
        return raw.withUTF8Bytes { bytes -> CalendarDay? in
            var year = 0, month = 0, day = 0
            for offset in 0..<10 {
                let byte = bytes[offset]
                if offset == 4 || offset == 7 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let digit = Int(byte) - Int(UInt8(ascii: "0"))
                guard digit >= 0 && digit <= 9 else { return nil }
                if offset < 4 { year = year * 10 + digit } else if offset < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            return CalendarDay(year: year, month: month, day: day)
        }
    }

    /// `YYYY-MM-DD`, optionally followed by a `T` or space and a time, as Salesforce writes.
    static func isoDay(_ text: String) -> CalendarDay? {
        let datePart = text.split(whereSeparator: { $0 == "t" || $0 == " " }).first.map(String.init) ?? text
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
              pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(pieces[0]), let m = Int(pieces[1]), let d = Int(pieces[2]) else { return nil }
        return CalendarDay(year: y, month: m, day: d)
    }
}
