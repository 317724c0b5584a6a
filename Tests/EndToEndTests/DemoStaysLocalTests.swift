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

    /// A file of one kind is what a spreadsheet or another CRM takes in: the demo's deal,
    /// account, contact and sponsor would come back there as real ones.
    @Test func everyExportOfOneKindLeavesTheDemoOutAndTheScreenStillShowsIt() throws {
        let laptop = try QualifyBinary()
        #expect(try laptop.run(["demo"]).status == 0)
        #expect(try laptop.run(["account", "add", "Acme"]).status == 0)
        #expect(try laptop.run(["opportunity", "add", "Acme - Rollout", "--account", "Acme"]).status == 0)
        for kind in ["accounts", "contacts", "opportunities", "leads"] {
            for format in ["csv", "json"] {
                let export = try laptop.run(["export", kind, "--format", format])
                #expect(export.status == 0, "\(export.stderr)")
                #expect(!export.stdout.contains("Northwind") && !export.stdout.contains("Nancy Davolio"), "\(kind) \(format): \(export.stdout)")
            }
        }
        #expect(try laptop.run(["export", "opportunities", "--format", "csv"]).stdout.contains("Acme - Rollout"))
        // No lead: an empty array, written as every JSON list writes one.
        #expect(try laptop.run(["export", "leads", "--format", "json"]).stdout == "[]\n")
        let listed = try laptop.run(["opportunity", "list", "--format", "csv"])
        #expect(listed.status == 0 && listed.stdout.contains("Acme - Rollout") && !listed.stdout.contains("Northwind"), "\(listed.stdout)")
        let screen = try laptop.run(["opportunity", "list"])
        #expect(screen.stdout.contains("Northwind") && screen.stdout.contains("[demo]"), "\(screen.stdout)")
        // Its removal does not send the rep to export all, which leaves the demo out.
        let removal = try laptop.run(["opportunity", "remove", "Demo: Northwind Traders - Sales Analytics"])
        #expect(removal.status == 1 && removal.stderr.contains("is the demo, with ") && removal.stderr.contains("remove it with --yes (qualify demo loads it again)."),
                "\(removal.stderr)")
        // With chosen columns too: the mark ends the demo's line.
        let chosen = try laptop.run(["opportunity", "list", "--columns", "name,stage"]).stdout.split(separator: "\n")
        #expect(chosen.filter { $0.hasSuffix("  [demo]") }.count == 1 && chosen.filter { $0.contains("[demo]") }.count == 1, "\(chosen)")
    }
}
