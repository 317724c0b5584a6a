import Foundation
import GRDB
import Testing

/// One answer changed on two laptops from the same version: history is a line (one successor
/// per version), so the version that arrives second takes its place in it by when it was
/// captured. Both are kept, every laptop ends with the same current words, and sync goes on.
extension TeamSyncEndToEndTests {
    @Test func anAnswerChangedOnTwoLaptopsKeepsBothAndEverySyncGoesOn() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()
        try ana.captureDeal("Initech - CRM", account: "Initech", words: "first")
        _ = try ana.sync()
        _ = try marko.sync()

        // Both change the Problem from the same version, offline; Marko's words are the later.
        let hers = try ana.run(["interview", "Initech - CRM"], lines: ["/edit problem", "Reps lose a day a week to reports"])
        #expect(hers.status == 0, "\(hers.stderr)")
        Thread.sleep(forTimeInterval: 0.05)
        let his = try marko.run(["interview", "Initech - CRM"], lines: ["/edit problem", "Reporting eats a day per week"])
        #expect(his.status == 0, "\(his.stderr)")
        _ = try marko.sync()
        // Ana pushes hers and pulls his: both replace the first version. It once failed here, for good.
        let anaSync = try ana.sync()
        #expect(anaSync.stdout.contains("changed twice: Problem of \"Initech - CRM\" was changed on two laptops from the same words; both are kept, the later current: «Reporting eats a day per week»"),
                "\(anaSync.stdout)")
        _ = try marko.sync()
        _ = try maja.sync()

        for laptop in [ana, marko, maja] {
            let line = try DatabaseQueue(path: laptop.binary.databasePath).read { db in
                try String.fetchAll(db, sql: """
                    WITH RECURSIVE line(id, text) AS (
                        SELECT id, text FROM statement WHERE field = 'problem' AND replacesId IS NULL
                        UNION ALL SELECT s.id, s.text FROM statement s JOIN line ON s.replacesId = line.id)
                    SELECT text FROM line
                    """)
            }
            #expect(line == ["first: problem", "Reps lose a day a week to reports", "Reporting eats a day per week"], "\(laptop.name): \(line)")
            let review = try laptop.run(["review", "--field", "problem", "--format", "jsonl"]).stdout
            #expect(review.contains("Reporting eats a day per week") && !review.contains("Reps lose a day"), "\(laptop.name): \(review)")
        }
        for laptop in [ana, marko, maja] {
            #expect(!(try laptop.sync()).stdout.contains("changed twice"))
        }
    }

    /// Each rep's letter is their own: a teammate's edit that sync brings is not "the version you
    /// edited", and every laptop numbers the versions alike.
    @Test func aTeammatesEditedLetterIsTheirsAndVersionsAreNumberedAlikeOnEveryLaptop() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        let marko = try team.member("marko", name: "Marko Novak")
        try ana.captureDeal("Initech - CRM", account: "Initech", words: "first")
        _ = try ana.sync()
        _ = try marko.sync()
        for (laptop, closing) in [(ana, "Warm regards from Ana"), (marko, "Cheers from Marko")] {
            let editor = laptop.binary.home.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nsed -i 's/Best regards,/\(closing),/' \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: editor.path)
            let edited = try laptop.binary.run(["letter", "edit", "Initech - CRM"], extraEnvironment: ["QUALIFY_REP": laptop.name, "EDITOR": editor.path])
            #expect(edited.status == 0, "\(edited.stderr)")
            Thread.sleep(forTimeInterval: 0.05)
        }
        _ = try ana.sync()
        _ = try marko.sync()
        _ = try ana.sync()
        for (laptop, own, other) in [(ana, "Warm regards from Ana", "Cheers from Marko"), (marko, "Cheers from Marko", "Warm regards from Ana")] {
            let shown = try laptop.run(["letter", "Initech - CRM"])
            #expect(shown.stdout.contains(own) && !shown.stdout.contains(other), "\(laptop.name): \(shown.stdout)")
        }
        let lists = try [ana, marko].map { try $0.run(["letter", "list", "Initech - CRM"]).stdout }
        #expect(lists[0] == lists[1], "\(lists[0])\n---\n\(lists[1])")
    }
}
