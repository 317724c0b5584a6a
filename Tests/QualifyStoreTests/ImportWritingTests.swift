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
}
