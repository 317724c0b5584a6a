import Foundation
import GRDB
import LineEditor
import QualifyKit
import QualifySession
import QualifyStore
import Synchronization
import Testing

/// Another qualify holding the write lock (a long import): BEGIN IMMEDIATE on its own connection.
final class WriteLock: Sendable {
    let queue: DatabaseQueue

    init(_ path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true // the lock outlives one access, as in another process
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
    }

    func release() throws { try queue.writeWithoutTransaction { try $0.execute(sql: "COMMIT") } }

    func release(after seconds: Double) {
        Thread { [self] in
            Thread.sleep(forTimeInterval: seconds)
            try? release()
        }.start()
    }
}

/// Lines typed with something happening in the world just before some of them.
final class LinesWithEvents: LineSource {
    private var steps: [(before: () throws -> Void, event: LineEvent)]
    private(set) var prompts: [String] = []
    var completer: @Sendable (String) -> [String] = { _ in [] }

    init(_ steps: [(before: () throws -> Void, event: LineEvent)]) { self.steps = steps }

    func readLine(prompt: String) throws(LineInputError) -> LineEvent {
        prompts.append(prompt)
        guard !steps.isEmpty else { return .endOfInput }
        let step = steps.removeFirst()
        try? step.before()
        return step.event
    }
}

/// The interview never ends with an answer unsaved: it waits for a busy
/// database, keeps what the database refused, and offers /retry.
@Suite(.serialized) struct CallGoesOnTests {
    static let answer = "The forecast reaches the board two weeks late"
    static let impatient = LockWaiting(timeout: 0.2)

    @Test func aLockHeldLongerThanACommandWaitsIsWaitedForAndTheAnswerStored() throws {
        let announced = Mutex(0)
        let scratch = try ScratchOpportunity(waiting: LockWaiting(timeout: 60, announce: { announced.withLock { $0 += 1 } }))
        let screen = CapturedConsole()
        let lock = try WriteLock(scratch.path)
        lock.release(after: 6) // longer than the 5 s every command waits
        try scratch.interview(TypedLines([Self.answer]), output: TerminalInterviewOutput(console: screen.console, messages: .shipped))
        #expect(try scratch.answers[.problem] == [Self.answer])
        #expect(announced.withLock { $0 } == 1)
        #expect(!screen.output.contains("Not saved"))
    }

    @Test func aBusyDatabaseKeepsTheAnswerAndRetryStoresIt() throws {
        let scratch = try ScratchOpportunity(waiting: Self.impatient)
        let screen = CapturedConsole()
        let lock = try WriteLock(scratch.path)
        let lines = LinesWithEvents([({}, .line(Self.answer)), ({ try lock.release() }, .line("/retry"))])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: screen.console, messages: .shipped))
        #expect(try scratch.answers[.problem] == [Self.answer])
        #expect(screen.output.contains("Not saved: \(scratch.path) is busy in another qualify"))
        #expect(screen.output.contains("Your answer is kept here. Type /retry to save now"))
        #expect(screen.output.contains("Saved the answer that was waiting."))
        #expect(lines.prompts == ["problem> ", "pain> ", "pain> "])
    }

    @Test func theNextAnswerStoresTheOneWaitingFirst() throws {
        let scratch = try ScratchOpportunity(waiting: Self.impatient)
        let screen = CapturedConsole()
        let lock = try WriteLock(scratch.path)
        let lines = LinesWithEvents([({}, .line(Self.answer)), ({ try lock.release() }, .line("My boss is furious"))])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: screen.console, messages: .shipped))
        #expect(try scratch.answers[.problem] == [Self.answer])
        #expect(try scratch.answers[.pain] == ["My boss is furious"])
    }

    @Test func anAnswerStillUnsavedAtQuitIsKeptAndOfferedByTheNextInterview() throws {
        let scratch = try ScratchOpportunity(waiting: Self.impatient)
        let recovery = RecoveryFile(folder: scratch.folder.appendingPathComponent("recovery"), opportunity: scratch.opportunity.uuid)
        let screen = CapturedConsole()
        let lock = try WriteLock(scratch.path)
        try scratch.interview(TypedLines([Self.answer]), output: TerminalInterviewOutput(console: screen.console, messages: .shipped), recovery: recovery)
        #expect(recovery.answers == [UnsavedAnswer(field: .problem, position: 1, text: Self.answer)])
        let mode = try (FileManager.default.attributesOfItem(atPath: recovery.url.path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
        #expect(screen.error.contains("1 answer was not saved; they are kept in \(recovery.url.path)"))
        #expect(!screen.output.contains("Saved.\n"))
        try lock.release()

        let next = CapturedConsole()
        let lines = TypedLines(["y"])
        try scratch.interview(lines, output: TerminalInterviewOutput(console: next.console, messages: .shipped), recovery: recovery)
        #expect(next.output.contains("1 answer from an earlier interview could not be saved then:\n  problem: \u{201C}\(Self.answer)\u{201D}"))
        #expect(try scratch.answers[.problem] == [Self.answer])
        #expect(!FileManager.default.fileExists(atPath: recovery.url.path))
        #expect(lines.prompts == ["Store them now? [Y/n] ", "pain> "])
    }

    @Test func aScriptStopsAtTheLineTheDatabaseRefusedAndKeepsIt() throws {
        let scratch = try ScratchOpportunity(waiting: Self.impatient)
        let recovery = RecoveryFile(folder: scratch.folder.appendingPathComponent("recovery"), opportunity: scratch.opportunity.uuid)
        let screen = CapturedConsole()
        let lock = try WriteLock(scratch.path)
        defer { try? lock.release() }
        #expect {
            try scratch.interview(TypedLines([Self.answer, "pain"]), output: ScriptInterviewOutput(console: screen.console, messages: .shipped), recovery: recovery)
        } throws: {
            "\($0)" == "line 1: \(scratch.path) is busy in another qualify; try again in a moment. That answer was not saved; everything before line 1 is."
        }
        #expect(recovery.answers.map(\.text) == [Self.answer])
    }

    /// A tiny file system, filled: SQLite reports a full disk, the answer waits, /retry stores it once there is room.
    @Test(.enabled(if: getuid() == 0, "a full disk is simulated with a tmpfs mount, which needs root"))
    func aFullDiskKeepsTheAnswerUntilThereIsRoom() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try run("/bin/mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder)
        defer { try? run("/bin/umount", folder); try? FileManager.default.removeItem(atPath: folder) }
        let database = try QualifyDatabase.open(path: folder + "/q.sqlite")
        try database.addAccount(named: "Acme Corp")
        let opportunity = try database.addOpportunity(named: "Acme - Forecasting", account: "Acme Corp")
        let filler = folder + "/filler"
        let handle = try #require(FileHandle(forWritingAtPath: { _ = FileManager.default.createFile(atPath: filler, contents: nil); return filler }()))
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()

        let screen = CapturedConsole()
        let long = String(repeating: "The forecast is late. ", count: 400)
        let lines = LinesWithEvents([({}, .line(long)), ({ try FileManager.default.removeItem(atPath: filler) }, .line("/retry"))])
        try InterviewSession(database: database, opportunity: opportunity, prompts: .init(), output: TerminalInterviewOutput(console: screen.console, messages: .shipped), rep: "Maja")
            .run(source: lines)
        #expect(screen.output.contains("Not saved: "), "\(screen.output)")
        #expect(screen.output.contains("Saved the answer that was waiting."))
        #expect(try database.capturedAnswers(opportunityId: opportunity.id!)[.problem] == [long])
    }

    func run(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
    }
}
