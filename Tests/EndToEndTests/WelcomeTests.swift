import Foundation
import Testing

/// The home screen of a rep or manager with more deals than a screen holds.
@Suite struct WelcomeTests {
    @Test func showsTheDealsWorkedOnLastAndCountsTheRest() throws {
        let q = try QualifyBinary()
        var lines = ["account add \"Acme Corp\""]
        lines += (1...18).map { "opportunity add \"Acme - Deal \($0)\" --account \"Acme Corp\"" }
        #expect(try q.run([], lines: lines).status == 0)
        // Words captured for the oldest deal make it the one worked on last.
        #expect(try q.run(["interview", "Acme - Deal 1"], lines: ["We lose share"]).status == 0)

        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: [],
                                          environment: q.environment.merging(["TERM": "xterm"]) { $1 })
        defer { terminal.terminate() }
        let welcome = try terminal.waitFor("qualify> ")
        let listed = welcome.split(separator: "\n").filter { $0.hasPrefix("Acme - Deal") }
        #expect(listed.count == 15, "\(welcome)")
        #expect(listed.first?.hasPrefix("Acme - Deal 1 ") == true, "\(welcome)")
        #expect(listed.dropFirst().first?.hasPrefix("Acme - Deal 18 ") == true, "\(welcome)")
        #expect(welcome.contains("… and 3 more opportunities"), "\(welcome)")

        // A quoted name of several words completes from inside its quotes.
        try terminal.converse([
            ("opportunity add \"Acme - Deal 19\" --account \"Acme C\t", "Corp\" "),
            ("\r", "Added opportunity \"Acme - Deal 19\" for Acme Corp."), ("", "qualify> "),
        ])
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func pipedItReadsNoListAndPrintsNothing() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let piped = try q.run([], lines: ["/quit"])
        #expect(piped.status == 0 && piped.stdout.isEmpty, "\(piped.stdout)")
    }
}
