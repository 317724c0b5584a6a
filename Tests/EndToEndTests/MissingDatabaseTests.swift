import Foundation
import Testing

/// A manager who mistypes --database must not be shown an empty pipeline.
@Suite struct MissingDatabaseTests {
    @Test func readingCommandsRefuseADatabaseThatDoesNotExistAndCreateNothing() throws {
        let q = try QualifyBinary()
        let typo = q.home.appendingPathComponent("tpyo/team.sqlite").path
        let reading: [[String]] = [
            ["account", "list"], ["opportunity", "list"], ["opportunity", "show", "Acme"], ["review"],
            ["review", "gaps"], ["stats"], ["home"], ["export", "all", "--format", "jsonl"],
            ["letter", "Acme"], ["plan", "list", "Acme"], ["contact", "list"], ["lead", "list"], ["stage", "list"],
        ]
        for command in reading {
            let result = try q.run(command + ["--database", typo])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
            #expect(result.stderr == "qualify: no qualify database at \(typo); check the path, or start one with qualify demo, qualify account add NAME or qualify import.\n", "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: q.home.appendingPathComponent("tpyo").path))
        // Without --database the same holds for the default place: nothing appears there.
        #expect(try q.run(["home"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: q.databasePath))
        // Starting work still creates it.
        #expect(try q.run(["account", "add", "Acme", "--database", typo]).status == 0)
        #expect(try q.run(["account", "list", "--database", typo]).stdout == "Acme\n")
    }

    /// A file with no bytes (touched, or a download that failed) is no database: a reading command
    /// leaves it as it was, and one that starts work makes it one.
    @Test func readingCommandsLeaveAnEmptyFileAsItWas() throws {
        let q = try QualifyBinary()
        let empty = q.home.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data(), attributes: [.posixPermissions: 0o644]))
        let listed = try q.run(["account", "list", "--database", empty])
        #expect(listed.status == 1 && listed.stderr == "qualify: \(empty) is an empty file, not a qualify database; it was left unchanged. Check the path, or start one there with qualify demo, qualify account add NAME or qualify import.\n",
                "\(listed.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: empty)
        #expect(attributes[.size] as? Int == 0 && (attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        #expect(try q.run(["account", "add", "Acme", "--database", empty]).status == 0)
        #expect(try q.run(["account", "list", "--database", empty]).stdout == "Acme\n")
    }
}
