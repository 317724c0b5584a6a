import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one read of an answer produced.
public enum LineEvent: Equatable, Sendable {
    /// One answer: the typed line without its terminator, or a whole bracketed
    /// paste (which may contain "\n").
    case line(String)
    /// Ctrl-C: the half-typed line was discarded; the program goes on.
    case interrupted
    /// Ctrl-D on an empty line (terminal), or end of file (pipe).
    case endOfInput
}

/// The input cannot be used as it is (invalid UTF-8, read error).
public struct LineInputError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where answers come from: a terminal (``TerminalLineEditor``) or a pipe/file
/// (``PipedLineSource``). Use an instance from one thread at a time.
public protocol LineSource: AnyObject {
    /// Reads the next answer. `prompt` is shown only by a terminal source.
    func readLine(prompt: String) throws(LineInputError) -> LineEvent
    /// What Tab offers: given the text before the cursor, the candidate
    /// replacements for the word being completed. A pipe has no Tab.
    var completer: @Sendable (String) -> [String] { get set }
    /// Which accepted lines are kept for up-arrow recall. A pipe keeps none.
    var keepsInHistory: @Sendable (String) -> Bool { get set }
    /// How many lines of the input were read so far: a script's messages number its lines from
    /// its start, also when the home prompt read some before an interview took over.
    var linesRead: Int { get }
}

extension LineSource {
    public var completer: @Sendable (String) -> [String] {
        get { { _ in [] } }
        set {}
    }

    public var keepsInHistory: @Sendable (String) -> Bool {
        get { { _ in false } }
        set {}
    }

    public var linesRead: Int { 0 }
}

public enum Terminal {
    /// Whether `fd` is a terminal. Use ``TerminalLineEditor`` only when both
    /// stdin (0) and stdout (1) are terminals; otherwise ``PipedLineSource``.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// How many columns the terminal at `fd` has now (it may have been
    /// resized), nil when `fd` is no terminal or does not say.
    public static func columns(_ fd: Int32) -> Int? {
        let columns = Int(ce_terminal_columns(fd))
        return columns > 0 ? columns : nil
    }
}

/// Buffered reader of raw bytes from a file descriptor (64 KiB reads).
final class ByteReader {
    let fd: Int32
    private(set) var storage: [UInt8]
    /// Unread bytes are storage[start..<end].
    private(set) var start = 0
    private(set) var end = 0
    private(set) var atEOF = false
    /// errno of a failed read (the reader then behaves as at end of file).
    private(set) var readErrno: Int32 = 0
    static let chunk = 64 * 1024

    init(fd: Int32) {
        self.fd = fd
        storage = [UInt8](repeating: 0, count: ByteReader.chunk)
    }

    var available: Int { end - start }

    /// Makes at least `count` unread bytes available, reading as needed.
    /// Returns false when end of file (or an error) comes first.
    @discardableResult
    func ensure(_ count: Int) -> Bool {
        while end - start < count {
            if atEOF { return false }
            if start == end {
                start = 0; end = 0
            } else if storage.count - end < ByteReader.chunk / 4, start > 0 {
                storage.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + start, end - start)
                }
                end -= start; start = 0
            }
            if storage.count - end < ByteReader.chunk / 4 {
                storage.append(contentsOf: repeatElement(0, count: max(ByteReader.chunk, storage.count)))
            }
            let space = storage.count - end
            let n = storage.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + end, space)
            }
            if n > 0 {
                end += n
            } else if n == 0 {
                atEOF = true
            } else {
                let e = errno
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                readErrno = e
                atEOF = true
            }
        }
        return true
    }

    /// Next byte, or nil at end of input.
    func next() -> UInt8? {
        guard ensure(1) else { return nil }
        let b = storage[start]
        start += 1
        return b
    }

    /// Whether a byte is unread or arrives within `milliseconds`, without blocking longer.
    func hasInput(within milliseconds: Int32) -> Bool {
        if start < end { return true }
        if atEOF { return false }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&p, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Next byte without consuming it, or nil at end of input.
    func peek() -> UInt8? {
        guard ensure(1) else { return nil }
        return storage[start]
    }

    func skip(_ n: Int) { start += min(n, end - start) }

    /// Index (into storage) of the first `byte` in the unread bytes at or after `from`, if any.
    func index(of byte: UInt8, from: Int) -> Int? {
        let lo = max(from, start)
        guard lo < end else { return nil }
        return storage.withUnsafeBytes { raw -> Int? in
            guard let p = memchr(raw.baseAddress! + lo, Int32(byte), end - lo) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(p))
        }
    }

    /// Removes and returns unread bytes storage[start..<upTo].
    func take(upTo: Int) -> ArraySlice<UInt8> {
        let s = storage[start..<upTo]
        start = upTo
        return s
    }
}
