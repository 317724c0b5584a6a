import Foundation
import PromptFiles
import QualifyKit
import Yams

/// The interview script, worked example and letter templates. Each file comes
/// from the first override folder that has it, else from the copy compiled
/// into the binary, so a sales team can reword one question without copying
/// the whole folder.
public struct PromptLibrary: Sendable {
    public static let interviewPath = "interview.yaml"
    public static let demoPath = "demo.yaml"
    public static let coachPath = "coach.yaml"

    private let overrideDirectories: [URL]

    /// `overrideDirectories` in priority order; folders that do not exist are skipped.
    public init(overrideDirectories: [URL] = []) {
        self.overrideDirectories = overrideDirectories
    }

    /// The text of a prompt file and where it came from.
    public func file(_ path: String) throws(CommandFailure) -> (text: String, origin: String) {
        for directory in overrideDirectories {
            let url = directory.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                throw CommandFailure("\(url.path) is not readable UTF-8 text; fix it or remove it to use the built-in \(path)")
            }
            return (text, url.path)
        }
        return (try Self.builtInText(path), Self.builtInOrigin(path))
    }

    private static func builtInOrigin(_ path: String) -> String { "built-in \(path)" }

    private static func builtInText(_ path: String) throws(CommandFailure) -> String {
        guard let bytes = EmbeddedPrompts.files[path] else {
            throw CommandFailure("no prompt file \(path)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func interviewScript() throws(CommandFailure) -> InterviewScript {
        let (text, origin) = try file(Self.interviewPath)
        let script: InterviewScript = try decode(text, origin: origin) { node in
            // An override written before the interview's sentences moved into
            // the script still loads: each sentence it lacks is the built-in one.
            // The built-in file has them all; parsing it twice was a tenth of the start-up.
            // Read as YAMLDocument reads: Yams' default resolver would compile its regular expressions.
            guard origin != Self.builtInOrigin(Self.interviewPath), var mapping = node.mapping,
                  let builtIn = try Yams.compose(yaml: Self.builtInText(Self.interviewPath), .basic)?["messages"]?.mapping else { return node }
            var messages = mapping["messages"]?.mapping ?? Node.Mapping([])
            for (key, value) in builtIn where messages[key] == nil { messages[key] = value }
            mapping["messages"] = .mapping(messages)
            return .mapping(mapping)
        }
        let missing = script.missingFields()
        guard missing.isEmpty else {
            throw CommandFailure("\(origin) has no entry for \(missing.map(\.rawValue).joined(separator: ", ")); every field needs a question and help")
        }
        return script
    }

    /// The coach's rules; an override with a field missing from its probes is refused when loaded.
    public func coach() throws(CommandFailure) -> SalesCoach {
        let (text, origin) = try file(Self.coachPath)
        let rules: CoachRules = try decode(text, origin: origin)
        let missing = rules.missingFields()
        guard missing.isEmpty else {
            throw CommandFailure("\(origin) has no probes for \(missing.map(\.rawValue).joined(separator: ", ")); every field needs open, control and confirm")
        }
        return SalesCoach(rules: rules)
    }

    /// The coach compiled into the binary, which the tests load: what speaks when a team's coach.yaml is broken.
    public static var builtInCoach: SalesCoach {
        do {
            return try PromptLibrary().coach()
        } catch {
            preconditionFailure("the built-in coach.yaml is part of the binary and loads in the tests: \(error)")
        }
    }

    public func workedExample() throws(CommandFailure) -> WorkedExample {
        let (text, origin) = try file(Self.demoPath)
        return try decode(text, origin: origin)
    }

    /// `completing` may add what the file leaves out before it is decoded.
    private func decode<T: Decodable>(_ text: String, origin: String,
                                      completing: (Node) throws -> Node = { $0 }) throws(CommandFailure) -> T {
        do {
            return try YAMLDocument.decode(from: text, completing: completing)
        } catch {
            throw CommandFailure("\(origin) is not a valid prompt file: \(YAMLProblem.describe(error))")
        }
    }
}
