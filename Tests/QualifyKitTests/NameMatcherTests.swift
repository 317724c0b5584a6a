import QualifyKit
import Testing

@Suite struct DidYouMeanTests {
    @Test func theClosestNamesAreSuggestedAndNothingWhenNoneIsClose() {
        #expect(NameMatcher.didYouMean("acme", among: ["Acme Corp", "Globex", "Acme Inc"]) == " Did you mean \"Acme Corp\", \"Acme Inc\"?")
        #expect(NameMatcher.didYouMean("zzzzzz", among: ["Acme Corp", "Globex"]) == "")
    }
}
