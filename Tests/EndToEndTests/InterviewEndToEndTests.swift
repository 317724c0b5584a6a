import Foundation
import GRDB
import Testing

/// The manual's worked example, typed the way a rep types it, with the
/// characters that most often get mangled: apostrophes, quotes, <, &,
/// Slovenian letters, emoji and a tab.
enum WorkedExample {
    static let problem = "We're losing \"share\" to <faster> rivals & it's getting worse"
    static let pain = "I can't get the forecast to the board on time; my šef (č, ž) is furious 😬"
    static let reasons = ["Sales numbers are spread over five spreadsheets", "Nobody owns the data\tat all", "The reports are built by hand"]
    static let impacts = ["The CFO gets numbers two weeks late", "We overspent our budget by 8% & nobody noticed"]
    static let capabilities = ["See the whole pipeline in one place", "Send the board a forecast with one click", "Know which deals slip before they slip"]

    static var lines: [String] {
        [problem, pain] + reasons + [""] + impacts + [""] + capabilities
    }
    static var allQuotes: [String] { [pain] + reasons + impacts + capabilities }
}

func setUpOpportunity(_ q: QualifyBinary, name: String = "Acme - Forecasting") throws {
    #expect(try q.run(["account", "add", "Acme Corp"]).status == 0)
    let added = try q.run(["opportunity", "add", name, "--account", "acme corp"])
    #expect(added.status == 0, "\(added.stderr)")
}

/// Every version of every statement, oldest first, read straight from the file.
func statements(in path: String) throws -> [(field: String, position: Int, text: String, replaces: Int64?)] {
    let db = try DatabaseQueue(path: path)
    return try db.read { db in
        try Row.fetchAll(db, sql: "SELECT field, position, text, replacesId FROM statement ORDER BY id").map {
            (field: $0["field"], position: $0["position"], text: $0["text"], replaces: $0["replacesId"])
        }
    }
}

func noCrash(_ result: QualifyBinary.Result) -> Bool {
    !result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump")
        && !result.stderr.contains("Backtrace") && result.status < 128
}

@Suite struct InterviewEndToEndTests {
    @Test func pipedWorkedExampleThenLetterQuotesEveryWordExactly() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let interview = try q.run(["interview", "Acme - Forecasting"], lines: WorkedExample.lines)
        #expect(interview.status == 0, "\(interview.stderr)")
        // Piped: no prompts, no colour.
        #expect(!interview.stdout.contains("problem> "))
        #expect(!interview.stdout.contains("\u{1B}["))
        #expect(interview.stdout.contains("Summary"))

