import Foundation
import QualifyKit
import QualifyStore

/// The record's fields, one per line, as `show`, `set` and the REPL's /opportunity print them.
struct OpportunityCard {
    let console: Console

    func show(_ record: OpportunityRecord) {
        let o = record.opportunity
        func contact(_ contact: Contact?) -> String {
            guard let contact else { return "-" }
            return [contact.name, contact.title, contact.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: ", ")
        }
        let lines: [(String, String)] = [
            ("Account", record.accountName),
            ("Amount", record.amount?.display ?? "-"),
            ("Expected close", o.closeDate ?? "-"),
            ("Stage", record.stage.map { $0.name + ($0.closed.map { " (closed \($0.rawValue))" } ?? "") } ?? "-"),
            ("Probability", o.probability.map { "\($0)%" } ?? "-"),
            ("Next milestone", o.nextMilestone ?? "-"),
            ("Owner", o.owner ?? "-"),
            ("Lead source", o.leadSource ?? "-"),
            ("Sponsor", contact(record.sponsor)),
            ("Power sponsor", contact(record.powerSponsor)),
            ("Description", o.description ?? "-"),
        ]
        for (label, value) in lines {
            console.say(console.dim(label.padding(toLength: 15, withPad: " ", startingAt: 0)) + value)
        }
    }
}

/// Left-aligned columns, two spaces apart.
enum TextTable {
    static func lines(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        // Terminal columns, not characters: an emoji in a name takes two.
        let widths = header.indices.map { column in min(40, all.map { $0[column].terminalWidth }.max() ?? 0) }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padded(to: widths[column])
            }.joined(separator: "  ")
        }
    }
}

/// The opportunity list shared by the REPL's home.
enum OpportunityTable {
    static func lines(_ overviews: [OpportunityOverview], console: Console) -> [String] {
        let rows = overviews.map { overview in
            let missing = Field.allCases.filter { !overview.answeredFields.contains($0) }.map(\.rawValue)
            let captured = missing.isEmpty ? "complete" : "missing: " + missing.joined(separator: ", ")
            return [overview.opportunity.name, overview.accountName, captured + (overview.opportunity.isDemo ? "  [demo]" : "")]
        }
        return Array(TextTable.lines(header: ["", "", ""], rows: rows).dropFirst())
    }
}
