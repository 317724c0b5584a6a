import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every file qualify writes for the user (exports, reports, letters,
/// backups): built in a temporary file beside the target, owner-only and
/// created exclusively, flushed to the disk, then renamed over the target.
/// A full disk or a crash leaves the previous file as it was, never half a
/// file; an existing target is replaced only when the user said `--force`,
/// and a symbolic link is never written through.
public final class OwnerOnlyFile {
    public let path: String
    /// Where the content is built; renamed to `path` by `commit()`.
    public let temporaryPath: String
    private let force: Bool
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var done = false
    private static let capacity = 1 << 16

    /// Refuses a symbolic link, a folder or a device, and an existing file unless `force`.
    public init(path: String, force: Bool) throws(CommandFailure) {
        self.path = path
        self.force = force
        try Self.checkTarget(path, force: force)
        let url = URL(fileURLWithPath: path)
        var template = Array(url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).qualify-XXXXXX").path.utf8CString)
        // mkstemp: O_CREAT | O_EXCL, mode 0600.
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno))). Choose another path.")
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o600)
        buffer.reserveCapacity(Self.capacity)
    }

    private static func checkTarget(_ path: String, force: Bool) throws(CommandFailure) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            throw CommandFailure("\(path) is a symbolic link; qualify does not write through links. Give the real file's path, or remove the link.")
        case S_IFDIR:
            throw CommandFailure("\(path) is a folder; give the path of a file.")
        case S_IFREG:
            if !force { throw CommandFailure("\(path) already exists; add --force to replace it, or choose another path.") }
        default:
            throw CommandFailure("\(path) is not a regular file; give the path of a file, or - for standard output.")
        }
    }

    public func write(_ text: String) throws(CommandFailure) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    public func write(bytes: some Sequence<UInt8>) throws(CommandFailure) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { try flush() }
    }

    private func flush() throws(CommandFailure) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failed("write")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The content reaches the disk, then takes the target's name in one step.
    public func commit() throws(CommandFailure) {
        try flush()
        guard fsync(descriptor) == 0 else { throw failed("write") }
        close(descriptor)
        descriptor = -1
        // Re-checked: a link or a file may have appeared while this one was written.
        do throws(CommandFailure) { try Self.checkTarget(path, force: force) } catch { discard(); throw error }
        if force {
            // rename replaces a link itself, never the file it points to.
            guard rename(temporaryPath, path) == 0 else { throw failed("rename") }
        } else {
            // link refuses an existing name in the same step, so nothing is replaced unasked.
            if link(temporaryPath, path) == 0 {
                unlink(temporaryPath)
            } else if errno == EEXIST {
                discard()
                throw CommandFailure("\(path) already exists; add --force to replace it, or choose another path.")
            } else if errno == EPERM || errno == EOPNOTSUPP {
                // A file system without hard links (FAT, some network mounts): checked above, then renamed.
                guard rename(temporaryPath, path) == 0 else { throw failed("rename") }
            } else {
                throw failed("create")
            }
        }
        done = true
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 { fsync(folderDescriptor); close(folderDescriptor) }
    }

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !done else { return }
        done = true
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
    }

    private func failed(_ step: String) -> CommandFailure {
        let reason = String(cString: strerror(errno))
        discard()
        let previous = access(path, F_OK) == 0 ? "the previous \(path) is unchanged" : "nothing was written"
        return CommandFailure("cannot \(step) \(path): \(reason); \(previous). Free some space or choose another path.")
    }

    deinit { discard() }
}
