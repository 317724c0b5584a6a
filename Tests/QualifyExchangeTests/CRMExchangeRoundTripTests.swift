import Foundation
import QualifyExchange
import QualifyKit
import QualifyStore
import Testing

/// Export all, import into an empty database, export again: byte-identical.
/// A second import changes nothing; two reps' files merge without duplicates.
@Suite struct CRMExchangeRoundTripTests {
    func everything(_ database: QualifyDatabase) throws -> String {
        var text = ""
        try database.exportEverything(chunks: { text += $0 })
        return text
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// A rep's database with one of everything, statement corrections included.
    func repDatabase(account: String, opportunity: String, rep: String) throws -> ScratchDatabase {
        let scratch = try ScratchDatabase(accounts: [account])
        let db = scratch.database
        try db.addContact(named: "Dana \(rep)", account: account, title: "VP", email: "dana@example.com")
        let (deal, _) = try db.addOpportunity(named: opportunity, account: account,
                                              values: [.amount: "120000.10", .sponsor: "Dana \(rep)", .description: "«naïve» \"quoted\"\nline"],
                                              owner: rep, context: scratch.context)
        try db.setOpportunity(named: opportunity, values: [.stage: "Qualification"], context: scratch.context)
        let first = try db.record("I can't close the books", field: .pain, position: 1, opportunityId: deal.id!, capturedBy: rep)
        try db.record("I can't close the books on time", field: .pain, position: 1, opportunityId: deal.id!, capturedBy: rep)
        #expect(first.replacesId == nil)
        let letter = try db.saveLetter("Dear Dana,\n  “I can't close the books on time”\n", type: "power-sponsor", origin: .edited,
                                       opportunityId: deal.id!, draftedBy: rep,
                                       quotes: [(line: 2, statementId: try db.currentStatements(opportunityId: deal.id!)[0].id!)])
        try db.markLetter(letter.id!, .sent, by: rep)
        try db.addPlanStep("Pilot, with \"ops\"", owner: .person("Dana \(rep)"), due: CalendarDay(year: 2027, month: 2, day: 1)!,
                           isDecision: true, opportunityId: deal.id!, by: rep)
        try db.addLead(Lead(person: "Peter \(rep)", company: account, email: "p@example.com"))
        try db.addStage(named: "Discovery \(rep)", probability: 15, closed: nil)
        return scratch
    }

    /// The export is written without JSONEncoder, byte for byte as JSONEncoder wrote it:
    /// sorted keys, upper-case uuids, the same escapes.
    @Test func exportWritesTheBytesJSONEncoderWrote() throws {
        let rep = try repDatabase(account: "Acme \"Corp\" \\ Ltd", opportunity: "Acme - Rollout/2", rep: "Ann")
        let deal = try rep.database.opportunity(named: "Acme - Rollout/2")
        try rep.database.record("tab\there\r\nšef 😬 <b>&amp;</b>", field: .impacts, position: 1, opportunityId: deal.id!, capturedBy: "Ann")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let exported = lines(try everything(rep.database))
        #expect(exported.count > 10)
        for line in exported {
            let object = try JSONDecoder().decode([String: ExportValue].self, from: Data(line.utf8))
            #expect(String(decoding: try encoder.encode(object), as: UTF8.self) == line)
        }
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let exported = try everything(rep.database)
        #expect(exported.contains("\"kind\":\"statement\""))
        let copy = try ScratchDatabase()
        let report = try copy.database.importEverything(lines(exported))
        #expect(report.added["statement"] == 2 && report.added["opportunityChange"] != nil && report.added["letter"] == 1)
        // Letter versions keep their type, origin, traced quotes and marks; the plan travels too.
        #expect(report.added["letterQuote"] == 1 && report.added["letterMark"] == 1 && report.added["planStep"] == 1)
        let copied = try copy.database.opportunity(named: "Acme - Rollout")
        let version = try #require(try copy.database.letterVersions(opportunityId: copied.id!).first)
        #expect(version.draft.type == "power-sponsor" && version.draft.origin == .edited && version.sent != nil && version.tracedQuotes == 1)
        #expect(try copy.database.planSteps(opportunityId: copied.id!).map(\.what) == ["Pilot, with \"ops\""])
        #expect(try everything(copy.database) == exported)
        let again = try copy.database.importEverything(lines(exported))
        #expect(again.added.isEmpty && again.merged == 0)
        #expect(try everything(copy.database) == exported)
        // The correction still points at the version it replaced.
        let deal = try copy.database.opportunity(named: "Acme - Rollout")
        let versions = try copy.database.allStatements(opportunityId: deal.id!)
        #expect(versions.count == 2 && versions[1].replacesId == versions[0].id)
        #expect(try copy.database.currentStatements(opportunityId: deal.id!).map(\.text) == ["I can't close the books on time"])
    }

    /// A file written before letters had a type and origin imports with the defaults.
    @Test func aLetterFromAnOlderFileTakesTheDefaults() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let old = lines(try everything(rep.database)).map { line in
            line.contains("\"kind\":\"letter\"")
                ? line.replacingOccurrences(of: "\"type\":\"power-sponsor\",", with: "").replacingOccurrences(of: "\"origin\":\"edited\",", with: "")
                : line
        }
        #expect(old.contains { $0.contains("\"kind\":\"letter\"") && !$0.contains("\"type\"") })
        let copy = try ScratchDatabase()
        #expect(try copy.database.importEverything(old).added["letter"] == 1)
        let letter = try #require(try copy.database.letters(opportunityId: try copy.database.opportunity(named: "Acme - Rollout").id!).first)
        #expect(letter.type == "sponsor" && letter.origin == .drafted)
    }

