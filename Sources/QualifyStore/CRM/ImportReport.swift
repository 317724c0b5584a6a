import QualifyKit

/// Why one row was refused (or merely warned about).
public struct ImportProblem: Equatable, Sendable {
    /// The kind of a name another record holds, which `--on-duplicate rename` keeps.
    public static let repeatedName = "repeated name"

    /// The line the row starts on in the file.
    public var line: Int
    /// The file's own column name, when one column is at fault.
    public var column: String?
    public var reason: String
    /// The cell at fault, counted per distinct value in the summary.
    public var value: String?
    /// What the summary groups this under ("unknown stage"); nil groups by reason.
    public var kind: String?
    /// What fixes every row of this kind at once.
    public var fix: String?
    /// The file could not be read past this line (a byte that is not text): the rows after it
    /// were never seen, so no flag skips it; the whole file is refused.
    public var endsReading: Bool

    public init(line: Int, column: String?, reason: String, value: String? = nil, kind: String? = nil, fix: String? = nil,
                endsReading: Bool = false) {
        self.line = line
        self.column = column
        self.reason = reason
        self.value = value
        self.kind = kind
        self.fix = fix
        self.endsReading = endsReading
    }
}

/// A record an import stored under another name, because its own was taken.
public struct ImportRename: Equatable, Sendable {
    public var line: Int
    public var from: String
    public var to: String

    public init(line: Int, from: String, to: String) {
        self.line = line
        self.from = from
        self.to = to
    }
}

/// Numeric close dates without --date-format that only one order makes a day of
/// (`13/02/2027` day first), read that way: counted per order, the first one the example.
public struct OnlyReading: Equatable, Sendable {
    public var order: DateOrder
    /// The first such cell, as the file wrote it, and the day it was read as.
    public var cell: String
    public var day: CalendarDay
    public var count = 1
}

public struct ImportReport: Equatable, Sendable {
    public var inserted = 0
    /// Records already stored (same source id) whose values the file changed.
    public var updated = 0
    /// Records already stored that the file left as they were.
    public var unchanged = 0
    public var skippedDuplicates = 0
    public var createdAccounts: [String] = []
    /// "Discovery (open, 20%)", in the order they were added.
    public var createdStages: [String] = []
    public var renames: [ImportRename] = []
    public var problems: [ImportProblem] = []
    public var warnings: [ImportProblem] = []
    /// Said once each, not once a row.
    public var amountsWithoutCurrency = 0
    public var defaultCurrency: AmountReading?
    public var dateTimesCut = 0
    /// At most one per order: day first, month first.
    public var datesReadTheOnlyWay: [OnlyReading] = []
    public var pastCloseDatesOfOpenDeals = 0
    public var ownersAsIds = OwnersAsIds()
    /// False when nothing was written: a dry run, or bad rows without --skip-invalid.
    public var committed = false

    mutating func count(_ reading: OnlyReading) {
        if let index = datesReadTheOnlyWay.firstIndex(where: { $0.order == reading.order }) {
            datesReadTheOnlyWay[index].count += 1
        } else {
            datesReadTheOnlyWay.append(reading)
        }
    }

    /// Rows with at least one problem.
    public var badRows: Int { Set(problems.map(\.line)).count }

    /// The rows were refused only because their names were taken.
    public var onlyRepeatedNames: Bool {
        !problems.isEmpty && problems.allSatisfy { $0.kind == ImportProblem.repeatedName }
    }

    /// What keeps the repeated names, as the summary's line for them says it:
    /// the last line of a refused import repeats it word for word.
    public var repeatedNameFix: String {
        problems.lazy.compactMap { $0.kind == ImportProblem.repeatedName ? $0.fix : nil }.first
            ?? "--on-duplicate rename keeps them all, --on-duplicate skip keeps the first"
    }

    /// One line a kind of problem, most rows first: how many rows, the
    /// distinct values with their counts, and what fixes them all.
    public func problemSummary(valuesShown: Int = 5) -> [String] {
        Self.summary(of: problems, valuesShown: valuesShown)
    }

    /// The warnings the same way: one line a kind, the distinct values counted.
    public func warningSummary(valuesShown: Int = 5) -> [String] {
        Self.summary(of: warnings, valuesShown: valuesShown)
    }

    static func summary(of problems: [ImportProblem], valuesShown: Int) -> [String] {
        // A fix per value: the one shown is the most common value's (`--map-stage 'Prospect=Prospecting'`).
        var groups: [String: (lines: Set<Int>, values: [String: Int], order: [String], fix: String?, fixes: [String: String])] = [:]
        var order: [String] = []
        for problem in problems {
            let key = problem.kind ?? (problem.column.map { "\"\($0)\": " } ?? "") + problem.reason
            if groups[key] == nil {
                order.append(key)
                groups[key] = ([], [:], [], problem.fix, [:])
            }
            groups[key]!.lines.insert(problem.line)
            if problem.kind != nil, let value = problem.value {
                if groups[key]!.values[value] == nil {
                    groups[key]!.order.append(value)
                    groups[key]!.fixes[value] = problem.fix
                }
                groups[key]!.values[value, default: 0] += 1
            }
        }
        let ranked = order.enumerated().sorted { a, b in
            let (x, y) = (groups[a.element]!.lines.count, groups[b.element]!.lines.count)
            return x != y ? x > y : a.offset < b.offset
        }
        return ranked.map { _, key in
            let group = groups[key]!
            var line = "\(group.lines.count) row\(group.lines.count == 1 ? "" : "s"): \(key)"
            let values = group.order.enumerated()
                .sorted { a, b in
                    let (x, y) = (group.values[a.element]!, group.values[b.element]!)
                    return x != y ? x > y : a.offset < b.offset
                }
                .map(\.element)
            if !values.isEmpty {
                line += " " + values.prefix(valuesShown).map { "\"\($0)\" (\(group.values[$0]!))" }.joined(separator: ", ")
                if values.count > valuesShown { line += " … and \(values.count - valuesShown) more" }
            }
            if let fix = values.first.flatMap({ group.fixes[$0] }) ?? group.fix { line += ": " + fix }
            return line
        }
    }

    /// What the import took without the file saying it, once each.
    public var notes: [String] {
        var notes: [String] = []
        if amountsWithoutCurrency > 0, let reading = defaultCurrency {
            notes.append("\(amountsWithoutCurrency) amount\(amountsWithoutCurrency == 1 ? "" : "s") had no currency: stored as \(reading.currency) from \(reading.currencySource).")
        }
        if dateTimesCut > 0 {
            notes.append("\(dateTimesCut) close date\(dateTimesCut == 1 ? " was a date-time" : "s were date-times"): the date was kept, the time dropped.")
        }
        for reading in datesReadTheOnlyWay {
            let order = reading.order == .DMY ? "day first" : "month first"
            notes.append("\(reading.count) numeric close date\(reading.count == 1 ? "" : "s") could only be read \(order) (\"\(reading.cell)\" is \(reading.day)) and \(reading.count == 1 ? "was" : "were") read so.")
        }
        if datesReadTheOnlyWay.count > 1 {
            notes.append("the file writes numeric dates both day first and month first: check those rows, or write them YYYY-MM-DD.")
        }
        if let owners = ownersAsIds.note() { notes.append(owners) }
        if pastCloseDatesOfOpenDeals > 0 {
            notes.append("\(pastCloseDatesOfOpenDeals) open deal\(pastCloseDatesOfOpenDeals == 1 ? " has its" : "s have their") close date in the past: see qualify home.")
        }
        return notes
    }
}
