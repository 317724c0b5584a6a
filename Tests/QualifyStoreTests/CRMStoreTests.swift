import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// The opportunity record in the database: fields, history, stages,
/// sponsors and leads, checked against what SQLite really holds.
@Suite struct CRMStoreTests {
    let scratch = Scratch()
    let context = EditContext(changedBy: "Rep O'Neil", today: CalendarDay(year: 2026, month: 11, day: 26)!, defaultCurrency: "EUR")

    func database() throws -> QualifyDatabase {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.addAccount(named: "Acme Corp")
        return db
    }

    func add(_ db: QualifyDatabase, _ values: [OpportunityField: String] = [:]) throws -> QualifyStore.Opportunity {
        try db.addOpportunity(named: "Acme - Rollout", account: "acme corp", values: values, owner: "Rep O'Neil", context: context).0
    }

    @Test func addStoresEveryFieldExactly() throws {
        let db = try database()
        try db.addContact(named: "Dana Smith", account: "Acme Corp", title: "VP Sales", email: "dana@acme.example")
        try db.addContact(named: "Lee Chen", account: "Acme Corp", title: "CFO")
        let opportunity = try add(db, [.amount: "120 000.10", .closeDate: "+30d", .stage: "Needs Analysis",
                                       .nextMilestone: "Workshop on \"pain\" ", .leadSource: "Trade Show",
                                       .description: "Line one\nline two", .sponsor: "dana smith", .powerSponsor: "Lee Chen"])
        let record = try db.opportunityRecord(named: "ACME - ROLLOUT")
        #expect(opportunity.amount?.hundredths == 12_000_010)
        #expect(record.amount?.display == "120 000.10 EUR")
        #expect(record.opportunity.closeDate == CalendarDay(iso: "2026-12-26"))
        #expect(record.stage?.name == "Needs Analysis")
        #expect(record.opportunity.probability == 25)
        #expect(record.opportunity.nextMilestone == "Workshop on \"pain\" ")
        #expect(record.opportunity.description == "Line one\nline two")
        #expect(record.opportunity.owner == "Rep O'Neil")
        #expect(record.sponsor?.title == "VP Sales")
        #expect(record.powerSponsor?.name == "Lee Chen")
        let stored = try db.read { try Int64.fetchOne($0, sql: "SELECT amountHundredths FROM opportunity") }
        #expect(stored == 12_000_010)
    }

    /// The typed values are the stored columns: a day as its YYYY-MM-DD text,
    /// an amount as hundredths and a code, a history row's field by its name.
    @Test func typedValuesAreStoredInTheirColumns() throws {
        let db = try database()
        _ = try add(db, [.amount: "250.50 USD", .closeDate: "2027-01-31"])
        let row = try #require(try db.read { try Row.fetchOne($0, sql: "SELECT amountHundredths, currency, closeDate FROM opportunity") })
        #expect(row["amountHundredths"] as Int64? == 25_050 && row["currency"] as String? == "USD")
        #expect(row["closeDate"] as String? == "2027-01-31")
        let fields = try db.read { try String.fetchAll($0, sql: "SELECT field FROM opportunityChange ORDER BY id") }
        #expect(fields == ["stage", "amount", "probability", "close-date"])
        let opportunity = try db.opportunity(named: "Acme - Rollout")
        #expect(opportunity.amount == Amount(hundredths: 25_050, currency: "USD"))
        #expect(opportunity.closeDate == CalendarDay(year: 2027, month: 1, day: 31))
        #expect(try db.history(of: opportunity).map(\.field) == [.stage, .amount, .probability, .closeDate])
    }

    /// The currencies an amount-ordered list showed, counted from its rows as they stream:
    /// runs of one currency apart in the order add up, a deal stored without a currency
    /// counts in the default one, a deal without an amount counts in none.
    @Test func listedCurrenciesCountTheAmountsShownPerCurrencyMostFirst() throws {
        let db = try database()
        for (name, amount) in [("A", "100 USD"), ("B", "200 USD"), ("C", "300 EUR"), ("D", ""), ("E", "50 EUR")] {
            let values: [OpportunityField: String] = amount.isEmpty ? [:] : [.amount: amount]
            _ = try db.addOpportunity(named: "Acme - \(name)", account: "Acme Corp", values: values, owner: "Rep O'Neil", context: context)
        }
        try db.write { try $0.execute(sql: "UPDATE opportunity SET currency = NULL WHERE name = 'Acme - C'") }
        var filter = OpportunityListFilter()
        filter.sort = .amount
        filter.defaultCurrency = "EUR"
        var currencies = ListedCurrencies(defaultCurrency: "EUR")
        try db.opportunityList(filter) { currencies.add($0) }
        #expect(currencies.counts.map { "\($0.currency) \($0.deals)" } == ["EUR 2", "USD 2"])
    }

