import Foundation
import QualifyKit

/// Reads config.yaml. A broken file is an error that names it, never a
/// silent fall back to defaults the user did not choose.
public enum SettingsFile {
    public static func load(from url: URL) throws(CommandFailure) -> Settings {
        guard FileManager.default.fileExists(atPath: url.path) else { return Settings() }
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(url.path) is not readable UTF-8 text; fix or remove it")
        }
        if text.allSatisfy(\.isWhitespace) { return Settings() }
        do {
            return try YAMLDocument.decode(Settings.self, from: text)
        } catch {
            throw CommandFailure("\(url.path) is not a valid qualify config: \(YAMLProblem.describe(error)); fix or remove it")
        }
    }
}
