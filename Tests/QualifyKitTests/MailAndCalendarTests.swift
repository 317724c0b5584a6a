import Foundation
import QualifyKit
import Testing

@Suite struct MailAndCalendarTests {
    /// Long Slovenian subjects become several encoded words, each at most 75
    /// characters, split between characters, never inside one.
    @Test func encodedWordsNeverCutACharacter() throws {
        let subject = String(repeating: "Žolna čšž 😬 ", count: 8)
        let message = MailMessage(from: .init(name: "Ana Kovač", email: "a@x.si"), to: .init(name: "Lee \"Boss\"", email: "l@y.si"),
                                  subject: subject, date: Date(timeIntervalSince1970: 0), messageID: "<1@x.si>", text: "t", html: "h")
        let lines = message.rendered.components(separatedBy: "\r\n")
        let header = lines.drop(while: { !$0.hasPrefix("Subject: ") }).prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        #expect(header.count > 1)
        var decoded = Data()
        for line in header {
            let word = line.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces)
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(data: payload, encoding: .utf8) != nil, "a word ends inside a character")
            decoded += payload
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(lines.contains("To: \"Lee \\\"Boss\\\"\" <l@y.si>"))
        #expect(lines.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
    }

    @Test func calendarTextIsEscapedAndFoldedAt75Octets() {
        let step = PlanStep(number: 1, what: "Pilot; five reps, \\ops\\ and a very long description of what happens čšž 😬 " + String(repeating: "ž", count: 40),
                            owner: .buyer, due: CalendarDay(year: 2027, month: 2, day: 1)!, uuid: "ABC")
        let ics = PlanCalendar(opportunityName: "Deal, one", accountName: "Acme; Inc", ourSide: "Us", steps: [step],
                               stamp: Date(timeIntervalSince1970: 0)).rendered
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.allSatisfy { String(data: Data($0.utf8), encoding: .utf8) != nil })
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Pilot\\; five reps\\, \\\\ops\\\\ and"))
        #expect(unfolded.contains("DESCRIPTION:Owner: buyer (Acme\\; Inc)\\nOpportunity: Deal\\, one\\n"))
        #expect(unfolded.contains("DUE;VALUE=DATE:20270201") && unfolded.contains("UID:abc@qualify"))
    }
}
