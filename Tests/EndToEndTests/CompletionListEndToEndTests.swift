import Foundation
import GRDB
import Testing

/// What Tab lists at the home prompt: whole names, as a rep reads them, and never a stored
/// escape raw (a name can come from an older database, a CRM export or a teammate's sync).
@Suite struct CompletionListEndToEndTests {
    @Test func tabListsWholeNamesAndShowsAStoredEscapeVisibly() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        for name in ["Acme Corp - Forecasting", "Acme Corp - Renewal", "Acme Corp - Hostile"] {
            #expect(try q.run(["opportunity", "add", name, "--account", "Acme Corp"]).status == 0)
        }
        try DatabaseQueue(path: q.databasePath).write { db in
            try db.execute(sql: "UPDATE opportunity SET name = ? WHERE name = 'Acme Corp - Hostile'",
                           arguments: ["Acme Corp - \u{1B}[31mRed"])
        }
        let terminal = try PseudoTerminal(executable: QualifyBinary.path, arguments: [],
                                          environment: q.environment.merging(["TERM": "xterm-256color"]) { $1 })
        defer { terminal.terminate() }
        try terminal.waitFor("qualify> ")
        let rawBefore = terminal.raw.count

        // "Acme Co" + Tab: the part every name shares is filled in, then the names are listed whole.
        terminal.send("/open Acme Co\t")
        let listed = try terminal.waitFor("qualify> /open Acme Corp - ")
        let line = try #require(listed.split(separator: "\n").first { $0.contains("Renewal") }.map(String.init), "\(listed)")
        #expect(line.contains("Acme Corp - Forecasting") && line.contains("Acme Corp - Renewal")
                && line.contains("Acme Corp - \\u{1B}[31mRed"), "\(line)")
        // Tab again lists the same whole names, not what is left of them.
        terminal.send("\t")
        let again = try terminal.waitFor("qualify> /open Acme Corp - ")
        #expect(again.contains("Acme Corp - Forecasting  "), "\(again)")
        #expect(!String(decoding: terminal.raw[rawBefore...], as: UTF8.self).contains("\u{1B}[31m"), "a stored escape reached the terminal")

        // A lower-case start completes to the name as stored, and on to the one deal it names.
        terminal.send("\u{15}/open acme corp - r\t")
        try terminal.waitFor("Acme Corp - Renewal ")
        terminal.send("\r")
        try terminal.waitFor("problem> ")
        terminal.send("/quit\r")
        try terminal.waitFor("qualify> ")

        // On a command line the quoted names are listed whole too.
        terminal.send("opportunity show \"Acme Co\t")
        let quoted = try terminal.waitFor("qualify> opportunity show \"Acme Corp - ")
        #expect(quoted.contains("\"Acme Corp - Forecasting\"  "), "\(quoted)")
        terminal.send("\u{15}\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }
}
