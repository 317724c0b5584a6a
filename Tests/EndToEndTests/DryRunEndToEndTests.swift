import Foundation
import Testing

/// A sales-ops person checks the CRM's files before the first import: a dry run
/// says what the import would do and leaves no database, folder or backup behind.
@Suite struct DryRunEndToEndTests {
    func files(under url: URL) -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aDryRunBeforeTheFirstImportChecksAgainstAnEmptyPipelineAndCreatesNothing() throws {
        let q = try QualifyBinary()
        let accounts = CRMExportFilesTests.fixture("salesforce-dataloader-accounts.csv")
        let checked = try q.run(["import", "accounts", accounts, "--dry-run", "--on-duplicate", "rename"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout == "Dry run of \(accounts): 3 added, 0 changed, 0 unchanged, 1 renamed; nothing was written.\n")
        #expect(checked.stderr.hasPrefix("note: no database at \(q.databasePath) yet: this dry run checked the file against an empty pipeline (qualify's stages, no accounts) and created nothing; the import without --dry-run starts the database there.\n"), "\(checked.stderr)")

        // Zoho's potentials against that empty pipeline: the accounts they need are not there.
        let deals = CRMExportFilesTests.fixture("zoho-potentials.csv")
        let refused = try q.run(["import", "opportunities", deals, "--dry-run", "--currency", "USD"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("unknown account \"Nissan Motors\" (2), \"Globex\" (1): import the accounts file first, or add --create-accounts"), "\(refused.stderr)")

        let explicit = q.home.appendingPathComponent("team/pipeline.sqlite").path
        let elsewhere = try q.run(["import", "accounts", accounts, "--dry-run", "--database", explicit])
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains("--on-duplicate rename"), "\(elsewhere.stderr)")
        #expect(files(under: q.home).filter { !$0.hasSuffix(".csv") } == [], "\(files(under: q.home))")
    }

    @Test func importAllDryRunReportsAndWritesNothing() throws {
        let rep = try QualifyBinary()
        #expect(try rep.run(["account", "add", "Initech"]).status == 0)
        #expect(try rep.run(["opportunity", "add", "Initech - TPS", "--account", "Initech", "--amount", "9999"]).status == 0)
        let file = rep.home.appendingPathComponent("all.jsonl").path
        #expect(try rep.run(["export", "all", "-o", file]).status == 0)

        let manager = try QualifyBinary()
        #expect(try manager.run(["account", "add", "Globex"]).status == 0)
        let before = try manager.run(["export", "all"]).stdout
        let checked = try manager.run(["import", "all", file, "--dry-run"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("Dry run of \(file): added ") && checked.stdout.hasSuffix("; nothing was written.\n"), "\(checked.stdout)")
        #expect(!checked.stdout.contains("added nothing"))
        #expect(try manager.run(["export", "all"]).stdout == before)

        let fresh = try QualifyBinary()
        let nothing = try fresh.run(["import", "all", file, "--dry-run"])
        #expect(nothing.status == 0, "\(nothing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh.databasePath))
        let imported = try manager.run(["import", "all", file])
        #expect(imported.stdout.hasPrefix("Imported \(file): added "), "\(imported.stdout)")
    }
}
