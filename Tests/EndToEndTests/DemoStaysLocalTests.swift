import Foundation
import Testing

/// The demo is the manual's example on one laptop: a team file never carries it, so a
/// manager merging two reps' files does not see the demo deal twice.
@Suite struct DemoStaysLocalTests {
    @Test func exportAllLeavesTheDemoOutAndAManagerSeesItsPainNowhere() throws {
        let manager = try QualifyBinary()
        var files: [URL] = []
        for rep in ["ana", "marko"] {
            let laptop = try QualifyBinary()
            #expect(try laptop.run(["demo"]).status == 0)
            #expect(try laptop.run(["account", "add", "Acme \(rep)"]).status == 0)
            #expect(try laptop.run(["opportunity", "add", "Acme \(rep) - Rollout", "--account", "Acme \(rep)"]).status == 0)
            let interview = try laptop.run(["interview", "Acme \(rep) - Rollout"], lines: ["\(rep)'s problem", "\(rep)'s pain", ""])
            #expect(interview.status == 0, "\(interview.stderr)")
            let file = laptop.home.appendingPathComponent("\(rep).jsonl")
            let export = try laptop.run(["export", "all", "--format", "jsonl", "-o", file.path])
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("Northwind") && !text.contains("Nancy Davolio"), "the demo's deal, account and sponsor stay out")
            #expect(text.contains("\(rep)'s pain"))
            files.append(file)
        }
        for file in files {
            let imported = try manager.run(["import", "all", file.path])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("0 merged by name"), "\(imported.stdout)")
        }
        let review = try manager.run(["review", "--format", "jsonl"])
        #expect(review.status == 0)
        #expect(review.stdout.contains("ana's pain") && review.stdout.contains("marko's pain"))
        #expect(!review.stdout.contains("Northwind"), "\(review.stdout)")
    }
}
