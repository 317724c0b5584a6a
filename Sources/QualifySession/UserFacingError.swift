import LineEditor
import QualifyKit
import QualifyPrompts
import QualifyStore

/// An error whose description is the whole message the user needs: `main`
/// prints it as one line and exits 1; the REPL prints it and goes on.
public protocol UserFacingError: Error, CustomStringConvertible {}
extension StoreError: UserFacingError {}
extension LineInputError: UserFacingError {}

extension CommandFailure: UserFacingError {}
