import Foundation
import QualifyKit
import QualifyStore

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
