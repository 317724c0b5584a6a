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

    /// At a terminal: the rep sees the wait, Ctrl-C stops it, the answer is kept, /retry stores it.
    @Test func ctrlCStopsTheWaitAndRetryStoresTheKeptAnswer() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: q.databasePath, configuration: configuration)
        try other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: ["interview", "Acme - Forecasting"],
                                          environment: q.environment.merging(["TERM": "xterm"]) { $1 })
        defer { terminal.terminate() }

        try terminal.waitFor("problem> ")
        terminal.send("The forecast is late\r")
        try terminal.waitFor("your answer is kept. Ctrl-C stops waiting.")
        terminal.send("\u{03}")
        let kept = try terminal.waitFor("pain> ")
        #expect(kept.contains("Not saved: "), "\(kept)")
        #expect(kept.contains("Your answer is kept here. Type /retry to save now"))
        #expect(try statements(in: q.databasePath).isEmpty)

        try other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        terminal.send("/retry\r")
        try terminal.waitFor("Saved the answer that was waiting.")
        try terminal.waitFor("pain> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["The forecast is late"])
    }
}
