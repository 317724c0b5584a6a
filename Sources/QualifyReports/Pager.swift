import Foundation

/// Standard output on a terminal: short reports are printed as they are;
/// once a report is longer than the screen, it goes through `less -SRXF`
/// (chop long lines, keep colours, leave the screen as it was). The first
/// screenful is held back only until it is full, so it shows at once.
public final class TerminalOutput: ReportSink {
    private enum State {
        case holding([String], lines: Int)
        case direct
        case paging(Process, Pipe, FileOutput)
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
        case .paging(_, _, let input):
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
        case .paging(let less, let pipe, let input):
            // The reader may have quit the pager already: that ends the report, quietly.
            try? input.finish()
            try? pipe.fileHandleForWriting.close()
            less.waitUntilExit()
        }
    }

    private func startPager(with held: [String]) throws {
        let pipe = Pipe()
        let less = Process()
        less.arguments = ["-SRXF"]
        less.standardInput = pipe
        let input = FileOutput(descriptor: pipe.fileHandleForWriting.fileDescriptor)
        if let path = Self.executable(named: "less") {
            less.executableURL = URL(fileURLWithPath: path)
        }
        if less.executableURL != nil, (try? less.run()) != nil {
            // Our copy of the reading end must go, or a pager that quits
            // early would leave us blocked on a full pipe instead of told.
            try? pipe.fileHandleForReading.close()
            state = .paging(less, pipe, input)
        } else {
            // No pager on this machine: the terminal gets it all.
            state = .direct
        }
        for text in held { try write(text) }
    }

    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The terminal's height: $LINES, else what `stty size` reports for the terminal.
    public static func screenRows() -> Int {
        if let lines = ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init), lines > 0 { return lines }
        let stty = Process()
        guard let path = executable(named: "stty") else { return 24 }
        stty.executableURL = URL(fileURLWithPath: path)
        stty.arguments = ["size"]
        stty.standardInput = FileHandle(forReadingAtPath: "/dev/tty")
        let output = Pipe()
        stty.standardOutput = output
        stty.standardError = FileHandle.nullDevice
        guard (try? stty.run()) != nil else { return 24 }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        stty.waitUntilExit()
        let rows = String(decoding: data, as: UTF8.self).split(separator: " ").first.flatMap { Int($0) }
        return rows ?? 24
    }
}
