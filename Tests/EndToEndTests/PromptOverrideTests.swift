import Foundation
import Testing

@Suite struct PromptOverrideTests {
    /// The built-in script with one help text reworded.
    func customScript() throws -> String {
        let builtIn = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Prompts/interview.yaml")
        let text = try String(contentsOf: builtIn, encoding: .utf8)
        return text.replacingOccurrences(of: "Problem is objective:", with: "OUR TEAM'S WORDING: problem is objective:")
    }

    @Test func aPromptsFolderOverridesOneFileAndTheRestStaysBuiltIn() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("team-prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try customScript().write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)

        let custom = try q.run(["interview", "Acme - Forecasting", "--prompts", folder.path], lines: ["/help"])
        #expect(custom.status == 0, "\(custom.stderr)")
        #expect(custom.stdout.contains("OUR TEAM'S WORDING"))
        // The letter template was not overridden: the built-in one is used.
        #expect(try q.run(["letter", "Acme - Forecasting", "--prompts", folder.path]).stdout.contains("[GAP: no pain"))

        let builtIn = try q.run(["interview", "Acme - Forecasting"], lines: ["/help"])
        #expect(!builtIn.stdout.contains("OUR TEAM'S WORDING"))
    }

    /// The record's and the plan's words are the script's too: a reworded label
    /// shows in `opportunity show` (the others line up with it), and a sentence
    /// the override leaves out is the built-in one.
    @Test func theRecordAndThePlanSpeakTheOverridesWords() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("team-prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = try customScript()
            .replacingOccurrences(of: "amountLabel: \"Amount\"", with: "amountLabel: \"Deal value (net)\"")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  planTitle:") }
            .joined(separator: "\n")
        try script.write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)

        let shown = try q.run(["opportunity", "show", "Acme - Forecasting", "--prompts", folder.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("Deal value (net) ") })
        #expect(lines.contains { $0.hasPrefix("Account          Acme Corp") })
        #expect(!lines.contains { $0.hasPrefix("Amount") })
        #expect(try q.run(["opportunity", "show", "Acme - Forecasting"]).stdout.contains("\nAmount         "))

        #expect(try q.run(["plan", "add", "Acme - Forecasting", "Pilot", "--who", "buyer", "--due", "2031-01-15"]).status == 0)
        let plan = try q.run(["plan", "list", "Acme - Forecasting", "--prompts", folder.path])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("Evaluation plan: Acme - Forecasting\n"))
    }

    @Test func theConfigFolderOverridesToo() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("config/qualify/prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try customScript().write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["/help"]).stdout.contains("OUR TEAM'S WORDING"))
    }

    @Test func aBrokenOverrideIsAClearErrorThatNamesTheFile() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("interview.yaml")
        try "fields: [this is not: the script".write(to: file, atomically: true, encoding: .utf8)
        let result = try q.run(["interview", "Acme - Forecasting", "--prompts", folder.path], lines: ["p"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("qualify: \(file.path) is not a valid prompt file"))
        #expect(noCrash(result))
    }
}
