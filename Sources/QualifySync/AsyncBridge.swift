import Dispatch

/// The one place where qualify's synchronous commands wait for
/// postgres-nio's async API. A command runs on the main thread; the work runs
/// on the cooperative pool, so waiting here cannot starve it.
enum AsyncBridge {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let finished = DispatchSemaphore(value: 0)
        Task {
            do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            finished.signal()
        }
        finished.wait()
        return try outcome.result!.get()
    }

    /// Written once by the task, read once after the semaphore: the
    /// semaphore orders the two, so no lock is needed.
    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