    /// A close date edited by hand into something that is no day reads as
    /// undated everywhere, and its text stays until the rep sets a date.
    @Test func aStoredCloseDateThatIsNoDayReadsAsUndated() throws {
        let db = try database()
        _ = try add(db, [.amount: "100", .closeDate: "2027-01-31"])
        try db.write { try $0.execute(sql: "UPDATE opportunity SET closeDate = '31.01.2027'") }
        #expect(try db.opportunity(named: "Acme - Rollout").closeDate == nil)
        // The list writes the stored bytes as they are.
        var listed: [String?] = []
        try db.opportunityList(OpportunityListFilter()) { listed.append($0.text(.close).map { String(decoding: $0, as: UTF8.self) }) }
        #expect(listed == ["31.01.2027"])
        var gaps: [Qualification] = []
        try db.qualificationGaps { gaps.append($0) }
        #expect(gaps.map(\.closeDate) == [nil])
        try db.setOpportunity(named: "Acme - Rollout", values: [.amount: "200"], context: context)
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT closeDate FROM opportunity") } == "31.01.2027")
    }

    /// A plan step's due day edited by hand into something that is no day
    /// reads as undated instead of crashing the plan; its text stays until
    /// the rep re-dates the step, and an edit of another field keeps it.
    @Test func aStoredDueDayThatIsNoDayReadsAsUndated() throws {
        let db = try database()
        let opportunity = try add(db)
        let id = try #require(opportunity.id)
        try db.addPlanStep("Technical workshop", owner: .buyer, due: CalendarDay(iso: "2027-01-31")!,
                           isDecision: false, opportunityId: id, by: "Rep O'Neil")
        try db.write { try $0.execute(sql: "UPDATE planStep SET due = '31.01.2027'") }
        let stored = try db.planSteps(opportunityId: id)
        #expect(stored.map(\.due) == [nil])
        #expect(stored.map { $0.step(number: 1).what } == ["Technical workshop"])
        try db.changePlanStep(1, opportunityId: id, PlanStepChange(owner: .us), by: "Rep O'Neil")
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT due FROM planStep") } == "31.01.2027")
        try db.changePlanStep(1, opportunityId: id, PlanStepChange(due: CalendarDay(iso: "2027-02-01")), by: "Rep O'Neil")
        #expect(try db.planSteps(opportunityId: id).map(\.due) == [CalendarDay(iso: "2027-02-01")])
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT oldValue FROM fieldChange WHERE field = 'due'") } == ["31.01.2027"])
    }

    /// The inserter, the full export and sync write the columns one
    /// declaration names: a column a migration adds must be named there too.
    @Test func theOpportunityColumnsAreDeclaredOnce() throws {
        let db = try database()
        let stored = try db.read { try Row.fetchAll($0, sql: "PRAGMA table_info(opportunity)").map { $0["name"] as String } }
        #expect(Set(Opportunity.storedColumns.map(\.rawValue)) == Set(stored).subtracting(["id"]))
        let exported = try #require(ExportedTable.all.first { $0.table == "opportunity" })
        #expect(exported.storedColumns == Opportunity.storedColumns.map(\.rawValue))
    }

    @Test func withoutAStageItStartsAtTheFirstWithItsProbability() throws {
        let db = try database()
        let opportunity = try add(db)
        #expect(try db.opportunityRecord(of: opportunity).stage?.name == "Prospecting")
        #expect(opportunity.probability == 10)
        #expect(opportunity.currency == "EUR")
    }

