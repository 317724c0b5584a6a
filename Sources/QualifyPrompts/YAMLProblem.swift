import Foundation
import Yams

/// Turns a YAML decoding error into one line a user can act on
/// ("line 2: ..." or "key fields.pain.question: expected a string"),
/// instead of Swift's DecodingError dump.
enum YAMLProblem {
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return firstLine(of: "\(error)") }
        switch decoding {
        case .dataCorrupted(let context):
            if let yaml = context.underlyingError as? YamlError { return firstLine(of: "line \(yaml)") }
            return at(context) + context.debugDescription
        case .typeMismatch(let type, let context):
            return at(context) + "expected \(expectation(type))"
        case .valueNotFound(let type, let context):
            return at(context) + "expected \(expectation(type)), found nothing"
        case .keyNotFound(let key, let context):
            return at(context) + "the key \(key.stringValue) is missing"
        @unknown default:
            return firstLine(of: "\(error)")
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }.joined(separator: ".")
        return path.isEmpty ? "" : "at \(path): "
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        // Yams reports a list or mapping where one value belongs as a Scalar mismatch.
        case _ where "\(type)".hasSuffix("Scalar"): "a single value, not a list or a mapping"
        default: "a \(type)"
        }
    }

    private static func firstLine(of text: String) -> String {
        text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
    }
}
