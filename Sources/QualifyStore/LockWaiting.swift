import Foundation
import GRDB

/// How a write waits for another qualify that holds the write lock (an
/// import, another rep's window on the same file). A command waits a few
/// seconds; the interview waits long, says so after a second, and stops
/// when the rep asks it to (Ctrl-C), so the answer is kept, not lost.
public struct LockWaiting: Sendable {
    public var timeout: TimeInterval
    /// Called once per wait, after a second.
    public var announce: (@Sendable () -> Void)?
    /// Asked while waiting: true ends the wait (the write then fails as busy).
    public var shouldStop: (@Sendable () -> Bool)?

    public init(timeout: TimeInterval, announce: (@Sendable () -> Void)? = nil, shouldStop: (@Sendable () -> Bool)? = nil) {
        self.timeout = timeout
        self.announce = announce
        self.shouldStop = shouldStop
    }

    public static let command = LockWaiting(timeout: 5)

    /// SQLite calls this instead of sleeping itself; `tries` starts at 0 for each new wait.
    var busyMode: Database.BusyMode {
        guard announce != nil || shouldStop != nil else { return .timeout(timeout) }
        let clock = WaitClock()
        return .callback { [self] tries in
            let waited = clock.waited(restart: tries == 0)
            if waited >= 1, clock.announceOnce() { announce?() }
            if shouldStop?() == true || waited >= timeout { return false }
            usleep(20_000)
            return true
        }
    }
}

/// When the current wait began, and whether it was announced.
private final class WaitClock: @unchecked Sendable {
    private let lock = NSLock()
    private var start = Date()
    private var announced = false

    func waited(restart: Bool) -> TimeInterval {
        lock.withLock {
            if restart { start = Date(); announced = false }
            return Date().timeIntervalSince(start)
        }
    }

    func announceOnce() -> Bool {
        lock.withLock {
            defer { announced = true }
            return !announced
        }
    }
}
