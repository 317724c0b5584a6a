/// The values of one row of an accounts, contacts or leads file, each
/// checked on its own: a row with a bad e-mail and an unknown account says
/// both at once, as an opportunity row does, so a file is fixed in one pass.
struct RowChecks {
    private var failures: [FieldFailure] = []

    /// The value `body` reads, or nil when it refused it (kept, for `finish`).
    @discardableResult
    mutating func check<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let failure as FieldFailure {
            failures.append(failure)
            return nil
        }
    }

    /// Every refusal of the row, if any.
    func finish() throws {
        if !failures.isEmpty { throw FieldFailures(failures: failures) }
    }
}
