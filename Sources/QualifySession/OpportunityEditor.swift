import Foundation
import QualifyKit
import QualifyPrompts
import QualifyStore

/// What the REPL's `/set FIELD VALUE` and `/opportunity` do during an
/// interview, so the session only forwards the command (see InterviewSession).
struct OpportunityEditor {
    let database: QualifyDatabase

    /// Sets one field; a refused value throws and changes nothing.
    func set(_ field: OpportunityField, to value: String, on opportunity: Opportunity) throws -> (updated: Opportunity, warnings: [String]) {
        let context = try CRMContext(settings: Environment.settings())
        let current = try database.opportunity(id: opportunity.id!)
        return try database.setOpportunity(named: current.name, values: [field: value], context: context.edit)
    }

    func record(of opportunity: Opportunity) throws -> OpportunityRecord {
        try database.opportunityRecord(of: database.opportunity(id: opportunity.id!))
    }
}
