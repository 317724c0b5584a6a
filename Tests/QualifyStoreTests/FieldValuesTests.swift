import QualifyKit
import QualifyStore
import Testing

/// FieldValues keeps a field's value at the field's place in `allCases`,
/// read from the enum's own storage: these hold every key to that.
@Suite struct FieldValuesTests {
    @Test func everyFieldHasItsOwnSlotInDeclarationOrder() {
        #expect(OpportunityField.allCases.map(\.position) == Array(0..<OpportunityField.fieldCount))
        #expect(ImportField.allCases.map(\.position) == Array(0..<ImportField.fieldCount))
    }

    @Test func readsAndWritesLikeADictionaryAndIteratesInFieldOrder() {
        var values: ImportValues = [.isWon: "true", .name: "Acme - Rollout", .amount: ""]
        #expect(values[.name] == "Acme - Rollout" && values[.amount] == "" && values[.account] == nil)
        values[.name] = nil
        values[.account] = "Acme Corp"
        #expect(values.map(\.key) == [.account, .amount, .isWon])
        #expect(values.map(\.value) == ["Acme Corp", "", "true"])
        #expect(values == ImportValues([.account: "Acme Corp", .amount: "", .isWon: "true"]))
        #expect(!values.isEmpty && ImportValues().isEmpty)
    }
}
