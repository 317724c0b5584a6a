import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Synchronization
import Testing

@Suite struct OpportunityRecordsTests {
    let scratch = Scratch()
    let context = EditContext(changedBy: "ana", today: CalendarDay(year: 2026, month: 11, day: 26)!, defaultCurrency: "EUR")

    /// Every opportunity with its account, stage and sponsors, in one query
    /// however many opportunities there are (it was up to five each).
    @Test func allRecordsComeWithTheirAccountStageAndSponsorsInOneQuery() throws {
        let db = try QualifyDatabase.open(path: scratch.path())
        for (account, deal, sponsor) in [("Acme Corp", "Acme - Rollout", "Maja Novak"), ("Globex", "Globex - CRM", "Ivo Horvat")] {
            try db.addAccount(named: account)
            _ = try db.addOpportunity(named: deal, account: account)
            try db.addContact(named: sponsor, account: account)
            _ = try db.setOpportunity(named: deal, values: [.sponsor: sponsor, .stage: "Needs Analysis"], context: context)
        }
        try db.addContact(named: "Petra Kovač", account: "Acme Corp")
        _ = try db.setOpportunity(named: "Acme - Rollout", values: [.powerSponsor: "Petra Kovač"], context: context)
        try db.addAccount(named: "Initech")
        _ = try db.addOpportunity(named: "Initech - Pilot", account: "Initech")

        let selects = Mutex(0)
        db.queue.inDatabase { connection in
            connection.trace { event in
                if "\(event)".hasPrefix("SELECT") { selects.withLock { $0 += 1 } }
            }
        }
        let records = try db.opportunityRecords()
        db.queue.inDatabase { $0.trace(options: [], nil) }

        #expect(selects.withLock { $0 } == 1)
        #expect(records.map(\.opportunity.name) == ["Acme - Rollout", "Globex - CRM", "Initech - Pilot"])
        #expect(records.map(\.accountName) == ["Acme Corp", "Globex", "Initech"])
        #expect(records.map(\.sponsor?.name) == ["Maja Novak", "Ivo Horvat", nil])
        #expect(records.map(\.stage?.name) == ["Needs Analysis", "Needs Analysis", nil])
        #expect(records.map(\.powerSponsor?.name) == ["Petra Kovač", nil, nil])
        #expect(try db.opportunityRecord(of: db.opportunity(named: "Globex - CRM")) == records[1])
    }
}