    @Test func aBadValueChangesNothing() throws {
        let db = try database()
        _ = try add(db, [.amount: "100"])
        #expect(throws: StoreError(.invalid, "amount: \"1.200,50\" is ambiguous (is the comma a decimal or a thousands separator?); write it like 120000.50 or 120 000 EUR")) {
            try db.setOpportunity(named: "Acme - Rollout", values: [.stage: "Qualification", .amount: "1.200,50"], context: context)
        }
        let record = try db.opportunityRecord(named: "Acme - Rollout")
        #expect(record.stage?.name == "Prospecting")
        #expect(record.opportunity.amount?.hundredths == 10_000)
        #expect(try db.history(of: record.opportunity).count == 3)
    }

    @Test func probabilityHundredOnlyAtAClosedWonStage() throws {
        let db = try database()
        _ = try add(db)
        #expect(throws: StoreError(.invalid, "probability: a probability of 100 is kept for a closed-won stage; give 0 to 99, or move the deal to a won stage")) {
            try db.setOpportunity(named: "Acme - Rollout", values: [.probability: "100"], context: context)
        }
        let (won, _) = try db.setOpportunity(named: "Acme - Rollout", values: [.stage: "Closed Won"], context: context)
        #expect(won.probability == 100)
        let (lost, _) = try db.setOpportunity(named: "Acme - Rollout", values: [.stage: "Closed Lost"], context: context)
        #expect(lost.probability == 0)
    }

    @Test func aProbabilityTheRepChoseSurvivesAStageChange() throws {
        let db = try database()
        _ = try add(db, [.probability: "35"])
        let (moved, _) = try db.setOpportunity(named: "Acme - Rollout", values: [.stage: "Qualification"], context: context)
        #expect(moved.probability == 35)
    }

    @Test func pastCloseDateIsKeptWithAWarning() throws {
        let db = try database()
        _ = try add(db)
        let (opportunity, warnings) = try db.setOpportunity(named: "Acme - Rollout", values: [.closeDate: "2026-01-31"], context: context)
        #expect(opportunity.closeDate == CalendarDay(iso: "2026-01-31"))
        #expect(warnings == ["the close date 2026-01-31 is in the past; it was kept. Change it if the deal slipped."])
    }

    @Test func historyKeepsEveryTrackedChangeDated() throws {
        let db = try database()
        _ = try add(db, [.amount: "100"])
        try db.setOpportunity(named: "Acme - Rollout", values: [.amount: "250.50 USD", .nextMilestone: "call"], context: context)
        try db.setOpportunity(named: "Acme - Rollout", values: [.stage: "Negotiation/Review", .closeDate: "2027-01-31"], context: context)
        let opportunity = try db.opportunity(named: "Acme - Rollout")
        let changes = try db.history(of: opportunity).map { "\($0.field.rawValue): \($0.oldValue ?? "-") -> \($0.newValue ?? "-") by \($0.changedBy)" }
        #expect(changes == [
            "stage: - -> Prospecting by Rep O'Neil",
            "amount: - -> 100 EUR by Rep O'Neil",
            "probability: - -> 10% by Rep O'Neil",
            "amount: 100 EUR -> 250.50 USD by Rep O'Neil",
            "next-milestone: - -> call by Rep O'Neil",
            "stage: Prospecting -> Negotiation/Review by Rep O'Neil",
            "probability: 10% -> 80% by Rep O'Neil",
            "close-date: - -> 2027-01-31 by Rep O'Neil",
        ])
    }

    @Test func unknownStageAccountOrSponsorNamesTheClosest() throws {
        let db = try database()
        #expect(throws: StoreError(.notFound, "stage: no stage called \"needs analysis\" (stage names are exact, case included). Did you mean \"Needs Analysis\"? See qualify stage list.")) {
            try add(db, [.stage: "needs analysis"])
        }
        #expect(throws: StoreError(.notFound, "no account called \"Acme Crop\". Did you mean \"Acme Corp\"? Or create it with: qualify account add \"Acme Crop\"")) {
            try db.addOpportunity(named: "X", account: "Acme Crop", values: [:], owner: "r", context: context)
        }
        try db.addContact(named: "Dana Smith", account: "Acme Corp")
        #expect(throws: StoreError.self) { try add(db, [.sponsor: "Dana Smyth"]) }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM opportunity") } == 0)
    }

    @Test func duplicateNamesAreRefusedWithASuggestion() throws {
        let db = try database()
        _ = try add(db)
        // The stored deal's own spelling; the account added the manual's way, unless the name already holds it.
        #expect(throws: StoreError(.duplicate, "an opportunity called \"Acme - Rollout\" already exists; opportunity names are unique. Choose another name, for example \"acme - rollout - Acme Corp\".")) {
            try db.addOpportunity(named: "acme - rollout", account: "Acme Corp", values: [:], owner: "r", context: context)
        }
        _ = try db.addOpportunity(named: "Acme Corp - Forecasting", account: "Acme Corp", values: [:], owner: "r", context: context)
        #expect(throws: StoreError(.duplicate, "an opportunity called \"Acme Corp - Forecasting\" already exists; opportunity names are unique. Choose another name, for example \"Acme Corp - Forecasting (2)\".")) {
            try db.addOpportunity(named: "Acme Corp - Forecasting", account: "Acme Corp", values: [:], owner: "r", context: context)
        }
        // Renamed to a taken name: refused the same way, under the field's name.
        #expect(throws: StoreError(.duplicate, "name: an opportunity called \"Acme - Rollout\" already exists; opportunity names are unique. Choose another name, for example \"Acme - Rollout - Acme Corp\".")) {
            try db.setOpportunity(named: "Acme Corp - Forecasting", values: [.name: "Acme - Rollout"], context: context)
        }
    }

    @Test func contactsNeedAValidEmail() throws {
        let db = try database()
        #expect(throws: StoreError(.invalid, "\"dana-at-acme\" is not an e-mail address; write it like name@example.com.")) {
            try db.addContact(named: "Dana", account: "Acme Corp", email: "dana-at-acme")
        }
    }

    @Test func removeTakesStatementsAndHistoryWithIt() throws {
        let db = try database()
        let opportunity = try add(db)
        try db.record("It hurts", field: .pain, position: 1, opportunityId: opportunity.id!, capturedBy: "r")
        try db.removeOpportunity(named: "acme - rollout", by: "Rep O'Neil")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM statement) + (SELECT count(*) FROM opportunityChange)") } == 0)
    }

    @Test func removeTakesACorrectedStatementAndALetterQuotingIt() throws {
        let db = try database()
        let opportunity = try add(db)
        try db.record("It hurts", field: .pain, position: 1, opportunityId: opportunity.id!, capturedBy: "r")
        let corrected = try db.record("It hurts a lot", field: .pain, position: 1, opportunityId: opportunity.id!, capturedBy: "r")
        try db.saveLetter("“It hurts a lot”", opportunityId: opportunity.id!, draftedBy: "r", quotes: [(1, corrected.id!)])
        try db.removeOpportunity(named: "Acme - Rollout", by: "r")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM statement) + (SELECT count(*) FROM letter) + (SELECT count(*) FROM letterQuote)") } == 0)
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT recordKind || ' by ' || removedBy FROM removal") } == "opportunity by r")
    }
}

