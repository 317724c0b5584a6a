import QualifyKit
import Testing

@Suite struct CompletionTests {
    let stored: CommandCompletion.Values = { field, _ in
        switch field {
        case .stage: ["Needs Analysis", "Negotiation/Review", "Prospecting"]
        case .sponsor: ["Mojca Žagar", "Marko Novak"]
        default: []
        }
    }

    @Test func commandsAndFieldNames() {
        #expect(CommandCompletion.interview("/s", values: stored) == ["/skip", "/show", "/set"])
        #expect(CommandCompletion.interview("/edit re", values: stored) == ["reasons"])
        #expect(CommandCompletion.interview("/set clo", values: stored) == ["close-date"])
        #expect(CommandCompletion.interview("/set p", values: stored) == ["probability", "power-sponsor"])
        #expect(CommandCompletion.interview("I can't", values: stored) == [])
    }

    @Test func storedNamesAreOfferedFromTheWordBeingTyped() {
        #expect(CommandCompletion.interview("/set stage ne", values: stored) == ["Needs Analysis", "Negotiation/Review"])
        // Whole names: the editor replaces what of them was typed, and lists them as names.
        #expect(CommandCompletion.interview("/set stage Needs An", values: stored) == ["Needs Analysis"])
        #expect(CommandCompletion.interview("/set sales-stage pro", values: stored) == ["Prospecting"])
        #expect(CommandCompletion.interview("/set sponsor m", values: stored) == ["Mojca Žagar", "Marko Novak"])
        #expect(CommandCompletion.interview("/set amount 12", values: stored) == [])
        #expect(CommandCompletion.interview("/set budget x", values: stored) == [])
    }
}
