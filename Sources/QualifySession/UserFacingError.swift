import LineEditor
import QualifyPrompts
import QualifyStore

/// An error whose description is the whole message the user needs: `main`
/// prints it as one line and exits 1; the REPL prints it and goes on.
public protocol UserFacingError: Error, CustomStringConvertible {}
extension StoreError: UserFacingError {}
extension PromptError: UserFacingError {}
extension LineInputError: UserFacingError {}

public struct CommandFailure: UserFacingError {
    public let description: String
    public init(_ description: String) { self.description = description }
}
