import Foundation
import QualifyKit
import QualifyPrompts
import Testing

/// The README's plan names its last step "Go/no-go decision" (as the letter's own gap
/// suggests): the letter and the calendar then read "Go/no-go decision: Go/no-go decision".
@Suite struct GoNoGoLabelTests {
    let due = CalendarDay(year: 2027, month: 2, day: 1)!

    func letter(_ decision: String) throws -> String {
        let plan = [PlanStep(number: 1, what: decision, owner: .buyer, due: due, isDecision: true, uuid: "a")]
        let facts = SponsorLetter.Facts(accountName: "Acme Corp", opportunityName: "Acme Corp - Forecasting", recipient: .powerSponsor,
                                        sender: Sender(name: "Ana Kovač"), answers: CapturedAnswers([.pain: ["PAIN"]]),
                                        plan: plan, isDemo: false)
        return try PromptLibrary().letter("power-sponsor").render(facts)
    }

    @Test func aStepThatSaysGoNoGoDecisionIsNotLabelledTwice() throws {
        #expect(try letter("Go/no-go decision").contains("  1. Go/no-go decision (Acme Corp, by 2027-02-01)\n"))
        #expect(try letter("go/no-go decision with the board").contains("  1. go/no-go decision with the board (Acme Corp, by 2027-02-01)\n"))
        #expect(try letter("Board meeting").contains("  1. Go/no-go decision: Board meeting (Acme Corp, by 2027-02-01)\n"))
    }

    @Test func theCalendarEventIsNotLabelledTwiceEither() {
        func summary(_ what: String) -> String? {
            let step = PlanStep(number: 1, what: what, owner: .buyer, due: due, isDecision: true, uuid: "a")
            let ics = PlanCalendar(opportunityName: "Deal", accountName: "Acme", ourSide: "Us", steps: [step],
                                   stamp: Date(timeIntervalSince1970: 0)).rendered
            return ics.components(separatedBy: "\r\n").first { $0.hasPrefix("SUMMARY:") }
        }
        #expect(summary("Go/no-go decision") == "SUMMARY:Go/no-go decision")
        #expect(summary("Board meeting") == "SUMMARY:Go/no-go decision: Board meeting")
    }
}
