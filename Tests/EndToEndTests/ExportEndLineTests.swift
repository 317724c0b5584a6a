import Foundation
import GRDB
import Testing

/// `export all` ends with a line that counts what it wrote: a copy cut at a
/// line's end (interrupted, or a full disk) is refused whole instead of
/// importing the first part with exit 0.
@Suite struct ExportEndLineTests {
    private func repFile() throws -> (rep: QualifyBinary, file: URL, lines: [String]) {
        let rep = try QualifyBinary()
        try setUpOpportunity(rep, name: "Acme - Rollout")
        let interview = try rep.run(["interview", "Acme - Rollout"], lines: ["The books close late", "I can't sleep", ""])
        #expect(interview.status == 0, "\(interview.stderr)")
        let file = rep.home.appendingPathComponent("rep.jsonl")
        #expect(try rep.run(["export", "all", "-o", file.path]).status == 0)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        return (rep, file, lines)
    }

    private func write(_ lines: [String], to name: String, in q: QualifyBinary) throws -> String {
        let file = q.home.appendingPathComponent(name)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        return file.path
    }

    /// Nothing at all was written: no account, no deal, no statement.
    private func isEmpty(_ q: QualifyBinary) throws -> Bool {
        guard FileManager.default.fileExists(atPath: q.databasePath) else { return true }
        let db = try DatabaseQueue(path: q.databasePath)
        return try db.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM account) + (SELECT count(*) FROM opportunity) + (SELECT count(*) FROM statement)")! } == 0
    }

    @Test func theLastLineCountsEachKindAndAFileCutAtALineEndImportsNothing() throws {
        let (_, file, lines) = try repFile()
        #expect(lines.last == #"{"account":1,"contact":0,"fieldChange":0,"kind":"end","lead":0,"letter":0,"letterMark":0,"letterQuote":0,"opportunity":1,"opportunityChange":2,"planStep":0,"removal":0,"stage":10,"statement":2}"#)

        let manager = try QualifyBinary()
        for keep in [lines.count - 1, lines.count - 2, 12] {
            let cut = try write(Array(lines.prefix(keep)), to: "cut-\(keep).jsonl", in: manager)
            let refused = try manager.run(["import", "all", cut])
            #expect(refused.status == 1)
            #expect(refused.stderr == "qualify: the file has no end line: it is incomplete (a copy cut short, or a full disk while it was written); nothing was imported. Export it again with qualify export all; a file from a qualify older than the end line imports with --no-end-line.\n")
            #expect(try isEmpty(manager))
        }
        let whole = try manager.run(["import", "all", file.path])
        #expect(whole.status == 0 && whole.stderr.isEmpty, "\(whole.stderr)")
        #expect(whole.stdout.contains("added 1 account, 1 opportunity, 2 history rows, 2 statements"), "\(whole.stdout)")
    }

    /// A line lost in the middle, or two files joined, is damage the end line shows.
    @Test func aMissingLineOrALineAfterTheEndRefusesTheFile() throws {
        let (_, _, lines) = try repFile()
        let manager = try QualifyBinary()
        var missing = lines
        let statement = try #require(missing.lastIndex { $0.contains(#""kind":"statement""#) })
        missing.remove(at: statement)
        let damaged = try manager.run(["import", "all", try write(missing, to: "missing.jsonl", in: manager)])
        #expect(damaged.status == 1)
        #expect(damaged.stderr == "qualify: line \(lines.count - 1), the end line, counts 2 \"statement\" lines but the file has 1 before it: it is damaged; nothing was imported. Export it again with qualify export all.\n")
        let joined = try manager.run(["import", "all", try write(lines + lines, to: "joined.jsonl", in: manager)])
        #expect(joined.status == 1)
        #expect(joined.stderr == "qualify: line \(lines.count + 1) comes after the end line (line \(lines.count)); nothing was imported. Give one file as qualify export all wrote it, not two joined.\n")
        #expect(try isEmpty(manager))
    }

    /// Files from before the end line exist: --no-end-line takes one, and says what it risks.
    @Test func aFileFromAnOlderQualifyImportsWithNoEndLine() throws {
        let (_, _, lines) = try repFile()
        let manager = try QualifyBinary()
        let old = try write(Array(lines.dropLast()), to: "old.jsonl", in: manager)
        let imported = try manager.run(["import", "all", old, "--no-end-line"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr == "note: \(old) has no end line: taken as a file from an older qualify; if it was cut short, what came after the cut is missing.\n")
        #expect(imported.stdout.contains("2 statements"), "\(imported.stdout)")

        let csv = try manager.run(["import", "opportunities", old, "--no-end-line"])
        #expect(csv.status == 64)
        #expect(csv.stderr.hasPrefix("Error: --no-end-line is for import all; a CSV file has no end line.\n"), "\(csv.stderr)")
    }
}
