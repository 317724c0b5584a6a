#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Not a terminal: reads a file descriptor (stdin by default) as raw bytes and
/// splits it into lines on "\n". A "\r" right before the "\n" is removed and
/// nothing else: tabs, leading/trailing spaces and quotes are kept byte for
/// byte. Every line must be valid UTF-8. Prints no prompt.
public final class PipedLineSource: LineSource, @unchecked Sendable {
    private let reader: ByteReader
    private var lineNumber = 0
    private var finished = false

    public var linesRead: Int { lineNumber }

    public init(fileDescriptor: Int32 = 0) {
        reader = ByteReader(fd: fileDescriptor)
    }

    public func readLine(prompt: String) throws(LineInputError) -> LineEvent {
        if finished { return .endOfInput }
        var scanFrom = reader.start
        var bytes: ArraySlice<UInt8>
        var terminated = false
        while true {
            if let nl = reader.index(of: UInt8(ascii: "\n"), from: scanFrom) {
                bytes = reader.take(upTo: nl)
                reader.skip(1)
                terminated = true
                break
            }
            let had = reader.available
            if !reader.ensure(had + 1) {
                if reader.readErrno != 0 {
                    finished = true
                    let reason = String(cString: strerror(reader.readErrno))
                    throw LineInputError("could not read line \(lineNumber + 1) of the input: \(reason)")
                }
                if reader.available == 0 {
                    finished = true
                    return .endOfInput
                }
                bytes = reader.take(upTo: reader.end)
                finished = true
                break
            }
            // ensure() may have moved the unread bytes to the front of the buffer.
            scanFrom = reader.start + had
        }
        lineNumber += 1
        if terminated, bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LineInputError(
                "line \(lineNumber) of the input is not valid UTF-8: nothing from that line was stored; fix the encoding and run again")
        }
        return .line(text)
    }
}
