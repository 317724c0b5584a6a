import Foundation
import QualifyKit
import QualifyStore

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
