import Foundation
import QualifyKit
import QualifyStore

/// The two parts of `qualify home` as the entries stream in: the first
/// rows of each and how many there are in all, so a manager's 100,000 deals
/// never sit in memory at once.
public struct HomeListing: Sendable {
    public private(set) var pending = HomePart(title: "Pending")
    public private(set) var upcoming = HomePart(title: "Upcoming")

    public init() {}

    public init(_ entries: some Sequence<HomeEntry>) {
        for entry in entries { add(entry) }
    }

    public mutating func add(_ entry: HomeEntry) {
        if entry.isUpcoming { upcoming.add(entry) } else { pending.add(entry) }
    }

    var isEmpty: Bool { pending.count == 0 && upcoming.count == 0 }
}

public struct HomePart: Sendable {
    public let title: String
    public private(set) var shown: [HomeEntry] = []
    public private(set) var count = 0

    mutating func add(_ entry: HomeEntry) {
        count += 1
        if shown.count < HomeReport.rowsShown { shown.append(entry) }
    }
}

/// `qualify home`: the manual's "My Upcoming and Pending Activities".
public enum HomeReport {
    /// Rows shown in each part before "… and N more".
    public static let rowsShown = 50

    public static func table(_ listing: HomeListing, criteria: HomeCriteria, completeness: RecordCompleteness,
                             days: Int, style: ReportStyle) -> String {
        var text = style.bold("Upcoming and pending") + "\n"
        text += style.dim("Open deals at \(amount(criteria.minimumHundredths, criteria.currency)) or more: closing by \(criteria.lastDay) (\(days) days), past their close date or without a next milestone; and letters to draft or to send") + "\n"
        if listing.isEmpty {
            text += "\nNothing upcoming or pending.\n"
        }
        for part in [listing.pending, listing.upcoming] where part.count > 0 {
            let rows = part.shown.map { entry -> [String] in
                let q = entry.qualification
                return [q.closeDate ?? "-", q.opportunity + (q.isDemo ? " [demo]" : ""), q.account,
                        q.amountHundredths.map { amount($0, q.currency ?? criteria.defaultCurrency) } ?? "-",
                        q.stage ?? "-", reasons(entry, today: criteria.today)]
            }
            // Padded by terminal columns: "Acme 😬 deal" takes one column more than its characters.
            let lines = TextTable.lines(header: ["Close date", "Opportunity", "Account", "Amount", "Stage", "Why"], rows: rows,
                                        widest: .max).map(\.trimmingTrailingSpaces)
            text += "\n" + style.bold("\(part.title) (\(part.count))") + "\n" + style.bold(lines[0]) + "\n" + lines.dropFirst().joined(separator: "\n") + "\n"
            if part.count > part.shown.count {
                text += style.dim("… and \(part.count - part.shown.count) more; --minimum AMOUNT shows only the larger deals") + "\n"
            }
        }
        // Until every deal has its CRM fields, say what the list cannot see.
        let missingAmount = completeness.opportunities - completeness.withAmount
        let missingDate = completeness.opportunities - completeness.withCloseDate
        if missingAmount > 0 || missingDate > 0 {
            text += "\n" + style.dim("Not shown as upcoming: \(missingAmount) of \(completeness.opportunities) opportunities have no amount, \(missingDate) no expected close date. Set them with: qualify opportunity set NAME …") + "\n"
        }
        return text
    }

    static func reasons(_ entry: HomeEntry, today: String) -> String {
        var reasons: [String] = []
        if let close = entry.qualification.closeDate, let days = daysBetween(today, close) {
            if entry.overdue {
                reasons.append("overdue by \(-days) day\(days == -1 ? "" : "s")")
            } else if entry.closingSoon {
                reasons.append(days == 0 ? "closes today" : "closes in \(days) day\(days == 1 ? "" : "s")")
            }
        }
        if entry.noNextMilestone { reasons.append("no next milestone") }
        if entry.letterPending {
            reasons.append(entry.qualification.lastLetterAt == nil ? "sponsor letter to draft" : "words changed since the last letter")
        }
        if entry.letterUnsent { reasons.append("letter drafted, not sent (qualify letter mark NAME sent)") }
        return reasons.joined(separator: "; ")
    }

    /// "120 000.50 EUR": the same grouping as `opportunity show` and `list`.
    static func amount(_ hundredths: Int64, _ currency: String) -> String {
        Amount(hundredths: hundredths, currency: currency).display
    }

    static func daysBetween(_ from: String, _ to: String) -> Int? {
        guard let start = day(from), let end = day(to) else { return nil }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    private static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The threshold from config.yaml or --minimum: "120000", "120 000",
    /// "120000.50". Anything else (like "1.200,50") is refused: a wrong
    /// guess would silently hide deals.
    public static func hundredths(from text: String) -> Int64? {
        let compact = text.filter { $0 != " " && $0 != "_" && $0 != "\u{A0}" }
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let units = Int64(parts[0]) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let fraction = Int64(parts[1]) else { return nil }
            cents = parts[1].count == 1 ? fraction * 10 : fraction
        }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        return overflow ? nil : scaled + cents
    }
}
