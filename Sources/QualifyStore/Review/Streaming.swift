import GRDB

/// An error thrown by the code that consumes streamed rows (the reader
/// closed the pager, a full disk): it must reach the caller as it was,
/// not be mistaken for a database problem.
struct ConsumerError: Error {
    let underlying: any Error
}

extension QualifyDatabase {
    /// A read transaction whose rows go to `each` one at a time. Database
    /// errors become `StoreError`s; the consumer's own errors pass through.
    func stream(_ body: (Database) throws -> Void) throws {
        do {
            try queue.read(body)
        } catch let error as ConsumerError {
            throw error.underlying
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}

func consume<Value>(_ value: Value, with each: (Value) throws -> Void) throws {
    do { try each(value) } catch { throw ConsumerError(underlying: error) }
}