    @Test func twoRepsMergeWithoutDuplicates() throws {
        let ann = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let bob = try repDatabase(account: "acme corp", opportunity: "Acme - Pilot", rep: "Bob")
        let manager = try ScratchDatabase()
        _ = try manager.database.importEverything(lines(try everything(ann.database)))
        let merged = try manager.database.importEverything(lines(try everything(bob.database)))
        #expect(merged.merged == 1)
        _ = try manager.database.importEverything(lines(try everything(ann.database)))
        _ = try manager.database.importEverything(lines(try everything(bob.database)))
        #expect(try manager.database.accounts().map(\.name) == ["Acme Corp"])
        #expect(try manager.database.opportunityRecords().map(\.opportunity.name) == ["Acme - Pilot", "Acme - Rollout"])
        #expect(try manager.database.contacts().count == 2)
        #expect(try manager.database.leads().count == 2)
        // Open stages from either rep go where `stage add` puts them: before the closed ones.
        #expect(try manager.database.stages().suffix(4).map(\.name) == ["Discovery Ann", "Discovery Bob", "Closed Won", "Closed Lost"])
        let pilot = try manager.database.opportunityRecord(named: "Acme - Pilot")
        #expect(pilot.sponsor?.name == "Dana Bob" && pilot.accountName == "Acme Corp")
    }

