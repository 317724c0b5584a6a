import GRDB

// The filters every lookup by a typed name repeats, GRDB's way: one
// `named(_:)` per record on any request of it (`Opportunity.all().named(x)`,
// or after `including`/`order`). Opportunity and account names are NOCASE
// columns, so any case matches; stage names are exact, as in the CRMs.

extension DerivableRequest<Opportunity> {
    func named(_ name: String) -> Self { filter(Opportunity.Columns.name == name) }
}

extension DerivableRequest<Account> {
    func named(_ name: String) -> Self { filter(Account.Columns.name == name) }
}

extension DerivableRequest<Stage> {
    func named(_ name: String) -> Self { filter(Stage.Columns.name == name) }
}
