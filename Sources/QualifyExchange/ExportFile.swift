import Foundation

/// Where an export goes: a file created readable by its owner only (the
/// buyer's words are confidential), or standard output.
public enum ExportFile {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Opens `path` for writing, mode 0600 even when it already existed.
    public static func open(_ path: String?) throws(Failure) -> OutputStream {
        guard let path, path != "-" else {
            guard let stream = OutputStream(toFileAtPath: "/dev/stdout", append: true) else {
                throw Failure(description: "cannot write to standard output; give a file with --output.")
            }
            stream.open()
            return stream
        }
        let descriptor = Foundation.open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno))); choose another file with --output.")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard let stream = OutputStream(toFileAtPath: path, append: false) else {
            throw Failure(description: "cannot write \(path); choose another file with --output.")
        }
        stream.open()
        return stream
    }
}

extension OutputStream {
    /// Writes all of `text`, as UTF-8.
    public func write(text: String) throws(ExportFile.Failure) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBufferPointer { write($0.baseAddress!, maxLength: $0.count) }
            guard written > 0 else {
                throw ExportFile.Failure(description: "the export stopped: the file or pipe could not take more (disk full or reader gone).")
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
