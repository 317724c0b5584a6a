import Foundation
import Synchronization

/// Ctrl-C while the interview waits for the database: it stops the wait
/// (the answer is kept for /retry) instead of ending the program. Listens
/// only around the interview's own writes; libedit handles Ctrl-C while the
/// rep types.
public final class WaitInterruption: Sendable {
    /// A signal is the process's, so is the mark it leaves: a plain handler
    /// sets it (an atomic store is safe inside a signal handler). A dispatch
    /// source made and cancelled around every answer woke two threads each
    /// time, more than the rest of storing the answer.
    private static let raised = Atomic<Bool>(false)

    public init() {}

    /// True once after Ctrl-C was pressed during `listening`.
    public func take() -> Bool { Self.raised.exchange(false, ordering: .relaxed) }

    public func listening<T>(_ body: () throws -> T) rethrows -> T {
        Self.raised.store(false, ordering: .relaxed)
        let previous = signal(SIGINT) { _ in WaitInterruption.raised.store(true, ordering: .relaxed) }
        defer { signal(SIGINT, previous) }
        return try body()
    }
}
