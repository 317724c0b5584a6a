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
    let text: String

    init(_ raw: String, option: String) throws(StoreError) {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        let example = "give a date as YYYY-MM-DD, for example 2026-03-31"
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw StoreError(.invalid, "\(option) \"\(raw)\" is not a date; \(example).")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else {
            throw StoreError(.invalid, "\(option) \"\(raw)\" is not a day of the calendar; \(example).")
        }
        text = raw
    }

    /// The first instant after this day, as GRDB stores dates ("YYYY-MM-DD HH:MM:SS.SSS"):
    /// "until 2026-03-31" must include everything said that day.
    var nextDay: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        let next = calendar.date(byAdding: .day, value: 1, to: date)!
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
