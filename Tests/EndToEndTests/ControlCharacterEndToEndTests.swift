import Foundation
import GRDB
import Testing

/// A NUL or a terminal escape in what is typed, imported or already stored.
@Suite struct ControlCharacterEndToEndTests {
    static let esc = UInt8(0x1B)

    @Test func aNulInAPipedAnswerStopsAtItsLineAndStoresNothingOfIt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let input = Data("The forecast is late\nbefore\u{0}after\nmore\n".utf8)
        let result = try q.run(["interview", "Acme - Forecasting"], input: input)
        #expect(result.status == 1)
        #expect(result.stderr == "qualify: line 2: column 7: U+0000 (NUL) is a control character; qualify stores text exactly and cannot keep it. Remove it and answer again. Everything before this line is saved. The next run starts at Pain: feed it this input from line 2 on, with --resume.\n")
        #expect(try statements(in: q.databasePath).map(\.text) == ["The forecast is late"])
    }

    @Test func anArgumentOrAREPLLineWithAControlCharacterIsRefusedBeforeAnythingIsStored() throws {
        let q = try QualifyBinary()
        let argument = try q.run(["account", "add", "Acme\u{1B}[2J"])
        #expect(argument.status == 64)
        #expect(argument.stderr == "qualify: argument 3, character 5: U+001B (ESC) is a control character; qualify stores text exactly and cannot keep it. Remove it and run the command again.\n")
        let repl = try q.run([], input: Data("account add Globex\u{7}\n".utf8))
        #expect(repl.status == 1)
        #expect(repl.stderr.contains("column 19: U+0007 (BEL) is a control character"), "\(repl.stderr)")
        #expect(try q.run(["account", "list"]).stdout.contains("Acme") == false)
        #expect(try q.run(["account", "list"]).stdout.contains("Globex") == false)
    }

    @Test func aCSVCellWithAnEscapeIsABadRowAndNothingIsImported() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
        let file = q.home.appendingPathComponent("opportunities.csv").path
        let csv = "Opportunity Name,Account Name,Description\r\n\"Nul Co - A\",Acme Corp,\"a\u{0}b\"\r\n"
            + "\"Esc Co - B\",Acme Corp,\"x\u{1B}]0;pwned\u{7}y\"\r\n\"Fine Co - C\",Acme Corp,\"first\r\nsecond\"\r\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
        let result = try q.run(["import", "opportunities", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("opportunities.csv:2: \"Description\", character 2: U+0000 (NUL) is a control character"), "\(result.stderr)")
        #expect(result.stderr.contains("opportunities.csv:3: \"Description\", character 2: U+001B (ESC) is a control character"))
        #expect(!result.stderr.contains(":4:"), "a Windows line end inside a cell is text, not a problem")
        let count = try DatabaseQueue(path: q.databasePath).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM opportunity")! }
        #expect(count == 0)
    }

    @Test func importAllRefusesAFileWithANulInAValue() throws {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep)
        let exported = try rep.run(["export", "all"])
        let file = rep.home.appendingPathComponent("rep.jsonl").path
        let damaged = exported.stdout.replacingOccurrences(of: "\"name\":\"Acme Corp\"", with: "\"name\":\"before\\u0000after\"")
        #expect(damaged != exported.stdout)
        try Data(damaged.utf8).write(to: URL(fileURLWithPath: file))
        let manager = try QualifyBinary()
        let result = try manager.run(["import", "all", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\"name\" (its line 1, column 7): U+0000 (NUL) is a control character"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("nothing was imported.\n"))
        #expect(try manager.run(["account", "list"]).stdout.contains("before") == false)
    }

    /// Text stored before these checks existed (or by another tool) reaches no terminal raw.
    @Test func storedEscapesAreShownVisiblyInEveryTextOutputAndKeptInCSV() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines).status == 0)
        let hostile = "clear\u{1B}[2J title\u{1B}]0;pwned\u{7} c1\u{9B}31m"
        try DatabaseQueue(path: q.databasePath).write { db in
            try db.execute(sql: "UPDATE statement SET text = ? WHERE field = 'pain'", arguments: [hostile])
            try db.execute(sql: "UPDATE opportunity SET description = ?", arguments: [hostile])
        }
        let shown = "clear\\u{1B}[2J title\\u{1B}]0;pwned\\u{7} c1\\u{9B}31m"
        let outputs: [[String]] = [
            ["review"], ["review", "--format", "markdown"], ["letter", "Acme - Forecasting"],
            ["opportunity", "show", "Acme - Forecasting"],
        ]
        for arguments in outputs {
            let result = try q.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdoutData.contains(Self.esc) && !result.stdoutData.contains(0x07), "\(arguments) sent a raw control character")
            #expect(result.stdout.contains(shown), "\(arguments): \(result.stdout)")
        }
        let summary = try q.run(["interview", "Acme - Forecasting"], lines: ["/summary"])
        #expect(!summary.stdoutData.contains(Self.esc) && summary.stdout.contains(shown), "\(summary.stdout)")
        let html = try q.run(["review", "--format", "html"])
        #expect(!html.stdoutData.contains(Self.esc) && html.stdout.contains("\\u{1B}]0;pwned\\u{7}"))
        let letterHTML = try q.run(["letter", "Acme - Forecasting", "--format", "html"])
        #expect(!letterHTML.stdoutData.contains(Self.esc) && letterHTML.stdout.contains("\\u{1B}]0;pwned\\u{7}"), "\(letterHTML.stdout)")
        let json = try q.run(["review", "--format", "json"])
        #expect(!json.stdoutData.contains(Self.esc) && json.stdout.contains("\\u001b]0;pwned\\u0007"))
        let csv = try q.run(["review", "--format", "csv"])
        #expect(csv.stdout.contains(hostile), "CSV is for programs: it keeps the bytes")
    }
}
