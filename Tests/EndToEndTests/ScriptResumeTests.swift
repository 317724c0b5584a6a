import Foundation
import Testing

/// A script re-run after a failure resumes at the first unanswered question:
/// it is told where, so no answer lands one field late without a word.
@Suite struct ScriptResumeTests {
    static let deal = "Acme - Forecasting"

    @Test func aRefusedLineSaysWhereTheNextRunStartsAndTheReRunSaysWhatItsFirstLineAnswers() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let failed = try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep\u{1}", "reason 1"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("Everything before this line is saved. The next run starts at Pain: feed it this input from line 2 on.\n"), "\(failed.stderr)")

        let resumed = try q.run(["interview", Self.deal], lines: ["I can't sleep", "reason 1", "", "impact", "", "cap 1", "cap 2", "cap 3"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.hasPrefix("note: Problem is captured; this input's first line answers Pain.\n"), "\(resumed.stderr)")
        let show = try q.run(["opportunity", "show", Self.deal]).stdout
        #expect(show.contains("Pain: \u{201C}I can't sleep\u{201D}"), "\(show)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share", "I can't sleep", "reason 1", "impact", "cap 1", "cap 2", "cap 3"])
    }

    /// Reasons has an item, so the next run starts at Impacts, not at the
    /// refused reason: feeding the same line again would misfile it.
    @Test func aLineRefusedInsideAListSaysTheNextRunStartsAtTheNextField() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let failed = try q.run(["interview", Self.deal], lines: ["We lose share", "I can't sleep", "reason 1", "reason\u{7} 2"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasSuffix("The next run starts at Impacts, not at this line's question: the first line you feed it must answer Impacts.\n"), "\(failed.stderr)")
        let again = try q.run(["interview", Self.deal], lines: ["/show"])
        #expect(again.stderr.hasPrefix("note: Problem, Pain and Reasons are captured; this input's first line answers Impacts.\n"), "\(again.stderr)")
    }

    @Test func theTeamsWordsForTheNextRunComeFromItsInterviewScript() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let folder = q.home.appendingPathComponent("team-prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let builtIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Prompts/interview.yaml")
        let script = try String(contentsOf: builtIn, encoding: .utf8)
            .replacingOccurrences(of: "  nextRunFrom: \"The next run starts at {title}: feed it this input from line {line} on.\"", with: "  nextRunFrom: \"Resume at {title} with line {line}.\"")
            .replacingOccurrences(of: "  resumingOne: \"{fields} is captured; this input's first line answers {title}.\"", with: "  resumingOne: \"Have {fields}; next {title}.\"")
        try script.write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)
        let failed = try q.run(["interview", Self.deal, "--prompts", folder.path], lines: ["We lose share", "\u{1}"])
        #expect(failed.stderr.hasSuffix("saved. Resume at Pain with line 2.\n"), "\(failed.stderr)")
        let again = try q.run(["interview", Self.deal, "--prompts", folder.path], lines: [])
        #expect(again.stderr.hasPrefix("note: Have Problem; next Pain.\n"), "\(again.stderr)")
    }
}
