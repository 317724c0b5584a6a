import Foundation
import LineEditor
import QualifyKit
import QualifyPrompts
import QualifySession
import QualifyStore
import Synchronization

/// Lines typed into an interview, one `readLine` each, then end of input.
/// Records the prompts it was shown and the completer it was given.
final class TypedLines: LineSource {
    private var events: [LineEvent]
    private(set) var prompts: [String] = []
    var completer: @Sendable (String) -> [String] = { _ in ["home"] }
    private(set) var completionsDuringInterview: [String]?

    init(_ lines: [String]) { events = lines.map(LineEvent.line) }
    init(events: [LineEvent]) { self.events = events }

    func readLine(prompt: String) throws(LineInputError) -> LineEvent {
        prompts.append(prompt)
        completionsDuringInterview = completionsDuringInterview ?? completer("/ed")
        return events.isEmpty ? .endOfInput : events.removeFirst()
    }
}

/// What a console printed, stdout and stderr apart.
final class CapturedConsole: Sendable {
    private let streams = Mutex<(output: String, error: String)>(("", ""))
    /// A terminal this wide, or lines kept whole as in a pipe.
    let columns: Int?

    init(columns: Int? = nil) { self.columns = columns }

    var console: Console {
        let columns = columns
        return Console(colors: false, streams: ConsoleStreams(
            output: { text in self.streams.withLock { $0.output += text } },
            error: { text in self.streams.withLock { $0.error += text } }),
            columns: { columns })
    }
    var output: String { streams.withLock { $0.output } }
    var error: String { streams.withLock { $0.error } }
}

/// A fresh database in a temporary folder with one opportunity, removed afterwards.
final class ScratchOpportunity {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-session-\(UUID().uuidString)")
    let database: QualifyDatabase
    let opportunity: Opportunity

    var path: String { folder.appendingPathComponent("q.sqlite").path }

    init(name: String = "Acme - Forecasting", waiting: LockWaiting = .command) throws {
        database = try QualifyDatabase.open(path: folder.appendingPathComponent("q.sqlite").path, waiting: waiting)
        try database.addAccount(named: "Acme Corp")
        opportunity = try database.addOpportunity(named: name, account: "Acme Corp")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var answers: CapturedAnswers {
        get throws { try database.capturedAnswers(opportunityId: opportunity.id!) }
    }

    /// Runs an interview over `source` with the built-in prompts.
    func interview(_ source: LineSource, output: any InterviewOutput, rep: String = "Maja Novak",
                   completer: @escaping @Sendable (String) -> [String] = { _ in [] }, recovery: RecoveryFile? = nil,
                   prompts: PromptLibrary = PromptLibrary()) throws {
        try InterviewSession(database: database, opportunity: opportunity, prompts: prompts,
                             output: output, rep: rep, completer: completer, recovery: recovery)
            .run(source: source)
    }
}

extension InterviewScript.Messages {
    /// The sentences of the shipped interview.yaml.
    static let shipped = try! PromptLibrary().interviewScript().messages
}
