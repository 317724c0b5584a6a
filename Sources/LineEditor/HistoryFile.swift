import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The persisted history: one entry per line, with "\", newline and carriage
/// return written as \\, \n and \r. Each accepted line is appended; the file
/// is rewritten (keeping the last `limit` entries) when loading finds more
/// than twice that many. Folders it creates are 0700 and the file is 0600:
/// history holds the buyer's words.
struct HistoryFile {
    let path: String
    let limit: Int

    /// The last `limit` entries, oldest first. Creates the file if missing.
    func load() -> [String] {
        prepare()
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        let entries = lines.suffix(limit).map { Self.decode(String(decoding: $0, as: UTF8.self)) }
        if lines.count > 2 * limit { rewrite(entries) }
        return entries
    }

    func append(_ entry: String) {
        prepare()
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        Self.writeAll(fd, Array((Self.encode(entry) + "\n").utf8))
        close(fd)
    }

    private func rewrite(_ entries: [String]) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        fchmod(fd, 0o600)
        let ok = Self.writeAll(fd, Array(entries.map { Self.encode($0) + "\n" }.joined().utf8))
        close(fd)
        if ok { rename(temporary, path) } else { unlink(temporary) }
    }

    /// Creates missing folders (0700) and the file (0600); makes an existing file 0600.
    private func prepare() {
        var missing: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, folder != "/", access(folder, F_OK) != 0 {
            missing.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        for f in missing.reversed() { mkdir(f, 0o700) }
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 {
            fchmod(fd, 0o600)
            close(fd)
        }
    }

    @discardableResult
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    static func encode(_ entry: String) -> String {
        var out = ""
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped {
                switch scalar {
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(scalar)
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
