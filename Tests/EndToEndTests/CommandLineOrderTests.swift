import Foundation
import Testing

/// How a new user writes a command line: global options first, or a command qualify does not have.
@Suite struct CommandLineOrderTests {
    @Test func globalOptionsBeforeTheCommandWordApplyToThatCommand() throws {
        let q = try QualifyBinary()
        let team = q.home.appendingPathComponent("team.sqlite").path
        let added = try q.run(["--database", team, "account", "add", "Acme Corp"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "Added account \"Acme Corp\".\n")
        let listed = try q.run(["--no-color", "--database=\(team)", "account", "list"])
        #expect(listed.status == 0 && listed.stdout.contains("Acme Corp"), "\(listed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: q.databasePath), "the default database was not touched")
    }

    @Test func anUnknownCommandIsNamedNotTheAssistantsUsage() throws {
        let q = try QualifyBinary()
        let result = try q.run(["acount", "add", "Acme Corp"])
        #expect(result.status == 64)
        #expect(result.stderr == "qualify: unknown command \"acount\"; qualify help lists the commands, and qualify alone opens the assistant. Did you mean \"account\"?\n")
        let far = try q.run(["xyzzy"])
        #expect(far.stderr == "qualify: unknown command \"xyzzy\"; qualify help lists the commands, and qualify alone opens the assistant.\n")
        let help = try q.run(["help", "account"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: qualify account"), "\(help.stdout)")
    }
}
