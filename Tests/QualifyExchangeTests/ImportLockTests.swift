import Foundation
import QualifyExchange
import QualifyKit
import QualifyStore
import Testing

/// An opportunity import reads and checks its whole file before it takes
/// the write lock, so another qualify (a rep's interview) writes meanwhile
/// without waiting; what changed meanwhile is found before anything is written.
@Suite struct ImportLockTests {
    /// The file's rows, with `meanwhile` run (once) when row `at` is read: another qualify writing mid-import.
    struct Interrupted: Sequence, IteratorProtocol {
        var rows: CSVImportFile
        var at: Int
        var meanwhile: () throws -> Void
        var read = 0

        mutating func next() -> ImportRow? {
            read += 1
            if read == at { #expect(throws: Never.self) { try meanwhile() } }
            return rows.next()
        }
    }

    let scratch: ScratchDatabase
    /// Another qualify on the same file that does not wait for the lock: it writes now or fails.
    let other: QualifyDatabase

    init() throws {
        scratch = try ScratchDatabase(accounts: ["Acme", "Initech"])
        other = try QualifyDatabase.open(path: scratch.folder.appendingPathComponent("q.sqlite").path, waiting: LockWaiting(timeout: 0))
    }

    func file(_ lines: [String]) throws -> String {
        let path = scratch.path("deals-\(UUID().uuidString).csv")
        try (["Opportunity Name,Account Name,Amount,Currency,Sales Stage,Next Step"] + lines).joined(separator: "\r\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func importing(_ path: String, at row: Int, onDuplicate: DuplicatePolicy = .error,
                   meanwhile: @escaping () throws -> Void) throws -> ImportReport {
        let rows = try CSVImportFile(path: path, kind: .opportunities, mappings: [])
        var options = ImportOptions()
        options.onDuplicate = onDuplicate
        return try scratch.database.importOpportunities(Interrupted(rows: rows, at: row, meanwhile: meanwhile),
                                                        columns: rows.plan.columnNames, options: options,
                                                        owner: "Rep", context: scratch.context)
    }

    @Test func anotherQualifyWritesWhileTheFileIsRead() throws {
        let path = try file((1...50).map { "Deal \($0),Acme,1000,EUR,Prospecting,Call" })
        let report = try importing(path, at: 25) { _ = try other.addAccount(named: "Added During The Import") }
        #expect(report.inserted == 50)
        #expect(report.committed)
        #expect(try scratch.database.accounts().map(\.name).contains("Added During The Import"))
        #expect(try scratch.database.opportunity(named: "Deal 50").amount?.hundredths == 100_000)
    }

    @Test func aDealChangedMeanwhileIsNotOverwritten() throws {
        _ = try scratch.importOpportunities(try file(["Renewal,Acme,1000,EUR,Prospecting,Call", "Upsell,Initech,500,EUR,Prospecting,Call"]))
        let update = try file(["Renewal,Acme,2000,EUR,Qualification,Demo", "Upsell,Initech,700,EUR,Prospecting,Call", "New deal,Acme,9,EUR,Prospecting,Call"])
        #expect {
            _ = try importing(update, at: 2, onDuplicate: .update) {
                try other.setOpportunity(named: "Renewal", values: [.nextMilestone: "Typed by the rep meanwhile"], context: scratch.context)
            }
        } throws: { error in
            "\(error)".contains("changed by another qualify while this file was read; nothing was imported. Import the file again.")
        }
        let renewal = try scratch.database.opportunity(named: "Renewal")
        #expect(renewal.nextMilestone == "Typed by the rep meanwhile")
        #expect(renewal.amount?.hundredths == 100_000)
        #expect(try scratch.database.opportunity(named: "Upsell").amount?.hundredths == 50_000)
        #expect(throws: StoreError.self) { try scratch.database.opportunity(named: "New deal") }
    }

    @Test func aNameTakenMeanwhileImportsNothing() throws {
        let path = try file(["First,Acme,1,EUR,Prospecting,Call", "Second,Acme,2,EUR,Prospecting,Call"])
        #expect {
            _ = try importing(path, at: 2) {
                try other.addOpportunity(named: "Second", account: "Initech", values: [:], owner: "Other rep", context: scratch.context)
            }
        } throws: { error in
            "\(error)".contains("another qualify stored a deal or account with a name or id of this file while it was read; nothing was imported")
        }
        #expect(throws: StoreError.self) { try scratch.database.opportunity(named: "First") }
        #expect(try scratch.database.opportunity(named: "Second").owner == "Other rep")
    }

    @Test func aRowRepeatingAnEarlierRowsIdIsRefusedWithItsLine() throws {
        let path = scratch.path("ids.csv")
        try "Id,Name,AccountId,Account.Name,StageName\r\n006A,Deal A,,Acme,Prospecting\r\n006A,Deal A again,,Acme,Prospecting\r\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = try scratch.importOpportunities(path)
        #expect(!report.committed)
        #expect(report.problems.map(\.reason).contains("id \"006A\" is already on line 2 of this file; a CRM gives each record one id."))
    }
}
