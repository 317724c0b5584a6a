import GRDBSQLite

/// The text cells of the row a statement is about to write, copied into
/// memory that stays put until the next row is bound, so SQLite reads them
/// in place (SQLITE_STATIC). With SQLITE_TRANSIENT it allocated, copied
/// and freed each cell of each row: 6% of a 100,000-row import's
/// instructions (callgrind). A statement bound from here is stepped before
/// `startRow` is called again, and every one of its parameters is bound
/// again (or set NULL) before it is stepped again: SQLite never reads bytes of an older row.
final class RowText {
    private static let blockSize = 64 * 1024
    /// Kept for every row; a row longer than it adds blocks (`added`), freed at the next row.
    private let first = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 1)
    private var added: [UnsafeMutableRawBufferPointer] = []
    /// The block text is copied into, and how much of it is taken. Plain stored values, so
    /// a cell's copy reads them without the runtime's exclusivity check that indexing the
    /// list of blocks cost every cell.
    private var current: UnsafeMutableRawBufferPointer
    private var used = 0

    init() {
        current = first
    }

    deinit {
        first.deallocate()
        for block in added { block.deallocate() }
    }

    func startRow() {
        for block in added { block.deallocate() }
        added.removeAll()
        current = first
        used = 0
    }

    /// Binds `text` (NULL for nil) to parameter `index`.
    func bind(_ text: String?, at index: Int32, to handle: OpaquePointer) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        let (start, count) = text.utf8.withContiguousStorageIfAvailable { copy($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { copy($0) }
        _ = sqlite3_bind_text(handle, index, start, Int32(count), nil)
    }

    /// Binds `bytes` as a blob to parameter `index` (a uuid: SQLITE_TRANSIENT allocated for each).
    func bind(blob bytes: UnsafeRawBufferPointer, at index: Int32, to handle: OpaquePointer) {
        let (start, count) = copy(bytes.assumingMemoryBound(to: UInt8.self))
        _ = sqlite3_bind_blob(handle, index, start, Int32(count), nil)
    }

    private func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> (UnsafePointer<CChar>, Int) {
        let count = bytes.count
        var block = current
        var offset = used
        if offset + count > block.count {
            block = .allocate(byteCount: max(Self.blockSize, count), alignment: 1)
            added.append(block)
            current = block
            offset = 0
        }
        let start = block.baseAddress! + offset
        UnsafeMutableRawBufferPointer(start: start, count: count).copyMemory(from: UnsafeRawBufferPointer(bytes))
        used = offset + count
        return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), count)
    }
}
