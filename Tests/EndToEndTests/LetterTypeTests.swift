import Foundation
import Testing

/// A sales team adds its own letter: a line in letters/letters.yaml plus its
/// templates in the prompts folder; its language brings its own marks.
@Suite struct LetterTypeTests {
    static var builtInLetters: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Prompts/letters")
    }

    @Test func aNewLetterTypeIsALinePlusItsTemplateWithItsLanguagesMarks() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["Izgubljamo trg", "Ne spim, ker šef reče “ne”", "", "", ""]).status != 64)
        let letters = q.home.appendingPathComponent("team-prompts/letters")
        try FileManager.default.createDirectory(at: letters, withIntermediateDirectories: true)
        let catalog = try String(contentsOf: Self.builtInLetters.appendingPathComponent("letters.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "letters:\n", with: "letters:\n  zahvala: { to: sponsor, language: sl, subject: \"{{opportunity}}: zahvala\" }\n")
        try catalog.write(to: letters.appendingPathComponent("letters.yaml"), atomically: true, encoding: .utf8)
        try "{{%CONTENT_TYPE:TEXT}}\nSubject: {{subject}}\n\nSpoštovani,\n{{#pain}}\n  {{open}}{{text}}{{close}}\n{{/pain}}\n"
            .write(to: letters.appendingPathComponent("zahvala.txt.mustache"), atomically: true, encoding: .utf8)
        let prompts = q.home.appendingPathComponent("team-prompts").path

        let letter = try q.run(["letter", "Acme - Forecasting", "--to", "zahvala", "--prompts", prompts])
        #expect(letter.status == 0, "\(letter.stderr)")
        // Slovenian „…“ clashes with the “ inside, so the second Slovenian pair is used.
        #expect(letter.stdout == "Subject: Acme - Forecasting: zahvala\n\nSpoštovani,\n  ‚Ne spim, ker šef reče “ne”‘\n")
        let check = try q.run(["letter", "check", "Acme - Forecasting", "--to", "zahvala", "--prompts", prompts])
        #expect(check.status == 0 && check.stdout.contains("All 1 quotes"))
        // A format the team did not write is named as missing.
        let html = try q.run(["letter", "Acme - Forecasting", "--to", "zahvala", "--format", "html", "--prompts", prompts])
        #expect(html.status == 1 && html.stderr.contains("no prompt file letters/zahvala.html.mustache"))
        // The built-in types are still there.
        #expect(try q.run(["letter", "Acme - Forecasting", "--to", "sponsor", "--prompts", prompts]).status == 0)
    }

    @Test func anEditedLetterGoesOutAsWrittenInEveryFormat() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let config = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "sender: {name: Ana Kovač, email: ana@x.si}\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        #expect(try q.run(["contact", "add", "Dana", "--account", "Acme Corp", "--email", "dana@acme.com"]).status == 0)
        #expect(try q.run(["opportunity", "set", "Acme - Forecasting", "sponsor", "Dana"]).status == 0)
        #expect(try q.run(["interview", "Acme - Forecasting"], lines: ["p", "I can't <sleep> & more", "", "", ""]).status != 64)
        let script = q.home.appendingPathComponent("ed.sh")
        try "#!/bin/sh\nsed -i 's/^Thank you/Thanks <3 \\& see you/; s/^Subject: .*/Subject: Our talk, Dana/' \"$1\"\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        #expect(try q.run(["letter", "edit", "Acme - Forecasting"], extraEnvironment: ["EDITOR": script.path]).status == 0)

        let html = try q.run(["letter", "Acme - Forecasting", "--format", "html"]).stdout
        #expect(html.contains("Thanks &lt;3 &amp; see you") && html.contains("“I can&#39;t &lt;sleep&gt; &amp; more”"))
        #expect(html.contains("<title>Our talk, Dana</title>"))
        let file = q.home.appendingPathComponent("edited.eml")
        #expect(try q.run(["letter", "Acme - Forecasting", "--format", "eml", "-o", file.path]).status == 0)
        let mail = try Python.read(file, as: "eml")
        #expect(mail["subject"] as? String == "Our talk, Dana")
        #expect((mail["text"] as? String)?.hasPrefix("Dear Dana,\n\nThanks <3 & see you") == true)
    }
}
