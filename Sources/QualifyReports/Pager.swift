import Foundation

/// Standard output on a terminal: short reports are printed as they are;
/// once a report is longer than the screen, it goes through `less -SRXF`
/// (chop long lines, keep colours, leave the screen as it was). The first
/// screenful is held back only until it is full, so it shows at once.
public final class TerminalOutput: ReportSink {
    private enum State {
        case holding([String], lines: Int)
        case direct
        case paging(Pager, FileOutput)
    }

    private let screenRows: Int
    private var state = State.holding([], lines: 0)
    private let screen = FileOutput(descriptor: 1)

    public init(screenRows: Int) {
        // One line stays free for the shell's prompt.
        self.screenRows = max(screenRows - 1, 1)
    }

    public func write(_ text: String) throws {
        switch state {
        case .direct:
            try screen.write(text)
        case .paging(_, let input):
            try input.write(text)
        case .holding(var held, let lines):
            held.append(text)
            let total = lines + text.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count
            state = .holding(held, lines: total)
            if total > screenRows { try startPager(with: held) }
        }
    }

    public func finish() throws {
        switch state {
        case .direct:
            try screen.finish()
        case .holding(let held, _):
            for text in held { try screen.write(text) }
            try screen.finish()
        case .paging(let less, let input):
            // The reader may have quit the pager already: that ends the report, quietly.
            try? input.finish()
            less.wait()
        }
    }

    private func startPager(with held: [String]) throws {
        if let less = Pager.start() {
            state = .paging(less, FileOutput(descriptor: less.input))
        } else {
            // No pager on this machine: the terminal gets it all.
            state = .direct
        }
        for text in held { try write(text) }
        if case .paging(_, let input) = state { try input.flush() }
    }

    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The terminal's height: $LINES, else what the terminal on standard output reports.
    public static func screenRows() -> Int {
        if let lines = ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init), lines > 0 { return lines }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return 24 }
        return Int(size.ws_row)
    }
}

/// `less -SRXF` reading from a pipe. Started with posix_spawn rather than
/// Foundation's Process, which puts the child in a process group of its
/// own: a pager outside the terminal's foreground group is stopped the
/// moment it touches the keyboard.
final class Pager {
    let input: Int32
    private let pid: pid_t

    private init(input: Int32, pid: pid_t) {
        self.input = input
        self.pid = pid
    }

    static func start() -> Pager? {
        guard let path = TerminalOutput.executable(named: "less") else { return nil }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup("-SRXF"), nil]
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, arguments, environment)
        close(ends[0])
        guard status == 0 else {
            close(ends[1])
            return nil
        }
        // Ctrl-C belongs to the pager while it runs; quitting it ends the report.
        signal(SIGINT, SIG_IGN)
        return Pager(input: ends[1], pid: pid)
    }

    /// Closes the pipe, so the pager sees the end, and waits for the reader to quit.
    func wait() {
        close(input)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