    /// Two reps' deals of one name are two deals: the second comes in renamed the manual's way,
    /// with its owner, amount and every word; a contact both met keeps the first title and the
    /// report names the other. A newer export of the renamed deal updates it under its new name.
    @Test func twoRepsDealsOfOneNameAreTwoDeals() throws {
        let ann = try repDatabase(account: "Acme Corp", opportunity: "Rollout", rep: "Ann")
        let bob = try repDatabase(account: "Acme Corp", opportunity: "Rollout", rep: "Bob")
        try bob.database.setOpportunity(named: "Rollout", values: [.amount: "250000"], context: bob.context)
        try ann.database.addContact(named: "Mojca Žagar", account: "Acme Corp", title: "CFO")
        try bob.database.addContact(named: "Mojca Žagar", account: "Acme Corp", title: "Chief Financial Officer")
        let manager = try ScratchDatabase()
        _ = try manager.database.importEverything(lines(try everything(ann.database)))
        let report = try manager.database.importEverything(lines(try everything(bob.database)))
        #expect(report.added["opportunity"] == 1 && report.renamed == 1)

        let deals = try manager.database.opportunityRecords()
        #expect(deals.map(\.opportunity.name) == ["Rollout", "Rollout - Acme Corp"])
        #expect(deals.map(\.opportunity.owner) == ["Ann", "Bob"])
        #expect(deals.map(\.amount?.display) == ["120 000.10 EUR", "250 000 EUR"])
        #expect(deals[1].opportunity.sourceName == "Rollout")
        for (deal, rep) in zip(deals, ["Ann", "Bob"]) {
            let words = try manager.database.allStatements(opportunityId: deal.opportunity.id!)
            #expect(words.map(\.text) == ["I can't close the books", "I can't close the books on time"])
            #expect(words.allSatisfy { $0.capturedBy == rep })
        }
        let descriptions = report.differences.map(\.description)
        #expect(descriptions.contains("contact \"Mojca Žagar\" is the stored one (the same name at the account); kept its title \"CFO\" (the file has \"Chief Financial Officer\")"), "\(descriptions)")
        #expect(descriptions.contains("opportunity \"Rollout\" is another opportunity's name here; stored as \"Rollout - Acme Corp\" (\"Rollout\" kept as its name in CRM)"), "\(descriptions)")

        try bob.database.setOpportunity(named: "Rollout", values: [.amount: "300000"], context: bob.context)
        let newer = try manager.database.importEverything(lines(try everything(bob.database)))
        #expect(newer.updated == 1 && newer.renamed == 0)
        let renamed = try manager.database.opportunityRecord(named: "Rollout - Acme Corp")
        #expect(renamed.amount?.display == "300 000 EUR" && renamed.opportunity.sourceName == "Rollout")
        #expect(try manager.database.opportunityRecord(named: "Rollout").amount?.display == "120 000.10 EUR")
        #expect(newer.differences.map(\.description).contains(
            "opportunity \"Rollout\", the same record (same uuid), now has the file's amount 300 000 EUR (was 250 000 EUR)"))
    }

    /// Two accounts of one name with two ids in one CRM are two companies: the second is numbered.
    @Test func accountsOfOneNameWithTwoIdsOfOneCRMAreTwoAccounts() throws {
        var salesforce = ImportOptions()
        salesforce.sourceCRM = "salesforce"
        let manager = try ScratchDatabase()
        for (id, rep) in [("001A", "Ann"), ("001B", "Bob")] {
            let scratch = try ScratchDatabase()
            let path = scratch.path("accounts.csv")
            try "Id,Name\r\n\(id),Globex\r\n".write(toFile: path, atomically: true, encoding: .utf8)
            let rows = try CSVImportFile(path: path, kind: .accounts, mappings: [])
            _ = try scratch.database.importAccounts(rows, columns: rows.plan.columnNames, options: salesforce)
            try scratch.database.addOpportunity(named: "Deal of \(rep)", account: "Globex", values: [:], owner: rep, context: scratch.context)
            _ = try manager.database.importEverything(lines(try everything(scratch.database)))
        }
        #expect(try manager.database.accounts().map(\.name) == ["Globex", "Globex (2)"])
        #expect(try manager.database.opportunityRecords().map(\.accountName) == ["Globex", "Globex (2)"])
    }

    @Test func theSameCRMRecordUnderTwoNamesMergesByItsId() throws {
        var salesforce = ImportOptions()
        salesforce.sourceCRM = "salesforce"
        let manager = try ScratchDatabase()
        for name in ["Acme Corp", "ACME Corporation (Bob's)"] {
            let rep = try ScratchDatabase()
            let path = rep.path("accounts.csv")
            try "Id,Name\r\n001A,\(name)\r\n".write(toFile: path, atomically: true, encoding: .utf8)
            let rows = try CSVImportFile(path: path, kind: .accounts, mappings: [])
            _ = try rep.database.importAccounts(rows, columns: rows.plan.columnNames, options: salesforce)
            try rep.database.addOpportunity(named: "Deal of \(name)", account: name, values: [:], owner: "Rep", context: rep.context)
            _ = try manager.database.importEverything(lines(try everything(rep.database)))
        }
        #expect(try manager.database.accounts().map(\.name) == ["Acme Corp"])
        #expect(try manager.database.opportunityRecords().map(\.accountName) == ["Acme Corp", "Acme Corp"])
    }

    @Test func aNewerExportUpdatesTheManagersCopy() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let manager = try ScratchDatabase()
        _ = try manager.database.importEverything(lines(try everything(rep.database)))
        try rep.database.setOpportunity(named: "Acme - Rollout", values: [.amount: "150000", .powerSponsor: "Dana Ann"], context: rep.context)
        let newer = try everything(rep.database)
        let report = try manager.database.importEverything(lines(newer))
        #expect(report.updated == 1 && report.added == ["opportunityChange": 2])
        #expect(try everything(manager.database) == newer)
        let again = try manager.database.importEverything(lines(newer))
        #expect(again.updated == 0 && again.added.isEmpty)
    }

    @Test func aDamagedFileImportsNothing() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        var damaged = lines(try everything(rep.database))
        damaged.insert("{not json", at: 12)
        let copy = try ScratchDatabase()
        let error = #expect(throws: StoreError.self) { try copy.database.importEverything(damaged) }
        #expect(error?.description == "line 13 is not a JSON object; nothing was imported. Give a file written by qualify export all --format jsonl.")
        #expect(try copy.database.accounts().isEmpty)
    }

    /// The record reads a close date, a history row's field and every moment as
    /// typed values: a file with one it could not read back imports nothing
    /// (a statement captured "yesterday" got in, and `review` crashed on it).
    @Test func aCloseDateOrHistoryFieldTheRecordCannotReadImportsNothing() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        try rep.database.setOpportunity(named: "Acme - Rollout", values: [.closeDate: "2027-03-31"], context: rep.context)
        let exported = lines(try everything(rep.database))
        for (good, bad, message) in [("\"closeDate\":\"2027-03-31\"", "\"closeDate\":\"31.03.2027\"", "closeDate \"31.03.2027\" is not a day written YYYY-MM-DD"),
                                     ("\"field\":\"close-date\"", "\"field\":\"budget\"", "\"budget\" is not an opportunity field"),
                                     ("\"capturedAt\":\"", "\"capturedAt\":\"yesterday", "capturedAt \"yesterday"),
                                     ("\"createdAt\":\"", "\"createdAt\":\"31.03.2027 ", "createdAt \"31.03.2027 ")] {
            let damaged = exported.map { $0.replacingOccurrences(of: good, with: bad) }
            #expect(damaged != exported)
            let copy = try ScratchDatabase()
            let error = #expect(throws: StoreError.self) { try copy.database.importEverything(damaged) }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
            #expect(try copy.database.accounts().isEmpty)
        }
    }

    @Test func csvExportIsOwnerOnlyAndReadsBack() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let path = rep.path("opportunities.csv")
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        let file = try OwnerOnlyFile(path: path, force: true)
        try file.write(RecordTable.load(.opportunities, from: rep.database).csv())
        try file.commit()
        let mode = try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("Opportunity Name,Account Name,Amount,Currency,Expected Close Date,Sales Stage,Probability,"))
        #expect(text.contains("Acme - Rollout,Acme Corp,120000.10,EUR,,Qualification,20,,,Ann,\"«naïve» \"\"quoted\"\"\nline\",Dana Ann,VP,dana@example.com,,,,,,,Acme - Rollout\r\n"))
        // qualify reads its own export back, every field intact.
        let copy = try ScratchDatabase(accounts: ["Acme Corp"])
        // The sponsor is one of the account's contacts, found by the e-mail the export wrote.
        try copy.database.addContact(named: "Dana Ann", account: "Acme Corp", title: "VP", email: "dana@example.com")
        let report = try copy.importOpportunities(path)
        #expect(report.inserted == 1 && report.problems.isEmpty, "\(report.problems)")
        let record = try copy.database.opportunityRecord(named: "Acme - Rollout")
        #expect(record.sponsor?.name == "Dana Ann")
        #expect(record.opportunity.description == "«naïve» \"quoted\"\nline")
        #expect(record.amount == Amount(hundredths: 12_000_010, currency: "EUR"))
        #expect(report.inserted == 1)
    }

    @Test func jsonExportHasSortedKeys() throws {
        let rep = try repDatabase(account: "Acme Corp", opportunity: "Acme - Rollout", rep: "Ann")
        let path = rep.path("accounts.json")
        let file = try OwnerOnlyFile(path: path, force: false)
        try file.write(RecordTable.load(.accounts, from: rep.database).json())
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[\n  {\n    \"name\" : \"Acme Corp\",\n    \"qualify-name\" : \"Acme Corp\",\n    \"source-crm\" : null,\n    \"source-id\" : null\n  }\n]\n")
    }
}
