import GRDBSQLite

/// The text cells of the row a statement is about to write, copied into
/// memory that stays put until the next row is bound, so SQLite reads them
/// in place (SQLITE_STATIC). With SQLITE_TRANSIENT it allocated, copied
/// and freed each cell of each row: 6% of a 100,000-row import's
/// instructions (callgrind). A statement bound from here is stepped before
/// `startRow` is called again, and every one of its parameters is bound
/// again before it is stepped again: SQLite never reads bytes of an older row.
final class RowText {
    private static let blockSize = 64 * 1024
    /// The first block is kept for every row; a row longer than it adds blocks, freed at the next row.
    private var blocks: [UnsafeMutableRawBufferPointer] = []
    private var used = 0

    deinit {
        for block in blocks { block.deallocate() }
    }

    func startRow() {
        for block in blocks.dropFirst() { block.deallocate() }
        blocks.removeLast(max(0, blocks.count - 1))
        used = 0
    }

    /// Binds `text` (NULL for nil) to parameter `index`.
    func bind(_ text: String?, at index: Int32, to handle: OpaquePointer) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        let (start, count) = text.utf8.withContiguousStorageIfAvailable { copy($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { copy($0) }
        _ = sqlite3_bind_text(handle, index, start, Int32(count), nil)
    }

    private func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> (UnsafePointer<CChar>, Int) {
        let count = bytes.count
        if blocks.isEmpty || used + count > blocks[blocks.count - 1].count {
            blocks.append(.allocate(byteCount: max(Self.blockSize, count), alignment: 1))
            used = 0
        }
        let start = blocks[blocks.count - 1].baseAddress! + used
        UnsafeMutableRawBufferPointer(start: start, count: count).copyMemory(from: UnsafeRawBufferPointer(bytes))
        used += count
        return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), count)
    }
}
