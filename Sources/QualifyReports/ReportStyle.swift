import Foundation
import QualifyKit
import QualifyStore

/// Colour on a terminal, plain text elsewhere. Colour never changes the
/// buyer's words: it only wraps them.
public struct ReportStyle: Sendable {
    public var colors: Bool

    public init(colors: Bool) { self.colors = colors }

    func bold(_ text: String) -> String { styled(text, "1") }
    func dim(_ text: String) -> String { styled(text, "2") }

    /// Text from SQLite's highlight()/snippet(): the matching words in bold
    /// yellow on a terminal; the markers dropped otherwise.
    func marked(_ text: String) -> String {
        // The markers are ASCII bytes, so the text is scanned as bytes: fast, and no
        // multi-byte character can contain them.
        let start = ReviewRow.markStart.asciiValue!, end = ReviewRow.markEnd.asciiValue!
        guard text.utf8.contains(where: { $0 == start || $0 == end }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case start: if colors { bytes += Array(TerminalColor.start("1;33").utf8) }
            case end: if colors { bytes += Array(TerminalColor.start("0").utf8) }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func styled(_ text: String, _ code: String) -> String {
        colors ? TerminalColor.styled(text, code) : text
    }
}

/// How reports write dates: minutes in the reader's time zone on screen,
/// ISO 8601 in UTC in data files.
enum ReportDates {
    static func minute(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: .current, calendar: Calendar(identifier: .gregorian)))
    }

    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension ReviewRow {
    /// "Pain", "Reason 2": what the rep was asked.
    var fieldLabel: String {
        field.isList ? "\(field.itemTitle) \(position)" : field.title
    }

    /// "#12, replaces #7, current": how this version sits in its history.
    var versionLabel: String {
        var parts = ["#\(id)"]
        if let replacesId { parts.append("replaces #\(replacesId)") }
        parts.append(replacedById.map { "replaced by #\($0)" } ?? "current")
        return parts.joined(separator: ", ")
    }
}
