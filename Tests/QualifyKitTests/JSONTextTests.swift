import Foundation
import QualifyKit
import Testing

/// Exports were written by JSONEncoder; the fast writer must write the same bytes.
@Suite struct JSONTextTests {
    @Test(arguments: [
        "", "plain", "I can't \"believe\" it", "back\\slash / slash", "line\nbreak\r\ttab",
        "bell\u{07} nul\u{00} esc\u{1B} del\u{7F} \u{08}\u{0C}", "šef 😬 café naïve", "\u{2028}\u{2029}", "<urgent> & 'x'",
    ])
    func writesWhatJSONEncoderWrites(_ text: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(text), as: UTF8.self)
        #expect(JSONText.string(text) == expected)
        #expect(try JSONDecoder().decode(String.self, from: Data(JSONText.string(text).utf8)) == text)
    }
}
