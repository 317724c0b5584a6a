import Foundation
@testable import QualifyStore
import Testing

/// What an import's writer does differently from one `opportunity add`:
/// names checked by bytes, time-ordered uuids, one formatted time a millisecond.
@Suite struct ImportWritingTests {
    func checkedName(_ raw: String) -> String {
        do { return try QualifyDatabase.validName(raw, what: "opportunity") } catch { return error.description }
    }

    @Test func namesCheckedByBytesAsFoundationChecksThem() {
        let values = ["Acme", "Acme - Rollout", " Acme ", "Acme\t", "\tAcme", "", " ", "A\nB", "A\rB", "A\u{0B}B", "A\u{0C}B",
                      "Café", " Café ", "A\u{2028}B", "\u{A0}Acme\u{A0}", "A\tB", "A\u{1F}B"]
        for value in values {
            let byFoundation = value.trimmingCharacters(in: .whitespacesAndNewlines)
            let expected = byFoundation.isEmpty ? "the opportunity name is empty; give a name."
                : byFoundation.contains(where: \.isNewline) ? "the opportunity name contains a line break; give it on one line." : byFoundation
            #expect(checkedName(value) == expected, "\(value.debugDescription)")
        }
    }

    @Test func uuidsAreVersion7AndAscend() {
        var uuids = TimeOrderedUUIDs()
        let now = Date()
        // Many in one millisecond, then a later one.
        let made = (0..<1000).map { _ in uuids.next(at: now) } + [uuids.next(at: now.addingTimeInterval(0.002))]
        let bytes = made.map { withUnsafeBytes(of: $0.uuid) { Array($0) } }
        #expect(bytes.allSatisfy { $0[6] >> 4 == 7 && $0[8] >> 6 == 0b10 })
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        let millis = bytes[0][0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millis == UInt64(now.timeIntervalSince1970 * 1000))
    }

    @Test func oneMillisecondIsFormattedOnceAndReadsBack() throws {
        let inserter = OpportunityInserter()
        let first = inserter.make(name: "A", accountId: 1)
        let second = inserter.make(name: "B", accountId: 1)
        #expect(abs(first.createdAt.timeIntervalSinceNow) < 5)
        #expect(first.uuid != second.uuid)
        // Whole milliseconds, as GRDB stores a date.
        let readBack = try #require(Date.fromDatabaseValue(first.createdAt.databaseValue))
        #expect(abs(readBack.timeIntervalSince(first.createdAt)) < 0.000_01)
    }

    /// The filter the staging asks before its table: never "no" for a staged key, a name
    /// as SQLite's NOCASE compares it (ASCII letters only), and rarely "maybe" for others.
    @Test func stagedKeysNeverMissAndFoldNamesAsNOCASEDoes() {
        var keys = StagedKeys()
        for row in 0..<100_000 { keys.insert(StagedKeys.name("Deal \(row) – Ålesund")) }
        keys.insert(StagedKeys.source(crm: "salesforce", id: "0065g00000AbCdE"))
        #expect((0..<100_000).allSatisfy { keys.mayContain(StagedKeys.name("DEAL \($0) – Ålesund")) })
        #expect(StagedKeys.name("deal 1 – Ålesund") == StagedKeys.name("DEAL 1 – Ålesund"))
        #expect(StagedKeys.name("deal 1 – ålesund") != StagedKeys.name("deal 1 – Ålesund"))
        #expect(keys.mayContain(StagedKeys.source(crm: "salesforce", id: "0065g00000AbCdE")))
        #expect(StagedKeys.source(crm: "salesforce", id: "0065g00000abcde") != StagedKeys.source(crm: "salesforce", id: "0065g00000AbCdE"))
        let strangers = (0..<100_000).filter { keys.mayContain(StagedKeys.name("Other \($0)")) }
        #expect(strangers.count < 10)
    }
}
