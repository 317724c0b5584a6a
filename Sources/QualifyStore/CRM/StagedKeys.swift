/// The names and CRM ids of the rows an import has staged, as a Bloom
/// filter: "not staged" is certain, "maybe" is asked of the staging table's
/// index. Rows are staged several to a statement (see ImportStaging), so a row
/// must learn whether an earlier row of the file gives its name before that
/// row is in the table; asking the index for every row cost as much as
/// staging it. One megabyte whatever the file's size (memory stays flat); at
/// 100,000 rows a "maybe" that is wrong comes about once in 100,000 rows,
/// and costs only that question.
struct StagedKeys {
    private static let bitCount = 1 << 23
    private var words = [UInt64](repeating: 0, count: bitCount / 64)

    /// A name as the staging table's NOCASE index compares it: ASCII letters
    /// folded, every other byte as it is.
    static func name(_ name: String) -> UInt64 {
        var hash = Hash()
        for byte in name.utf8 { hash.add(byte &- 65 < 26 ? byte | 0x20 : byte) }
        return hash.value
    }

    /// A CRM's id, compared byte for byte.
    static func source(crm: String, id: String) -> UInt64 {
        var hash = Hash()
        // A leading 1 keeps an id's key apart from a name's that happens to have the same bytes.
        hash.add(1)
        for byte in crm.utf8 { hash.add(byte) }
        hash.add(0)
        for byte in id.utf8 { hash.add(byte) }
        return hash.value
    }

    mutating func insert(_ key: UInt64) {
        var probe = Probe(key)
        for _ in 0..<Probe.count {
            let bit = probe.next()
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    func mayContain(_ key: UInt64) -> Bool {
        var probe = Probe(key)
        for _ in 0..<Probe.count {
            let bit = probe.next()
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// The filter's bits for a key: two halves of the key, combined (Kirsch and Mitzenmacher).
    private struct Probe {
        static let count = 4
        private var position: UInt64
        private let step: UInt64

        init(_ key: UInt64) {
            position = key & 0xFFFF_FFFF
            step = key >> 32 | 1
        }

        mutating func next() -> Int {
            defer { position &+= step }
            return Int(position % UInt64(StagedKeys.bitCount))
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
