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

    /// `uncompared`: the deals the minimum left out for their currency, and the minimum's
    /// name as the user gave it (`--minimum`, `homeMinimumAmount`).
    public static func table(_ listing: HomeListing, criteria: HomeCriteria, completeness: RecordCompleteness,
                             uncompared: (deals: UncomparedCurrencies, minimumFrom: String)? = nil,
                             days: Int, style: ReportStyle) -> String {
        var text = style.bold("Upcoming and pending") + "\n"
        // "at 0 EUR or more" is a threshold that is not one.
        let threshold = criteria.minimum.hundredths > 0 ? " at \(criteria.minimum.display) or more" : ""
        text += style.dim("Open deals\(threshold): closing by \(criteria.lastDay) (\(days) days), past their close date or without a next milestone; and letters to draft or to send") + "\n"
        if listing.isEmpty {
            text += "\nNothing upcoming or pending.\n"
        }
        for part in [listing.pending, listing.upcoming] where part.count > 0 {
            let rows = part.shown.map { entry -> [String] in
                let q = entry.qualification
                return [q.closeDate?.description ?? "-", q.opportunity + (q.isDemo ? " [demo]" : ""), q.account,
                        q.amount?.display ?? "-",
                        q.stage ?? "-", reasons(entry, today: criteria.today)]
            }
            // Padded by terminal columns: "Acme 😬 deal" takes one column more than its characters.
            let lines = TextTable.lines(header: ["Close date", "Opportunity", "Account", "Amount", "Stage", "Why"], rows: rows,
                                        widest: .max)
            text += "\n" + style.bold("\(part.title) (\(part.count))") + "\n" + style.bold(lines[0]) + "\n" + lines.dropFirst().joined(separator: "\n") + "\n"
            if part.count > part.shown.count {
                text += style.dim("… and \(part.count - part.shown.count) more; --minimum AMOUNT shows only the larger deals") + "\n"
            }
        }
        // Until every deal has its CRM fields, say what the list cannot see.
        let missingAmount = completeness.opportunities - completeness.withAmount
        let missingDate = completeness.opportunities - completeness.withCloseDate
        // Only the counts that are not 0: "0 of 7 opportunities have no amount" says nothing;
        // without a minimum a deal with no amount is listed all the same.
        var missing: [String] = []
        let of = "of \(completeness.opportunities) \(completeness.opportunities == 1 ? "opportunity" : "opportunities")"
        if missingAmount > 0 && criteria.minimum.hundredths > 0 { missing.append("\(missingAmount) \(of) \(missingAmount == 1 ? "has" : "have") no amount") }
        if missingDate > 0 {
            missing.append(missing.isEmpty ? "\(missingDate) \(of) \(missingDate == 1 ? "has" : "have") no expected close date"
                           : "\(missingDate) no expected close date")
        }
        if !missing.isEmpty {
            text += "\n" + style.dim("Not shown as upcoming: \(missing.joined(separator: ", ")). Set them with: qualify opportunity set NAME …") + "\n"
        }
        // Amounts are never converted: a deal closing in 10 days in another currency must not vanish unsaid.
        if let uncompared, let note = uncompared.deals.note(uncompared.minimumFrom, option: "qualify home --minimum") {
            text += "\n" + style.dim("Not compared: " + note) + "\n"
        }
        return text
    }

    static func reasons(_ entry: HomeEntry, today: CalendarDay) -> String {
        var reasons: [String] = []
        if let close = entry.qualification.closeDate {
            let days = close.days(since: today)
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
}