@Suite struct CRMStageTests {
    let scratch = Scratch()
    let context = EditContext(changedBy: "admin", today: CalendarDay(year: 2026, month: 11, day: 26)!, defaultCurrency: "EUR")

    @Test func theDefaultListFollowsTheCommonCRMs() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        let stages = try db.stages()
        #expect(stages.map(\.name) == ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
                                       "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"])
        #expect(stages.map(\.probability) == [10, 20, 25, 30, 40, 50, 65, 80, 100, 0])
        #expect(stages.map(\.position) == Array(1...10))
        #expect(stages[8].closed == .won && stages[9].closed == .lost)
    }

    @Test func addRenameAndMoveKeepPositionsContiguous() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.addStage(named: "Discovery", probability: 15, closed: nil, position: 2)
        #expect(try db.stages().prefix(3).map(\.name) == ["Prospecting", "Discovery", "Qualification"])
        try db.moveStage("Discovery", to: 11)
        #expect(try db.stages().last?.name == "Discovery")
        try db.renameStage("Discovery", to: "Discovery call")
        #expect(try db.stages().map(\.position) == Array(1...11))
        #expect(throws: StoreError(.duplicate, "a stage called \"Closed Won\" already exists; see qualify stage list.")) {
            try db.addStage(named: "Closed Won", probability: 100, closed: .won)
        }
        #expect(throws: StoreError(.invalid, "only a closed-won stage has probability 100; give 0 to 99 or --closed won.")) {
            try db.addStage(named: "Sure thing", probability: 100, closed: nil)
        }
        #expect(throws: StoreError(.invalid, "position 12 is outside the list; give 1 to 11.")) {
            try db.moveStage("Prospecting", to: 12)
        }
        #expect(throws: StoreError(.invalid, "position 0 is outside the list; give 1 to 12.")) {
            try db.addStage(named: "Zero", probability: 5, closed: nil, position: 0)
        }
        #expect(try db.stages().count == 11)
    }

    @Test func removingAStageInUseNeedsReassign() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.addAccount(named: "Acme Corp")
        _ = try db.addOpportunity(named: "Acme - A", account: "Acme Corp", values: [.stage: "Value Proposition"], owner: "r", context: context)
        #expect(throws: StoreError(.invalid, "1 opportunity is at stage \"Value Proposition\"; move them with --reassign STAGE.")) {
            try db.removeStage("Value Proposition", reassignTo: nil, changedBy: "admin")
        }
        #expect(try db.removeStage("Value Proposition", reassignTo: "Needs Analysis", changedBy: "admin") == 1)
        let record = try db.opportunityRecord(named: "Acme - A")
        #expect(record.stage?.name == "Needs Analysis")
        #expect(try db.history(of: record.opportunity).suffix(2).map { "\($0.field.rawValue): \($0.oldValue!) -> \($0.newValue!) by \($0.changedBy)" }
                == ["stage: Value Proposition -> Needs Analysis by admin", "probability: 30% -> 25% by admin"])
        #expect(record.opportunity.probability == 25)
        #expect(try db.stages().count == 9)
        #expect(try db.stages().map(\.position) == Array(1...9))
        try db.removeStage("Perception Analysis", reassignTo: nil, changedBy: "admin")
    }
}

