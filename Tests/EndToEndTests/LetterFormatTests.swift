import Foundation
import Testing

/// Both letters in every format, from words that break naive writers: quotes
/// of every kind, `&`, `<script>`, emoji, Slovenian letters, a multi-line
/// quote. E-mail and calendar files are read back with Python's `email` and
/// `icalendar` packages, real parsers written by others.
@Suite struct LetterFormatTests {
    static let name = "Šola & <Co> - \"Forecast\""
    static let pain = "\"Prekoračili smo proračun za 8 %\" & nihče ni opazil"
    static let script = "<script>alert(\"x\")</script> & <b>bold</b>"
    static let multiLine = ["Prva vrstica: “citat”", "  druga, zamaknjena & <i>"]
    static let emoji = "Šef je jezen 😬 — čšž ČŠŽ"
    static let allMarks = "It's “odd”, ‘odd’ and «odd»"

    /// Sponsor Mojca (with e-mail), power sponsor Lee, a sender with a Slovenian name, a plan.
    func prepared() throws -> QualifyBinary {
        let q = try QualifyBinary()
        let config = q.home.appendingPathComponent("config/qualify")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            sender:
              name: Ana Kovač
              email: ana@prodaja.si
              title: Vodja prodaje
              company: Prodaja & Co d.o.o.
            """.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let account = "Šola & <Co>"
        for arguments in [
            ["account", "add", account],
            ["contact", "add", "Mojca Žagar", "--account", account, "--email", "mojca@sola.si"],
            ["contact", "add", "Lee \"Boss\" O'Brien ☕", "--account", account, "--email", "lee@sola.si"],
            ["opportunity", "add", Self.name, "--account", account, "--sponsor", "Mojca Žagar", "--power-sponsor", "Lee \"Boss\" O'Brien ☕"],
            ["plan", "add", Self.name, "Pilot; 5 reps, <ops> & “friends”", "--who", "us", "--due", "2027-02-01"],
            ["plan", "add", Self.name, "Reference call", "--who", "Mojca Žagar", "--due", "2027-02-15"],
            ["plan", "add", Self.name, "Go/no-go 😬", "--who", "buyer", "--due", "2027-03-01", "--decision"],
        ] {
            let result = try q.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let interview = try q.run(["interview", Self.name], lines: [
            "We lose share", Self.pain, Self.script, "\"\"\""] + Self.multiLine + ["\"\"\"", Self.allMarks, "", Self.emoji, "", "cap", ""])
        #expect(interview.status == 0, "\(interview.stderr)")
        return q
    }

    @Test func textKeepsEveryByteWithMarksThatNeverClash() throws {
        let q = try prepared()
        for letter in ["sponsor", "power-sponsor"] {
            let text = try q.run(["letter", Self.name, "--to", letter]).stdout
            #expect(text.contains("delivering:\n  “\(Self.pain)”\n"))
            #expect(text.contains("  1. “\(Self.script)”\n"))
            #expect(text.contains("  2.\n    > \(Self.multiLine[0])\n    > \(Self.multiLine[1])\n"))
            #expect(text.contains("  3.\n    > \(Self.allMarks)\n"))
            #expect(text.contains("  1. “\(Self.emoji)”\n"))
            #expect(text.contains("Dear " + (letter == "sponsor" ? "Mojca Žagar," : "Lee \"Boss\" O'Brien ☕,")))
        }
        let power = try q.run(["letter", Self.name]).stdout
        #expect(power.contains("""
              1. Pilot; 5 reps, <ops> & “friends” (Prodaja & Co d.o.o., by 2027-02-01)
              2. Reference call (Mojca Žagar, by 2027-02-15)
              3. Go/no-go decision: Go/no-go 😬 (Šola & <Co>, by 2027-03-01)
            """))
        #expect(power.hasSuffix("Best regards,\nAna Kovač\nVodja prodaje\nProdaja & Co d.o.o.\n"))
    }

    /// Hostile words, clashing marks, a block quote and a plan step with its
    /// own marks: every quote of both letters traces to its statement.
    @Test func bothLettersPassTheCheckAndAnAlteredBlockFails() throws {
        let q = try prepared()
        for letter in ["sponsor", "power-sponsor"] {
            #expect(try q.run(["letter", Self.name, "--to", letter]).status == 0)
            let check = try q.run(["letter", "check", Self.name, "--to", letter])
            #expect(check.status == 0, "\(letter): \(check.stderr)")
            #expect(check.stdout.contains("All 6 quotes are the buyer's stored words, byte for byte."))
        }
        let text = try q.run(["letter", Self.name]).stdout
        let file = q.home.appendingPathComponent("altered.txt")
        try text.replacingOccurrences(of: "zamaknjena", with: "zamaknjeno").write(to: file, atomically: true, encoding: .utf8)
        let altered = try q.run(["letter", "check", Self.name, "--file", file.path])
        #expect(altered.status == 1)
        #expect(altered.stderr.contains("line 14: «Prva vrstica: “citat”⏎  druga, zamaknjeno & <i>» is not what the buyer said"))
        #expect(altered.stderr.contains("closest stored statement: Reason 2"))
    }

    @Test func htmlEscapesEveryWordAndCanShowEachQuotesSource() throws {
        let q = try prepared()
        for letter in ["sponsor", "power-sponsor"] {
            let html = try q.run(["letter", Self.name, "--to", letter, "--format", "html", "--sources"]).stdout
            #expect(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"))
            #expect(html.contains("“<bdi>&quot;Prekoračili smo proračun za 8 %&quot; &amp; nihče ni opazil</bdi>”"))
            #expect(html.contains("<blockquote dir=\"auto\">Prva vrstica: “citat”\n  druga, zamaknjena &amp; &lt;i&gt;</blockquote>"))
            #expect(html.contains("“<bdi>\(Self.emoji)</bdi>”"))
            #expect(html.contains("<span class=\"source\">(Pain, captured by Rep O&#39;Neil on "))
            #expect(html.contains("<title>Šola &amp; &lt;Co&gt; - &quot;Forecast&quot;: "))
        }
        let power = try q.run(["letter", Self.name, "--format", "html"]).stdout
        #expect(power.contains("<li><strong>Go/no-go decision:</strong> Go/no-go 😬 (Šola &amp; &lt;Co&gt;, by <time datetime=\"2027-03-01\">2027-03-01</time>)</li>"))
        #expect(!power.contains("class=\"source\""))
    }

    @Test func markdownEscapesWhatWouldBecomeMarkup() throws {
        let q = try prepared()
        for letter in ["sponsor", "power-sponsor"] {
            let markdown = try q.run(["letter", Self.name, "--to", letter, "--format", "markdown"]).stdout
            #expect(markdown.contains("1. “\\<script\\>alert(\"x\")\\</script\\> \\& \\<b\\>bold\\</b\\>”\n"))
            #expect(markdown.contains("   > Prva vrstica: “citat”\\\n   >   druga, zamaknjena \\& \\<i\\>\n"))
            #expect(markdown.contains("“\"Prekoračili smo proračun za 8 %\" \\& nihče ni opazil”"))
            #expect(markdown.contains("“\(Self.emoji)”"))
        }
    }

    @Test func emlIsACompleteMessageThatParsesBackToTheSameWords() throws {
        let q = try prepared()
        let file = q.home.appendingPathComponent("power.eml")
        let written = try q.run(["letter", Self.name, "--format", "eml", "-o", file.path])
        #expect(written.status == 0, "\(written.stderr)")
        let mail = try Python.read(file, as: "eml")
        #expect(mail["from_name"] as? String == "Ana Kovač" && mail["from"] as? String == "ana@prodaja.si")
        #expect(mail["to_name"] as? String == "Lee \"Boss\" O'Brien ☕" && mail["to"] as? String == "lee@sola.si")
        #expect(mail["subject"] as? String == "\(Self.name): what we agreed, and the evaluation plan")
        #expect((mail["message_id"] as? String)?.hasSuffix("@prodaja.si>") == true)
        #expect(mail["date_ok"] as? Bool == true)
        #expect(mail["types"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"])
        // The text part is the text letter without its Subject line, byte for byte.
        let text = try q.run(["letter", Self.name]).stdout
        let withoutSubject = text.components(separatedBy: "\n").dropFirst(2).joined(separator: "\n")
        #expect(mail["text"] as? String == withoutSubject)
        let html = try #require(mail["html"] as? String)
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script>"))
        let events = try #require(mail["calendar"] as? [[String: String]])
        #expect(events.map { $0["kind"] } == ["VTODO", "VTODO", "VEVENT"])
        #expect(events[0]["summary"] == "Pilot; 5 reps, <ops> & “friends”" && events[0]["due"] == "2027-02-01")
        #expect(events[0]["description"]?.hasPrefix("Owner: us (Prodaja & Co d.o.o.)") == true)
        #expect(events[1]["description"]?.hasPrefix("Owner: Mojca Žagar") == true)
        #expect(events[2]["summary"] == "Go/no-go decision: Go/no-go 😬" && events[2]["start"] == "2027-03-01")

        // The sponsor letter is an e-mail too, without a calendar.
        let sponsorFile = q.home.appendingPathComponent("sponsor.eml")
        #expect(try q.run(["letter", Self.name, "--to", "sponsor", "--format", "eml", "-o", sponsorFile.path]).status == 0)
        let sponsor = try Python.read(sponsorFile, as: "eml")
        #expect(sponsor["to_name"] as? String == "Mojca Žagar")
        #expect(sponsor["types"] as? [String] == ["multipart/alternative", "text/plain", "text/html"])
        #expect((sponsor["text"] as? String)?.contains("  1. “\(Self.script)”\n") == true)
    }

    /// A letter kept as an e-mail is checked by its text part, the deal found from its encoded Subject.
    @Test func anEmlIsCheckedByItsTextPart() throws {
        let q = try prepared()
        let file = q.home.appendingPathComponent("sent.eml")
        #expect(try q.run(["letter", Self.name, "--format", "eml", "-o", file.path]).status == 0)
        let check = try q.run(["letter", "check", "--file", file.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("All 6 quotes are the buyer's stored words, byte for byte."))
        // The same message written as a mail program might: quoted-printable, a word changed.
        let text = try #require(Python.read(file, as: "eml")["text"] as? String)
        let altered = text.replacingOccurrences(of: "Šef je jezen", with: "Šef je vesel")
        let qp = altered.utf8.map { byte -> String in
            byte < 0x80 && byte != UInt8(ascii: "=") && byte != 10 ? String(UnicodeScalar(byte)) : byte == 10 ? "\n" : String(format: "=%02X", byte)
        }.joined()
        let message = "From: a@b.si\nTo: c@d.si\nSubject: =?UTF-8?Q?\((Self.name + ": what we agreed").utf8.map { String(format: "=%02X", $0) }.joined())?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n\(qp)"
        let edited = q.home.appendingPathComponent("edited.eml")
        try message.write(to: edited, atomically: true, encoding: .utf8)
        let failed = try q.run(["letter", "check", "--file", edited.path])
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("«Šef je vesel 😬 — čšž ČŠŽ» is not what the buyer said"))
    }

    @Test func planExportIsACalendarWithAStepPerTaskAndTheGoNoGoAsAnEvent() throws {
        let q = try prepared()
        #expect(try q.run(["plan", "done", Self.name, "2"]).status == 0)
        let file = q.home.appendingPathComponent("plan.ics")
        #expect(try q.run(["plan", "export", Self.name, "--format", "ics", "-o", file.path]).status == 0)
        let events = try #require(Python.read(file, as: "ics")["calendar"] as? [[String: String]])
        #expect(events.count == 3)
        #expect(events.map { $0["due"] ?? $0["start"] } == ["2027-02-01", "2027-02-15", "2027-03-01"])
        #expect(events[1]["status"] == "COMPLETED" && events[0]["status"] == "NEEDS-ACTION")
        let raw = try String(contentsOf: file, encoding: .utf8)
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let again = try q.run(["plan", "export", Self.name, "-o", file.path])
        #expect(again.status == 1 && again.stderr.contains("--force"))
    }

    @Test func emlWithoutAnAddresseeAddressIsRefusedSayingWhatToDo() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let noAddressee = try q.run(["letter", "Acme - Forecasting", "--format", "eml"])
        #expect(noAddressee.status == 1 && noAddressee.stdout.isEmpty)
        #expect(noAddressee.stderr.contains("has no addressee yet, so it cannot be an e-mail: set one with qualify opportunity set \"Acme - Forecasting\" sponsor NAME"))
        #expect(try q.run(["contact", "add", "Dana", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["opportunity", "set", "Acme - Forecasting", "sponsor", "Dana"]).status == 0)
        let noAddress = try q.run(["letter", "Acme - Forecasting", "--format", "eml"])
        #expect(noAddress.status == 1)
        #expect(noAddress.stderr.contains("Dana has no e-mail address, so the letter cannot be an e-mail: add one with qualify contact set \"Dana\" --account \"Acme Corp\" --email ADDRESS"))
        #expect(try q.run(["contact", "set", "Dana", "--account", "Acme Corp", "--email", "dana@acme.com"]).status == 0)
        let noSender = try q.run(["letter", "Acme - Forecasting", "--format", "eml"])
        #expect(noSender.status == 1 && noSender.stderr.contains("an e-mail needs your address as its sender: add sender:"))
    }
}

/// Reads a file with Python's own parsers and answers in JSON.
enum Python {
    static let program = #"""
        import sys, json, email, email.policy
        import icalendar
        kind, path = sys.argv[1], sys.argv[2]
        def calendar(text):
            out = []
            for c in icalendar.Calendar.from_ical(text).walk():
                if c.name in ("VTODO", "VEVENT"):
                    item = {"kind": c.name, "summary": str(c.get("SUMMARY")), "description": str(c.get("DESCRIPTION"))}
                    if c.get("DUE"): item["due"] = c.get("DUE").dt.isoformat()
                    if c.get("DTSTART"): item["start"] = c.get("DTSTART").dt.isoformat()
                    if c.get("STATUS"): item["status"] = str(c.get("STATUS"))
                    out.append(item)
            return out
        if kind == "ics":
            print(json.dumps({"calendar": calendar(open(path, "rb").read())}))
        else:
            m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
            result = {
                "from": m["From"].addresses[0].addr_spec, "from_name": m["From"].addresses[0].display_name,
                "to": m["To"].addresses[0].addr_spec, "to_name": m["To"].addresses[0].display_name,
                "subject": str(m["Subject"]), "message_id": str(m["Message-ID"]),
                "date_ok": m["Date"].datetime is not None,
                "types": [p.get_content_type() for p in m.walk()],
                "text": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content(),
            }
            for part in m.iter_attachments():
                content = part.get_content()
                result["calendar"] = calendar(content if isinstance(content, str) else content.decode())
            print(json.dumps(result))
        """#

    static func read(_ file: URL, as kind: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program, kind, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("python3 could not read \(file.lastPathComponent) (make deps installs icalendar): \(problem)")
            return [:]
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
