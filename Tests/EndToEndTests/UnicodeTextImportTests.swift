import Foundation
import Testing

/// Excel's "Unicode Text" and "CSV UTF-16" (a Salesforce or Zoho report opened and saved
/// again in Excel): UTF-16 with its byte order mark, tabs, CRLF. Read as written; a file
/// qualify cannot read as text says in one line how to save it so it can.
@Suite struct UnicodeTextImportTests {
    let deals = CRMExportFilesTests.fixture("excel-unicode-text-opportunities.txt")

    @Test func excelsUnicodeTextImportsWordForWord() throws {
        let q = try QualifyBinary()
        // The accounts as big-endian UTF-16, which some Mac tools write.
        let accounts = q.home.appendingPathComponent("Accounts.txt")
        let text = "Account Name\r\nNissan Motors\r\nMünchener Rück AG\r\n"
        try Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }).write(to: accounts)
        let imported = try q.run(["import", "accounts", accounts.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("note: \(accounts.path): read as UTF-16 (big-endian)\n"), "\(imported.stderr)")

        let opportunities = try q.run(["import", "opportunities", deals, "--currency", "USD", "--date-format", "MDY"])
        #expect(opportunities.stdout == "Imported \(deals): 2 added, 0 changed, 0 unchanged.\n", "\(opportunities.stderr)")
        #expect(opportunities.stderr.contains("note: \(deals): read as UTF-16, tab-separated\n"))
        let exported = try q.run(["export", "opportunities"]).stdout
        #expect(exported.contains("\r\nNissan - Fleet 🚚,Nissan Motors,22700,USD,2027-04-16,Prospecting,"), "\(exported)")
        #expect(exported.contains(",\"Said \"\"go\"\" on the call\n— CFO\","), "\(exported)")
        #expect(exported.contains("\r\nMünchener Rück – Audit,Münchener Rück AG,1200.50,USD,2027-12-01,Qualification,"))
        #expect(exported.contains(",שלום עולם,"))
    }

    @Test func aFileThatIsNotUTF8OrMarkedUTF16SaysHowToSaveIt() throws {
        let q = try QualifyBinary()
        let unmarked = q.home.appendingPathComponent("NoMark.txt")
        try Data(contentsOf: URL(fileURLWithPath: deals)).dropFirst(2).write(to: unmarked)
        let refused = try q.run(["import", "opportunities", unmarked.path])
        #expect(refused.status == 1)
        #expect(refused.stderr == "qualify: \(unmarked.path) cannot be read as text (it is UTF-16 without the byte order mark that says so); "
                + "save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: Text CSV, character set Unicode (UTF-8)) and import that file.\n")
        // A Windows-1252 header, the other file Excel's plain "CSV" writes.
        let latin = q.home.appendingPathComponent("Latin.csv")
        try Data("Account Name,Ort\r\nZo".utf8 + [0xEB] + Data(",M\r\n".utf8)).write(to: latin)
        let damaged = try q.run(["import", "accounts", latin.path])
        #expect(damaged.status == 1)
        // After the note on the columns it leaves out, one line: no summary, no per-row list, no "--skip-invalid".
        #expect(damaged.stderr == "note: ignored columns: \"Ort\" (map one with --map 'Column=field')\nqualify: \(latin.path):2: nothing was imported: the file stops being readable text here (byte 0xEB is not UTF-8); "
                + "save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: Text CSV, character set Unicode (UTF-8)) and import that file.\n",
                "\(damaged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: q.databasePath))
    }

    /// --skip-invalid skips bad rows; the rows after a byte that is not text were never read,
    /// so it cannot skip that: the file is refused whole, and the rows before it are not stored either.
    @Test func skipInvalidDoesNotDropTheRowsAfterAByteThatIsNotText() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let latin = q.home.appendingPathComponent("Zoho-Accounts.csv")
        try Data("Account Name,Record Id\r\nAlpha Ltd,zcrm_a1\r\nSoci".utf8 + [0xE9] + Data("t\u{E9} G,zcrm_a2\r\nBeta GmbH,zcrm_a3\r\n".utf8))
            .write(to: latin)
        for flags in [["--skip-invalid"], ["--skip-invalid", "--dry-run"], []] {
            let refused = try q.run(["import", "accounts", latin.path] + flags)
            #expect(refused.status == 1, "\(flags)")
            #expect(refused.stdout.isEmpty && refused.stderr.hasPrefix("qualify: \(latin.path):3: nothing was imported: the file stops being readable text here (byte 0xE9 is not UTF-8); ")
                    && refused.stderr.split(separator: "\n").count == 1, "\(flags): \(refused.stderr)")
        }
        #expect(try q.run(["account", "list"]).stdout == "Initech\n")
    }
}
