import Foundation
import Testing

/// The small things found while trying the assistant during a call.
@Suite struct AssistantFixesTests {
    @Test func versionIsPrinted() throws {
        let result = try QualifyBinary().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func aNameEndingInAFullStopGetsNoSecondOne() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Beta d.o.o."]).status == 0)
        let added = try q.run(["opportunity", "add", "Beta d.o.o. - CRM", "--account", "Beta d.o.o."])
        #expect(added.stdout.hasPrefix("Added opportunity \"Beta d.o.o. - CRM\" for Beta d.o.o.\n"), "\(added.stdout)")
        // The card names the deal on its first line, in `show` as in /opportunity.
        #expect(try q.run(["opportunity", "show", "Beta d.o.o. - CRM"]).stdout.hasPrefix("Beta d.o.o. - CRM\nAccount        Beta d.o.o.\n"))
    }

    @Test func theAssistantAcceptsALineStartingWithQualifyAndHelpListsEveryCommand() throws {
        let q = try QualifyBinary()
        let lines = ["qualify account add \"Acme Corp\"",
                     "qualify opportunity add \"Acme Corp - CRM\" --account \"Acme Corp\"",
                     "/help"]
        let result = try q.run([], lines: lines)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Added account \"Acme Corp\"."))
        #expect(result.stdout.contains("Added opportunity \"Acme Corp - CRM\" for Acme Corp.\n"))
        for command in ["account", "opportunity", "interview", "letter", "demo", "stage", "contact", "lead", "import",
                        "export", "review", "home", "stats", "coach"] {
            #expect(result.stdout.contains("\n  \(command) "), "/help lists \(command)")
        }
        // The hint qualify prints itself, pasted back in, opens the interview.
        let pasted = try q.run([], lines: ["qualify interview \"Acme Corp - CRM\"", "We lose share"])
        #expect(pasted.status == 0, "\(pasted.stderr)")
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share"])
    }
}
