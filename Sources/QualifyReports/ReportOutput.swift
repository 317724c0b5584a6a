import Foundation
import QualifyKit
#if canImport(Glibc)
import Glibc
#endif

/// Where a report goes: the terminal, a pager, a file, or a string in a test.
public protocol ReportSink: AnyObject {
    func write(_ text: String) throws
    /// Everything written reaches its destination.
    func finish() throws
    /// Writing failed part way: a screen shows what it got, a file keeps its previous content.
    func abandon()
}

extension ReportSink {
    public func abandon() { try? finish() }
}

/// Text for people (table, Markdown): a control character in a buyer's
/// words or an imported name is shown as `\u{1B}`, never sent raw to a
/// terminal. CSV and JSON do not come through here (CSV keeps the bytes,
/// JSON escapes them itself).
public final class VisibleControls: ReportSink {
    private let sink: ReportSink
    private let keepingColors: Bool

    public init(_ sink: ReportSink, keepingColors: Bool) {
        self.sink = sink
        self.keepingColors = keepingColors
    }

    public func write(_ text: String) throws { try sink.write(ControlCharacters.visible(text, keepingColors: keepingColors)) }
    public func finish() throws { try sink.finish() }
    public func abandon() { sink.abandon() }
}

/// A file written through `OwnerOnlyFile`: it appears whole when the report
/// is finished, or not at all.
public final class ReportFile: ReportSink {
    private let file: OwnerOnlyFile

    public init(path: String, force: Bool) throws {
        file = try OwnerOnlyFile(path: path, force: force)
    }

    public func write(_ text: String) throws {
        try file.write(text)
    }

    public func finish() throws {
        try file.commit()
    }

    public func abandon() { file.discard() }
}

/// The reader stopped reading (quit the pager, `| head`): not an error,
/// the report simply ends there.
public struct OutputClosed: Error {}

/// Writes to a file descriptor through a 64 KiB buffer: one system call per
/// buffer, not per row, when a million statements are exported.
public final class FileOutput: ReportSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 16

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.capacity)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    public func finish() throws { try flush() }

    /// Sends what is buffered now: the first screenful must not wait for 64 KiB.
    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                buffer.removeAll(keepingCapacity: true)
                if errno == EPIPE { throw OutputClosed() }
                throw CommandFailure("cannot write the report: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects a report in memory: for tests, and for reports small enough to align.
public final class StringOutput: ReportSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) throws { self.text += text }
    public func finish() throws {}
}

