import Foundation
import Testing

@Suite struct CoachEndToEndTests {
    @Test func textShowsEachJudgmentWithTheWordsThatDecidedIt() throws {
        let q = try QualifyBinary()
        let result = try q.run(["coach", "--field", "pain", "She's afraid she'll be blamed for the delay."])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "voice: reported (someone else feels “She's afraid”; someone else feels “she'll be blamed”)")
        #expect(lines[1].hasPrefix("kind: pain (feeling or consequence, reported “afraid”"))
        #expect(lines.contains("Ask (follow-up): How would you put that in your own words?"))
        // Nothing is stored: the coach needs no database.
        #expect(!FileManager.default.fileExists(atPath: q.databasePath))
    }

    @Test func jsonHasTheIssuesShape() throws {
        let q = try QualifyBinary()
        let result = try q.run(["coach", "--field", "problem", "--format", "json", "According to Luka, the plant loses a shift a week."])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["voice"] as? String == "reported")
        #expect(object["kind"] as? String == "problem")
        let evidence = try #require(object["evidence"] as? [[String: String]])
        #expect(evidence.contains(["judgment": "voice", "finding": "hearsay", "words": "According to"]))
        let probes = try #require(object["probes"] as? [[String: String]])
        #expect(probes.first == ["kind": "follow-up", "text": "How would you put that in your own words?"])

        // A list field has no kind: null, and its own judgment.
        let impact = try q.run(["coach", "--field", "impacts", "--format", "json", "The CFO gets numbers late."])
        let impactObject = try #require(try JSONSerialization.jsonObject(with: impact.stdoutData) as? [String: Any])
        #expect(impactObject["kind"] is NSNull)
        #expect(impactObject["impact"] as? [String: String] == ["who": "yes", "howMuch": "no"])
    }

    @Test func aWrongFieldOrNoTextIsAUsageError() throws {
        let q = try QualifyBinary()
        let wrong = try q.run(["coach", "--field", "budget", "We lose share"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--field budget is not a field; use problem, pain, reasons, impacts or capabilities."))
        let empty = try q.run(["coach", "--field", "pain", "  "])
        #expect(empty.status == 64)
    }

    @Test func aTeamsCoachFileOverridesTheBuiltInOne() throws {
        let q = try QualifyBinary()
        let folder = q.home.appendingPathComponent("team-prompts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let builtIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Prompts/coach.yaml")
        let text = try String(contentsOf: builtIn, encoding: .utf8)
            .replacingOccurrences(of: "askWho: \"Who else feels this?\"", with: "askWho: \"Who in your team feels it?\"")
        try text.write(to: folder.appendingPathComponent("coach.yaml"), atomically: true, encoding: .utf8)
        let result = try q.run(["coach", "--prompts", folder.path, "--field", "impacts", "It hurts."])
        #expect(result.stdout.contains("Ask (follow-up): Who in your team feels it?"))

        try "persons: [".write(to: folder.appendingPathComponent("coach.yaml"), atomically: true, encoding: .utf8)
        let broken = try q.run(["coach", "--prompts", folder.path, "--field", "impacts", "It hurts."])
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("qualify: \(folder.path)/coach.yaml is not a valid prompt file"))
    }
}
