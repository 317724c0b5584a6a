import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct PseudoTerminalError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a program under a fresh pseudo-terminal that is its controlling
/// terminal, so writing "\u{03}" to the master delivers Ctrl-C exactly as a
/// user's key press does. Output is read without blocking forever (poll), and
/// is kept with CSI/OSC escape sequences, "\r" and BEL removed.
///
/// Wait for the prompt before sending the next keys: keys sent while the
/// program is busy meet the terminal in cooked mode (the kernel echoes them,
/// Ctrl-C becomes SIGINT and Ctrl-D turns into a NUL byte).
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    private var stripped: [UInt8] = []
    /// Every byte the program wrote, escape sequences included: what a terminal would act on.
    private(set) var raw: [UInt8] = []
    private var searchFrom = 0
    private var exitStatus: Int32?
    private var masterClosed = false
    private enum EscapeState { case normal, escape, csi, osc, oscEscape, oneMore }
    private var state = EscapeState.normal
    private static let TIOCGPTN: UInt = 0x8004_5430    // _IOR('T', 0x30, unsigned int)
    private static let TIOCSPTLCK: UInt = 0x4004_5431  // _IOW('T', 0x31, int)
    private static let POSIX_SPAWN_SETSID: Int32 = 0x80  // glibc >= 2.26

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        // posix_openpt/unlockpt/ptsname and POSIX_SPAWN_SETSID are hidden from
        // Swift's Glibc module (feature macros), so use what they do on Linux.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.TIOCSPTLCK, &unlock) == 0, ioctl(master, Self.TIOCGPTN, &number) == 0 else {
            let reason = String(cString: strerror(errno))
            if master >= 0 { close(master) }
            throw PseudoTerminalError(description: "cannot open a pseudo-terminal: \(reason)")
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        // The child starts a new session (POSIX_SPAWN_SETSID) before the file
        // actions run, so opening the slave makes it the controlling terminal.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t(), noSignals = sigset_t()
        sigfillset(&allSignals)
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)  // SIGINT default even if we ignore it
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(Self.POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = environment
        if env["TERM"] == nil { env["TERM"] = "xterm-256color" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            throw PseudoTerminalError(description: "cannot run \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
    }

    deinit {
        terminate()
        close(master)
    }

    /// Everything read so far, escape sequences and "\r" removed.
    var output: String { String(decoding: stripped, as: UTF8.self) }

    var isRunning: Bool {
        reap(blocking: false)
        return exitStatus == nil
    }

    /// Writes `text` to the master (what the user types or pastes), reading
    /// output meanwhile so a program echoing a large paste cannot deadlock.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        let deadline = Date().addingTimeInterval(30)
        while offset < bytes.count, Date() < deadline, !masterClosed {
            var p = pollfd(fd: master, events: Int16(POLLIN | POLLOUT), revents: 0)
            guard poll(&p, 1, 100) > 0 else { continue }
            if p.revents & Int16(POLLIN) != 0 { pump(timeoutMilliseconds: 0) }
            if p.revents & Int16(POLLOUT) != 0 {
                let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress!, min($0.count, 4096)) }
                if n > 0 { offset += n } else if n < 0, errno != EAGAIN, errno != EINTR { break }
            }
            if p.revents & Int16(POLLHUP | POLLERR) != 0, p.revents & Int16(POLLOUT) == 0 { break }
        }
    }

    /// Reads output until `text` appears after the previous match; returns the
    /// output from the previous match up to and including this one. Throws
    /// with the whole output so far on timeout or when the program has exited.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let at = find(needle) {
                let found = String(decoding: stripped[searchFrom..<at + needle.count], as: UTF8.self)
                searchFrom = at + needle.count
                return found
            }
            if masterClosed || Date() >= deadline {
                let why = masterClosed ? "the program closed the terminal" : "timed out after \(timeout)s"
                throw PseudoTerminalError(description: "waiting for \(text.debugDescription): \(why). Output so far:\n\(output)")
            }
            pump(timeoutMilliseconds: Int32(max(1, min(100, deadline.timeIntervalSinceNow * 1000))))
        }
    }

    /// A conversation: for each step, types `keys`, then waits for `until`.
    /// Returns what each wait read, so a test can check what a step printed.
    @discardableResult
    func converse(_ steps: [(keys: String, until: String)]) throws -> [String] {
        try steps.map { step in
            send(step.keys)
            return try waitFor(step.until)
        }
    }

    /// Waits for the program to end (reading its output meanwhile); returns its
    /// exit status, or 128 + signal number when a signal ended it.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            reap(blocking: false)
            if let exitStatus { pump(timeoutMilliseconds: 0); return exitStatus }
            if Date() >= deadline {
                throw PseudoTerminalError(description: "the program still runs after \(timeout)s. Output so far:\n\(output)")
            }
            pump(timeoutMilliseconds: 50)
        }
    }

    /// Kills the program if it still runs.
    func terminate() {
        guard exitStatus == nil else { return }
        kill(pid, SIGKILL)
        reap(blocking: true)
    }

    private func reap(blocking: Bool) {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        var r: pid_t
        repeat { r = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while r < 0 && errno == EINTR
        guard r == pid else { return }
        exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return searchFrom }
        guard stripped.count - searchFrom >= needle.count else { return nil }
        for i in searchFrom...(stripped.count - needle.count) where stripped[i] == needle[0] {
            if stripped[i..<i + needle.count].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// Reads whatever output is available, waiting up to `timeoutMilliseconds` for the first byte.
    private func pump(timeoutMilliseconds: Int32) {
        guard !masterClosed else { return }
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, timeoutMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                raw += buffer[0..<n]
                strip(buffer[0..<n])
                continue
            }
            if n < 0, errno == EINTR { continue }
            if n == 0 || errno != EAGAIN { masterClosed = true }  // EIO: the slave side is closed
            return
        }
    }

    /// Removes CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other ESC
    /// sequences, "\r" and BEL; keeps its state across reads.
    private func strip(_ bytes: ArraySlice<UInt8>) {
        for b in bytes {
            switch state {
            case .normal:
                if b == 0x1B { state = .escape } else if b != 0x0D && b != 0x07 { stripped.append(b) }
            case .escape:
                switch b {
                case UInt8(ascii: "["): state = .csi
                case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"): state = .osc
                case 0x20...0x2F: state = .oneMore  // e.g. ESC ( B
                default: state = .normal
                }
            case .csi: if (0x40...0x7E).contains(b) { state = .normal }
            case .osc: if b == 0x07 { state = .normal } else if b == 0x1B { state = .oscEscape }
            case .oscEscape: state = b == UInt8(ascii: "\\") ? .normal : .osc
            case .oneMore: state = .normal
            }
        }
    }
}