@Suite struct CRMLeadTests {
    let scratch = Scratch()
    let context = EditContext(changedBy: "r", today: CalendarDay(year: 2026, month: 11, day: 26)!, defaultCurrency: "EUR")

    @Test func conversionCarriesEveryFieldAndLinksWhatItBecame() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        let lead = try db.addLead(Lead(person: "Peter Gibbons", company: "Initech", title: "Engineer", email: "peter@initech.example",
                                       phone: "555-0100", source: "Web", notes: "Wants \"fewer bosses\"\nand a window"))
        let result = try db.convertLead("peter gibbons", opportunityName: "Initech - TPS", values: [.amount: "5000"], owner: "r", context: context)
        #expect(result.accountCreated)
        #expect(result.account.name == "Initech")
        #expect(result.contact.name == "Peter Gibbons" && result.contact.title == "Engineer")
        #expect(result.contact.email == "peter@initech.example" && result.contact.phone == "555-0100")
        let record = try db.opportunityRecord(named: "Initech - TPS")
        #expect(record.opportunity.leadSource == "Web")
        #expect(record.opportunity.description == "Wants \"fewer bosses\"\nand a window")
        #expect(record.sponsor?.name == "Peter Gibbons")
        #expect(record.amount?.hundredths == 500_000)
        let converted = try db.lead("#\(lead.id!)")
        #expect(converted.convertedAt != nil)
        #expect(converted.accountId == result.account.id && converted.contactId == result.contact.id && converted.opportunityId == record.opportunity.id)
        #expect(throws: StoreError.self) { try db.convertLead("\(lead.id!)", opportunityName: nil, owner: "r", context: context) }
    }

    @Test func conversionReusesTheAccountByName() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.addAccount(named: "Initech")
        try db.addLead(Lead(person: "Milton", company: "initech"))
        let result = try db.convertLead("Milton", opportunityName: nil, owner: "r", context: context)
        #expect(!result.accountCreated)
        #expect(result.account.name == "Initech")
        #expect(try db.accounts().count == 1)
        #expect(try db.opportunityRecords().isEmpty)
    }

    @Test func aLeadWithoutCompanyOrAFailedOpportunityConvertsNothing() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        try db.addLead(Lead(person: "Nobody"))
        #expect(throws: StoreError(.invalid, "lead #1 has no company, so there is no account to convert it into; add the lead again with --company.")) {
            try db.convertLead("1", opportunityName: nil, owner: "r", context: context)
        }
        try db.addLead(Lead(person: "Bob", company: "Bobco"))
        #expect(throws: StoreError.self) {
            try db.convertLead("Bob", opportunityName: "Bobco - X", values: [.amount: "1.200,50"], owner: "r", context: context)
        }
        #expect(try db.accounts().isEmpty)
        #expect(try db.lead("Bob").convertedAt == nil)
    }
}
