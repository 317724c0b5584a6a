import Foundation
import GRDB
import Testing

/// A long import holds the write lock: the interview waits, says so, and stores the answer.
@Suite struct BusyDatabaseEndToEndTests {
    @Test func thePipedInterviewWaitsForAnotherWriterLongerThanACommandWould() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true // held across accesses, as another process holds it
        let other = try DatabaseQueue(path: q.databasePath, configuration: configuration)
        try other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        Thread {
            Thread.sleep(forTimeInterval: 6) // a command gives up after 5 s
            try? other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        }.start()
        let result = try q.run(["interview", "Acme - Forecasting"], lines: ["The forecast is late"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: waiting for another qualify to finish writing (an import?); your answer is kept. Ctrl-C stops waiting.\n"))
        #expect(try statements(in: q.databasePath).map(\.text) == ["The forecast is late"])
    }
}
