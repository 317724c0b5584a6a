import Foundation
import QualifyKit
import QualifySession

/// Opens $VISUAL, else $EDITOR, else vi on a private copy of the letter and
/// returns what was saved, or nil when nothing changed. An emptied letter is
/// refused, as git refuses an empty commit message: it is no version to send.
enum LetterEditor {
    static func edit(_ text: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-letter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("letter.txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write a copy of the letter in \(folder.path); check the temporary folder.")
        }
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let editor = Environment.value("VISUAL") ?? Environment.value("EDITOR") ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Through the shell, so EDITOR may carry arguments ("code --wait").
        process.arguments = ["-c", editor + " \"$1\"", "sh", file.path]
        do { try process.run() } catch {
            throw CommandFailure("cannot start the editor \(editor): \(error.localizedDescription); set VISUAL or EDITOR.")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure("the editor (\(editor)) exited with status \(process.terminationStatus); nothing was saved.")
        }
        guard let data = FileManager.default.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            keep = true
            throw CommandFailure("the edited letter is not UTF-8 text; nothing was saved. Your text is in \(file.path).")
        }
        if let problem = ControlCharacters.firstProblem(in: edited) {
            keep = true
            throw CommandFailure("the edited letter has a control character at \(problem.description) Nothing was saved; your text is in \(file.path).")
        }
        if edited.allSatisfy(\.isWhitespace) {
            throw CommandFailure("the edited letter is empty; nothing was saved and the current letter stays as it was.")
        }
        return Array(edited.utf8) == Array(text.utf8) ? nil : edited
    }
}
