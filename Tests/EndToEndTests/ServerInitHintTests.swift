import Foundation
import Testing

/// `server init` ends by printing the next command for the administrator to paste:
/// it must work as printed. The URL of a Unix socket or a port holds `&`, which a shell
/// took as "run in the background", and a rep added without --password-stdin has no password.
@Suite(.serialized, .enabled(if: PostgresCluster.shouldRun), .postgresCluster)
struct ServerInitHintTests {
    @Test func theNextCommandServerInitPrintsReadsAsOneURLInAShell() throws {
        let cluster = try #require(PostgresCluster.current)
        let database = try cluster.makeDatabase()
        let url = cluster.url("postgres", database)
        #expect(url.contains("&"))
        let initialised = try QualifyBinary().run(["server", "init", url])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let hint = try #require(initialised.stdout.components(separatedBy: "Next: ").last?.trimmingCharacters(in: .newlines))
        #expect(hint == "qualify server add-rep LOGIN --name \"Full Name\" --password-stdin '\(url)' < LOGIN.pass")

        // The words a shell makes of it, the redirection aside.
        let shell = Process()
        let output = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "set -- \(hint.replacingOccurrences(of: " < LOGIN.pass", with: "")); printf '%s\\n' \"$@\""]
        shell.standardOutput = output
        try shell.run()
        shell.waitUntilExit()
        let words = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(words == ["qualify", "server", "add-rep", "LOGIN", "--name", "Full Name", "--password-stdin", url].joined(separator: "\n") + "\n")
    }
}
