import Foundation
import QualifyKit

/// What a manager asked `qualify review` for. Every filter narrows the
/// result; names are resolved against the stored ones so a typo is an error
/// that lists the closest names, never an empty report.
public struct ReviewFilter: Equatable, Sendable {
    public var fields: [Field] = []
    public var account: String?
    public var opportunity: String?
    /// Who captured the statement.
    public var rep: String?
    public var stage: String?
    /// ISO dates, YYYY-MM-DD, both inclusive, in UTC like the stored timestamps.
    public var since: String?
    public var until: String?
    /// Words to find in what the buyer said, as plain words: "c++" is the word c.
    public var search: String?
    /// An FTS5 query ("a phrase", OR, NOT, word*), for who wants its syntax.
    public var match: String?
    /// Every version, oldest first, instead of the current version of each statement.
    public var history = false

    public init() {}

    var isSearching: Bool { search != nil || match != nil }
}

/// The day a `--since`/`--until` value names, checked so that "2026-02-30"
/// or "yesterday" is refused with an example instead of silently matching nothing.
struct ReviewDay {
    let day: CalendarDay

    init(_ raw: String, option: String) throws(StoreError) {
        let example = "give a date as YYYY-MM-DD, for example 2026-03-31"
        guard let day = CalendarDay(iso: raw) else {
            let why = CloseDateParser.offCalendar(raw).map { "is not a day of the calendar: \($0)" } ?? "is not a date"
            throw StoreError(.invalid, "\(option) \"\(raw)\" \(why); \(example).")
        }
        self.day = day
    }

    /// Statements are stored with their UTC time ("YYYY-MM-DD HH:MM:SS.SSS"):
    /// "since 2026-03-01" starts at that day's text, "until 2026-03-31" must
    /// include everything said that day, so it ends before the next day's.
    var text: String { day.description }
    var nextDay: String { day.adding(days: 1).description }
}
