/// A refusal or failure whose description is the whole message the user
/// needs, what was wrong and what to do: a command prints it as one line
/// and exits 1, the REPL prints it and goes on. Errors that carry more than
/// a message keep their own types: `StoreError` (its kind: damage sends
/// the rep to a backup), `FieldError` (how an import's summary groups it
/// and the flag that fixes a whole file), `SyncError` (a usage error exits 64).
public struct CommandFailure: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
