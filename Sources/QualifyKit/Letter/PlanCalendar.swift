import Foundation

/// The evaluation plan as an RFC 5545 calendar: one VTODO per step, due on
/// its day, with who owns it in DESCRIPTION; the go/no-go is a VEVENT on its
/// day, so it lands in the buyer's calendar, not only in a task list.
public struct PlanCalendar: Sendable {
    public var opportunityName: String
    public var accountName: String
    public var ourSide: String
    public var steps: [PlanStep]
    public var stamp: Date

    public init(opportunityName: String, accountName: String, ourSide: String, steps: [PlanStep], stamp: Date = Date()) {
        self.opportunityName = opportunityName
        self.accountName = accountName
        self.ourSide = ourSide
        self.steps = steps
        self.stamp = stamp
    }

    /// CRLF line ends, lines folded at 75 octets.
    public var rendered: String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//qualify//evaluation plan//EN",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.text("Evaluation plan: " + opportunityName)]
        for step in steps {
            let owner = switch step.owner {
            case .buyer: "buyer (\(accountName))"
            case .us: "us (\(ourSide))"
            case .person(let name): name
            }
            let description = "Owner: \(owner)\nOpportunity: \(opportunityName)\nStep \(step.number) of the evaluation plan"
            // An event needs a day; a go/no-go without one stays a task with no due
            // date (RFC 5545 makes DUE optional), so it is neither lost nor put on a made-up day.
            let isEvent = step.isDecision && step.due != nil
            lines.append(isEvent ? "BEGIN:VEVENT" : "BEGIN:VTODO")
            lines += ["UID:\(step.uuid.lowercased())@qualify", "DTSTAMP:" + Self.timestamp(stamp)]
            let summary = "SUMMARY:" + Self.text(step.needsDecisionLabel ? "Go/no-go decision: " + step.what : step.what)
            if isEvent, let due = step.due {
                lines += ["DTSTART;VALUE=DATE:" + Self.day(due), "DTEND;VALUE=DATE:" + Self.day(due.adding(days: 1)),
                          summary, "TRANSP:OPAQUE"]
            } else {
                lines += (step.due.map { ["DUE;VALUE=DATE:" + Self.day($0)] } ?? []) + [summary,
                          "STATUS:" + (step.isDone ? "COMPLETED" : "NEEDS-ACTION")]
            }
            lines.append("DESCRIPTION:" + Self.text(description))
            lines.append(isEvent ? "END:VEVENT" : "END:VTODO")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped.
    static func text(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Lines longer than 75 octets continue on lines starting with a space,
    /// split between characters so no UTF-8 sequence is cut.
    static func folded(_ line: String) -> String {
        var result = ""
        var width = 0
        for character in line {
            let size = String(character).utf8.count
            if width + size > 75 {
                result += "\r\n "
                width = 1
            }
            result.append(character)
            width += size
        }
        return result
    }

    static func day(_ day: CalendarDay) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    static func timestamp(_ date: Date) -> String {
        UTCTime.string(date, "yyyyMMdd'T'HHmmss'Z'")
    }
}
