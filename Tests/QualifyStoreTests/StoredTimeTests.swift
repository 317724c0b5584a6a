import Foundation
import GRDB
import Testing
@testable import QualifyStore

/// `StoredTime` must write and read exactly what GRDB's own `Date` coding does
/// (files written before it, and by other tools, read the same), without ICU.
@Suite struct StoredTimeTests {
    @Test func writesTheTextGRDBWritesForAnyMoment() {
        var generator = SystemRandomNumberGenerator()
        var moments: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 1_795_046_400.9999), Date(timeIntervalSince1970: 4_102_444_799.999),
            Date(timeIntervalSince1970: -2_208_988_800.5), Date(),
        ]
        for _ in 0..<20_000 {
            moments.append(Date(timeIntervalSince1970: Double.random(in: -3e9...7e9, using: &generator)))
        }
        for moment in moments {
            #expect(StoredTime.databaseValue(moment) == moment.databaseValue, "\(moment.timeIntervalSince1970)")
        }
    }

    @Test func readsWhatGRDBReads() {
        var texts = ["2026-12-01 09:15:02.123", "2026-12-01 09:15:02", "2026-12-01 09:15", "2026-12-01",
                     "2026-12-01T09:15:02.123", "2026-12-01T09:15:02Z", "2026-12-01 09:15:02.123+02:00",
                     "2024-02-29 23:59:59.999", "1969-12-31 23:59:59.999", "0001-01-01 00:00:00.000",
                     "09:15", "not a date", ""]
        for _ in 0..<5000 {
            texts.append(StoredTime.databaseValue(Date(timeIntervalSince1970: Double.random(in: -3e9...7e9)))
                .storage.value as! String)
        }
        for text in texts {
            #expect(StoredTime.date(from: text.databaseValue) == Date.fromDatabaseValue(text.databaseValue), "\(text)")
        }
        #expect(StoredTime.date(from: 1_795_046_400.25.databaseValue) == Date(timeIntervalSince1970: 1_795_046_400.25))
        #expect(StoredTime.date(from: DatabaseValue.null) == nil)
    }

    @Test func recordsUseIt() throws {
        #expect(Account.databaseDateEncodingStrategy(for: "createdAt").isCustom)
        #expect(Opportunity.databaseDateDecodingStrategy(for: "createdAt").isCustom)
        #expect(Statement.databaseDateDecodingStrategy(for: "capturedAt").isCustom)
    }
}

private extension DatabaseDateEncodingStrategy {
    var isCustom: Bool { if case .custom = self { true } else { false } }
}

private extension DatabaseDateDecodingStrategy {
    var isCustom: Bool { if case .custom = self { true } else { false } }
}
