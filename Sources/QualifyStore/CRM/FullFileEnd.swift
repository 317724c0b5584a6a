/// The last line of an `export all` file: every kind with how many lines of
/// it came before (`{"account":3,…,"kind":"end",…}`). A copy interrupted at a
/// line's end, or a disk that filled up, leaves a file of whole lines that
/// would import without complaint; without this line it is refused.
enum FullFileEnd {
    static let kind = "end"

    static let incomplete = "the file has no end line: it is incomplete (a copy cut short, or a full disk while it was written); nothing was imported. Export it again with qualify export all; a file from a qualify older than the end line imports with --no-end-line."

    /// The file's lines by kind against the end line's counts: any difference refuses the file.
    static func check(_ end: [String: ExportValue], against lines: [String: Int], line: Int) throws(StoreError) {
        for (kind, value) in end.sorted(by: { $0.key < $1.key }) where kind != "kind" {
            guard case .integer(let count) = value else {
                throw StoreError(.invalid, "line \(line), the end line: \"\(kind)\" is not a count; nothing was imported. Export the file again with qualify export all.")
            }
            guard count == lines[kind] ?? 0 else { throw mismatch(kind, expected: Int(count), found: lines[kind] ?? 0, line: line) }
        }
        if let (kind, found) = lines.sorted(by: { $0.key < $1.key }).first(where: { end[$0.key] == nil }) {
            throw mismatch(kind, expected: 0, found: found, line: line)
        }
    }

    private static func mismatch(_ kind: String, expected: Int, found: Int, line: Int) -> StoreError {
        StoreError(.invalid, "line \(line), the end line, counts \(expected) \"\(kind)\" lines but the file has \(found) before it: it is damaged; nothing was imported. Export it again with qualify export all.")
    }
}
