import Foundation
import GRDB
import GRDBSQLite
import QualifyKit

/// `export all` at SQLite's pace: each row's columns are read through
/// SQLite's C API and written as JSON straight into a byte buffer handed on
/// in chunks of whole lines. JSONEncoder building a dictionary per row took
/// half the time of a 1,100,000-line export. The bytes are the ones
/// JSONEncoder wrote (`.sortedKeys`, `.withoutEscapingSlashes`): keys in
/// code-unit order, uuids in upper case, the text SQLite holds.
struct ExportWriter {
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 20
    /// Lines written, by kind, in the order written: the end line counts them.
    private var counts: [(kind: String, lines: Int)] = []

    init() {
        buffer.reserveCapacity(Self.chunk + (Self.chunk >> 2))
    }

    /// One table's rows: `select` returns its columns named as the JSON keys.
    mutating func write(kind: String, select sql: String, in db: Database, to emit: (String) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        // "kind" sorts among the columns: each key with where its value comes from (nil: the kind).
        var keys: [(key: String, column: Int32?)] = [("kind", nil)]
        keys += statement.columnNames.enumerated().map { ($0.element, Int32($0.offset)) }
        keys.sort { $0.key < $1.key }
        let prefixes = keys.enumerated().map { index, key in Array(((index == 0 ? "{" : ",") + JSONText.string(key.key) + ":").utf8) }
        let kindValue = Array(JSONText.string(kind).utf8)
        var lines = 0
        defer { counts.append((kind, lines)) }
        try statement.forEachRow(in: db) { handle in
            lines += 1
            for (index, key) in keys.enumerated() {
                buffer.append(contentsOf: prefixes[index])
                if let column = key.column { appendValue(handle, column) } else { buffer.append(contentsOf: kindValue) }
            }
            buffer.append(contentsOf: "}\n".utf8)
            if buffer.count >= Self.chunk { try flush(to: emit) }
        }
    }

    /// The last line: `{"account":N,…,"kind":"end",…}`, every kind written with its count, keys sorted
    /// as on every line. A file without it was cut short; `import all` refuses it.
    mutating func writeEnd(to emit: (String) throws -> Void) throws {
        let keys = (counts.map { ($0.kind, String($0.lines)) } + [("kind", JSONText.string(FullFileEnd.kind))]).sorted { $0.0 < $1.0 }
        buffer.append(contentsOf: ("{" + keys.map { JSONText.string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n").utf8)
        try flush(to: emit)
    }

    mutating func flush(to emit: (String) throws -> Void) throws {
        guard !buffer.isEmpty else { return }
        try emit(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendValue(_ handle: OpaquePointer?, _ column: Int32) {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL:
            buffer.append(contentsOf: "null".utf8)
        case SQLITE_INTEGER:
            buffer.append(contentsOf: String(sqlite3_column_int64(handle, column)).utf8)
        case SQLITE_FLOAT:
            JSONText.appendString(String(sqlite3_column_double(handle, column)), to: &buffer)
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            let bytes = UnsafeBufferPointer(start: sqlite3_column_text(handle, column), count: count)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                JSONText.appendString(utf8: bytes, to: &buffer)
            } else {
                // Through String, so a damaged sequence comes out as U+FFFD, as it always did.
                JSONText.appendString(String(decoding: bytes, as: UTF8.self), to: &buffer)
            }
        default:
            let count = Int(sqlite3_column_bytes(handle, column))
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column), count: count)
            // GRDB stores a UUID as its 16 bytes; the file carries the usual text form.
            if count == 16 { appendUUID(bytes) } else { JSONText.appendString(Data(bytes).base64EncodedString(), to: &buffer) }
        }
    }

    /// 8-4-4-4-12 upper-case hex, as `UUID.uuidString` writes it.
    private mutating func appendUUID(_ bytes: UnsafeRawBufferPointer) {
        let hex = Array("0123456789ABCDEF".utf8)
        buffer.append(UInt8(ascii: "\""))
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { buffer.append(UInt8(ascii: "-")) }
            buffer.append(hex[Int(byte >> 4)])
            buffer.append(hex[Int(byte & 0x0F)])
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
