/// A value the rep typed (or a CSV cell) that a CRM field refuses. The
/// message says what was wrong and shows a value that works.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
