import QualifyKit

/// The names and CRM ids of the rows an import has staged, as a Bloom
/// filter: "not staged" is certain, "maybe" is asked of the staging table
/// (see ImportStaging). Rows are staged several to a statement, so a row
/// must learn whether an earlier row of the file gives its name before that
/// row is in the table; asking an index for every row cost as much as
/// staging the row. Two megabytes whatever the file's size (memory stays
/// flat). Each key's bits lie in one 64-byte block, so a row costs one cache
/// miss where spreading them cost four (perf: 4% of the import). A wrong
/// "maybe" comes about once in 400 files of 100,000 rows, and costs what
/// every row cost before: the staged rows indexed by name.
struct StagedKeys {
    private static let wordsPerBlock = 8
    private static let blockCount = 1 << 15
    private static let bitsPerKey = 5
    private var words = [UInt64](repeating: 0, count: blockCount * wordsPerBlock)

    /// A name as the staging table's NOCASE index compares it: ASCII letters
    /// folded, every other byte as it is.
    static func name(_ name: String) -> UInt64 {
        var hash = Hash()
        name.withUTF8Bytes { bytes in
            for byte in bytes { hash.add(byte &- 65 < 26 ? byte | 0x20 : byte) }
        }
        return hash.value
    }

    /// A CRM's id, compared byte for byte.
    static func source(crm: String, id: String) -> UInt64 {
        var hash = Hash()
        // A leading 1 keeps an id's key apart from a name's that happens to have the same bytes.
        hash.add(1)
        crm.withUTF8Bytes { bytes in
            for byte in bytes { hash.add(byte) }
        }
        hash.add(0)
        id.withUTF8Bytes { bytes in
            for byte in bytes { hash.add(byte) }
        }
        return hash.value
    }

    mutating func insert(_ key: UInt64) {
        var probe = Probe(key)
        for _ in 0..<Self.bitsPerKey {
            let (word, bit) = probe.next()
            words[word] |= bit
        }
    }

    func mayContain(_ key: UInt64) -> Bool {
        var probe = Probe(key)
        for _ in 0..<Self.bitsPerKey {
            let (word, bit) = probe.next()
            if words[word] & bit == 0 { return false }
        }
        return true
    }

    /// A key's bits: its low 15 bits choose the block, each next 9 bits a bit of the block's 512.
    private struct Probe {
        private let block: Int
        private var rest: UInt64

        init(_ key: UInt64) {
            block = Int(key % UInt64(StagedKeys.blockCount)) * StagedKeys.wordsPerBlock
            rest = key >> 15
        }

        mutating func next() -> (word: Int, bit: UInt64) {
            let position = Int(rest & 511)
            rest >>= 9
            return (block + (position >> 6), 1 << UInt64(position & 63))
        }
    }

    /// FNV-1a over the bytes, then MurmurHash3's finalizer so every bit of the key depends on every byte.
    private struct Hash {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ byte: UInt8) {
            state = (state ^ UInt64(byte)) &* 0x100_0000_01b3
        }

        var value: UInt64 {
            var x = state
            x ^= x >> 33
            x &*= 0xff51_afd7_ed55_8ccd
            x ^= x >> 33
            x &*= 0xc4ce_b9fe_1a85_ec53
            return x ^ x >> 33
        }
    }
}
