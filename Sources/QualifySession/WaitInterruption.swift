import Dispatch
import Foundation
import Synchronization

/// Ctrl-C while the interview waits for the database: it stops the wait
/// (the answer is kept for /retry) instead of ending the program. Listens
/// only around the interview's own writes; libedit handles Ctrl-C while the
/// rep types.
public final class WaitInterruption: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// True once after Ctrl-C was pressed during `listening`.
    public func take() -> Bool { raised.exchange(false, ordering: .relaxed) }

    public func listening<T>(_ body: () throws -> T) rethrows -> T {
        raised.store(false, ordering: .relaxed)
        let previous = signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in raised.store(true, ordering: .relaxed) }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, previous)
        }
        return try body()
    }
}
