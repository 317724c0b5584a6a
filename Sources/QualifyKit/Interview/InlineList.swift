import Foundation

/// The manual writes lists inline: `* a * b * c`. Such a line is several items.
/// Only `*` and `•` split: a dash is too common inside spoken sentences.
public enum InlineList {
    public static func items(in line: String) -> [String] {
        let markers = ["* ", "• "]
        guard let marker = markers.first(where: { line.hasPrefix($0) }) else { return [line] }
        let separator = " " + marker.trimmingTrailingSpace + " "
        return line.dropFirst(marker.count)
            .components(separatedBy: separator)
            .map { $0.trimmingSurroundingSpaces }
            .filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    var trimmingSurroundingSpaces: String {
        String(self).trimmingCharacters(in: [" ", "\t"])
    }
    var trimmingTrailingSpace: String {
        var text = String(self)
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
