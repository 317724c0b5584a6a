import Foundation
import Testing

/// Runs the built `qualify` binary the way a user does, each test with its
/// own database and XDG folders so nothing leaks between tests or from the
/// developer's machine.
struct QualifyBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutData: Data
    }

    /// `swift test` runs from the products folder; the binary is beside the test bundle.
    static let path: String = {
        if let override = ProcessInfo.processInfo.environment["QUALIFY_BINARY"] { return override }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("qualify")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        return "qualify"
    }()

    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    var databasePath: String { home.appendingPathComponent("data/qualify/qualify.sqlite").path }

    /// A clean environment: no colour surprises, a fixed rep name, XDG folders inside `home`.
    var environment: [String: String] {
        [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "QUALIFY_REP": "Rep O'Neil",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
    }

    /// `qualify arguments…` at a pseudo-terminal (TERM xterm), as a rep runs it.
    func atTerminal(_ arguments: [String]) throws -> PseudoTerminal {
        try PseudoTerminal(executable: Self.path, arguments: arguments, environment: environment.merging(["TERM": "xterm"]) { $1 })
    }

    /// Runs `qualify arguments…` with `input` on stdin (bytes, so invalid UTF-8 can be sent).
    @discardableResult
    func run(_ arguments: [String], input: Data = Data(), extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read concurrently so a large input or output cannot deadlock on a full pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = errorData.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self),
                      stdoutData: out)
    }

    func run(_ arguments: [String], lines: [String]) throws -> Result {
        try run(arguments, input: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// Reads a pipe to its end on another thread.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A file the test hands qualify, in that run's home; its path.
func write(_ text: String, to name: String, in q: QualifyBinary) throws -> String {
    let path = q.home.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