        let letter = try q.run(["letter", "Acme - Forecasting"])
        #expect(letter.status == 0)
        for quote in WorkedExample.allQuotes {
            #expect(letter.stdout.contains("“\(quote)”"), "letter lacks \(quote)")
        }
        #expect(!letter.stdout.contains("&#39;") && !letter.stdout.contains("&amp;") && !letter.stdout.contains("&lt;"))
        // Everything is captured: the one gap left is the addressee, and it says how to set one.
        #expect(letter.stdout.components(separatedBy: "[GAP:").count == 2)
        #expect(letter.stdout.contains("[GAP: no sponsor yet: qualify opportunity set \"Acme - Forecasting\" sponsor \"NAME\""))

        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.text) == [WorkedExample.problem, WorkedExample.pain] + WorkedExample.reasons
                + WorkedExample.impacts + WorkedExample.capabilities)
        let bytes = try DatabaseQueue(path: q.databasePath).read {
            try Data.fetchOne($0, sql: "SELECT CAST(text AS BLOB) FROM statement WHERE field = 'pain'")
        }
        #expect(bytes == Data(WorkedExample.pain.utf8))
    }

    /// Without XDG variables the folders follow $HOME (not the password file's home).
    @Test func withoutXDGVariablesFilesLiveUnderHOME() throws {
        let q = try QualifyBinary()
        let unset = ["XDG_DATA_HOME": "", "XDG_STATE_HOME": "", "XDG_CONFIG_HOME": ""]
        #expect(try q.run(["account", "add", "Acme Corp"], extraEnvironment: unset).status == 0)
        #expect(FileManager.default.fileExists(atPath: q.home.appendingPathComponent(".local/share/qualify/qualify.sqlite").path))
    }

    @Test func databaseIsOwnerOnlyAndTheLocationCanBeChosen() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let attributes = try FileManager.default.attributesOfItem(atPath: q.databasePath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = URL(fileURLWithPath: q.databasePath).deletingLastPathComponent().path
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        let chosen = q.home.appendingPathComponent("elsewhere/team.sqlite").path
        let created = try q.run(["account", "add", "Globex", "--database", chosen])
        #expect(created.status == 0)
        // A mistyped path must not pass for an empty pipeline: the new file is announced, once.
        #expect(created.stderr == "note: created a new, empty database at \(chosen).\n")
        #expect(try q.run(["account", "list", "--database", chosen]).stderr.isEmpty)
        let viaEnvironment = try q.run(["account", "list"], extraEnvironment: ["QUALIFY_DATABASE": chosen])
        #expect(viaEnvironment.stdout == "Globex\n")
        #expect(try q.run(["account", "list"]).stdout == "Acme Corp\n")
    }

    @Test func reRunningResumesAtTheFirstQuestionWithoutAnAnswer() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["the problem", "I hurt"]).status == 0)
        let resumed = try q.run(["interview", "Acme - Forecasting", "--resume"], lines: ["first reason", ""])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // Shows what is already captured, then the reason lands in reasons.
        #expect(resumed.stdout.contains("Problem: \u{201C}the problem\u{201D}"))
        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.field) == ["problem", "pain", "reasons"])
        #expect(stored.last?.text == "first reason")
    }

    @Test func backAndEditStoreNewVersionsAndKeepTheOldOnes() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"], lines: [
            "first problem", "/back", "second problem", "I can't", "r1", "r2", "/edit reasons 1", "R1!", "",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.text) == ["first problem", "second problem", "I can't", "r1", "r2", "R1!"])
        #expect(stored[1].replaces == 1)
        #expect(stored[5].replaces == 4)
        let show = try q.run(["opportunity", "show", "Acme - Forecasting"])
        #expect(show.stdout.contains("\u{201C}second problem\u{201D}"))
        #expect(show.stdout.contains("1. \u{201C}R1!\u{201D}"))
        #expect(!show.stdout.contains("first problem"))
    }

    @Test func aQuoteBlockIsOneAnswerInPipedInput() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"], lines: [
            "problem", "\"\"\"", "I said: \"we can't\".", "", "/and a line with a slash", "\"\"\"", "* a * b", "",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let stored = try statements(in: q.databasePath)
        #expect(stored.map(\.text) == ["problem", "I said: \"we can't\".\n\n/and a line with a slash", "a", "b"])
    }

    @Test func slashEscapeAndCommandsInPipedInput() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"], lines: ["//usr is full", "/skip", "/help", "/show", "/quit"])
        #expect(run.status == 0)
        #expect(try statements(in: q.databasePath).map(\.text) == ["/usr is full"])
        #expect(run.stdout.contains("Reasons: how to ask"))
    }

    @Test func unknownOpportunityAndAccountNameTheClosest() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let opportunity = try q.run(["interview", "Acme Forecast"])
        #expect(opportunity.status == 1)
        #expect(opportunity.stderr == "qualify: no opportunity called \"Acme Forecast\". Did you mean \"Acme - Forecasting\"? Or create it with: qualify opportunity add \"Acme Forecast\" --account ACCOUNT\n")
        let account = try q.run(["opportunity", "add", "New deal", "--account", "Acme Crop"])
        #expect(account.status == 1)
        #expect(account.stderr.contains("Did you mean \"Acme Corp\"?"))
        let duplicate = try q.run(["opportunity", "add", "ACME - forecasting", "--account", "Acme Corp"])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("already exists"))
        // Nothing was added by the refused commands: still one opportunity listed.
        #expect(try q.run(["opportunity", "list"]).stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Acme") || $0.hasPrefix("ACME") }.count == 1)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUnchanged() throws {
        let q = try QualifyBinary()
        let path = q.home.appendingPathComponent("notes.txt").path
        let content = Data("my private notes\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: content))
        let result = try q.run(["account", "list", "--database", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("qualify: \(path) is not a qualify database"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(FileManager.default.contents(atPath: path) == content)
    }

    @Test func aDatabaseFromANewerQualifyIsRefused() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        try DatabaseQueue(path: q.databasePath).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999: future')")
        }
        let result = try q.run(["opportunity", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("newer version of qualify"))
    }

    @Test func invalidUTF8StopsWithTheLineNumberAndKeepsWhatCameBefore() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        var input = Data("good problem\n".utf8)
        input.append(contentsOf: [0x49, 0x20, 0xC3, 0x28, 0x0A])
        input.append(Data("never read\n".utf8))
        let result = try q.run(["interview", "Acme - Forecasting"], input: input)
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 2"))
        #expect(result.stderr.contains("UTF-8"))
        #expect(noCrash(result))
        #expect(try statements(in: q.databasePath).map(\.text) == ["good problem"])
    }

    @Test func aOneMegabyteLineIsRefusedClearlyAndNothingIsLost() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let huge = String(repeating: "blah ", count: 210_000)
        let result = try q.run(["interview", "Acme - Forecasting"], lines: ["kept problem", huge, "after"])
        #expect(result.status == 1)
        #expect(noCrash(result))
        #expect(result.stderr.contains("line 2"))
        #expect(result.stderr.contains("limit"))
        #expect(try statements(in: q.databasePath).map(\.text) == ["kept problem"])
    }

    @Test func anUnknownCommandInAScriptStopsIt() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let result = try q.run(["interview", "Acme - Forecasting"], lines: ["problem", "/skp", "pain"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Unknown command /skp"))
        #expect(try statements(in: q.databasePath).map(\.text) == ["problem"])
    }

    @Test func demoLoadsTheWorkedExampleOnceAndItsLetterIsMarked() throws {
        let q = try QualifyBinary()
        let first = try q.run(["demo"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("Loaded the worked example"))
        #expect(try q.run(["demo"]).stdout.contains("already loaded"))
        let list = try q.run(["opportunity", "list"])
        #expect(list.stdout.contains("Demo: Northwind Traders - Sales Analytics"))
        #expect(list.stdout.contains("Prospecting"), "\(list.stdout)")
        let name = "Demo: Northwind Traders - Sales Analytics"
        let letter = try q.run(["letter", name])
        #expect(letter.stdout.hasPrefix("[DEMO DATA"))
        #expect(letter.stdout.contains("Dear Nancy Davolio,") && !letter.stdout.contains("[GAP"), "\(letter.stdout)")
        #expect(letter.stdout.contains("“I can't get our quarterly forecast to the board on time, and it's my name on it.”"))
    }

    @Test func theHomePromptTakesCommandsFromAScript() throws {
        let q = try QualifyBinary()
        let result = try q.run([], lines: [
            "account add \"Initech\"",
            "opportunity add \"Initech - TPS\" --account Initech",
            "/open Initech - TPS",
            "the problem", "I hurt",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Added account \"Initech\"."))
        #expect(try statements(in: q.databasePath).map(\.text) == ["the problem", "I hurt"])
    }

    @Test func theHomePromptShowsHelpAndStopsAScriptAtAnUnknownCommandOnce() throws {
        let q = try QualifyBinary()
        let help = try q.run([], lines: ["help opportunity set", "opportunity list --help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(help.stdout.contains("Set fields of an opportunity"))
        #expect(help.stdout.contains("List opportunities"))
        let unknown = try q.run([], lines: ["account add Initech", "We lose share", "account list"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "qualify: unknown command We; /help lists the commands, and an answer belongs in an interview (/open NAME).\n")
        #expect(!unknown.stdout.contains("Initech\n"))
        let usage = try q.run([], lines: ["opportunity add Foo"])
        #expect(usage.status == 1)
        #expect(usage.stderr == "qualify: Missing expected argument '--account <account>'; help opportunity add shows how to write it.\n")
    }

    @Test func usageErrorsExitWith64() throws {
        let q = try QualifyBinary()
        let result = try q.run(["opportunity", "add", "x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--account"))
    }
}
