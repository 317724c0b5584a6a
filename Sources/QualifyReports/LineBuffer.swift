/// Lines gathered as bytes and handed to a sink in chunks of whole lines:
/// one String and one write per 64 KiB, not per row, when a list of 100,000
/// is written straight from SQLite's columns.
public struct LineBuffer {
    public var bytes: [UInt8] = []
    private let sink: ReportSink
    private static let chunk = 1 << 16

    public init(_ sink: ReportSink) {
        self.sink = sink
        bytes.reserveCapacity(Self.chunk + 1024)
    }

    /// A line is complete in `bytes`: hands the chunk on once it is large enough.
    public mutating func endOfLine() throws {
        if bytes.count >= Self.chunk { try flush() }
    }

    public mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        try sink.write(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
