import Foundation
@testable import QualifyStore
import Testing

/// `import all` reads its lines without JSONDecoder: it must accept and
/// refuse exactly what decoding `[String: ExportValue]` accepted and refused.
@Suite struct FlatJSONObjectTests {
    static let lines = [
        #"{"kind":"account","name":"Acme \"Corp\" \\ Ltd","uuid":"0B8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9A11","n":-42,"x":null}"#,
        #"{ "kind" : "statement" , "text" : "šef 😬 tab\there\r\nnew \u00e9 \ud83d\ude2c \/ slash" }"#,
        #"{}"#, #"{"big":9223372036854775807,"small":-9223372036854775808}"#,
        // Refused: not an object, fractions, booleans, nesting, bad escapes, raw control characters, overflow, trailing text.
        #"[1,2]"#, #"{"a":1.5}"#, #"{"a":true}"#, #"{"a":{"b":1}}"#, #"{"a":[1]}"#,
        #"{"a":"\x"}"#, "{\"a\":\"tab\there\"}", #"{"a":9223372036854775808}"#, #"{"a":1} x"#,
        #"{"a":"\ud83d"}"#, #"{"a":01}"#, #"{"a""#, "",
    ]

    @Test(arguments: lines)
    func agreesWithJSONDecoder(_ line: String) {
        let decoded = try? JSONDecoder().decode([String: ExportValue].self, from: Data(line.utf8))
        var bytes = Array(line.utf8)
        let parsed = bytes.withUnsafeMutableBufferPointer { FlatJSONObject.parse(UnsafeBufferPointer($0)) }
        #expect(parsed == decoded, "\(line)")
    }
}

/// Where it is stricter than JSONDecoder on Linux, which took a trailing
/// comma (not JSON) and 1e3 as the integer 1000 (qualify never writes one).
@Suite struct FlatJSONObjectStrictnessTests {
    @Test(arguments: [#"{"a":1,}"#, #"{"a":1e3}"#])
    func refuses(_ line: String) {
        var bytes = Array(line.utf8)
        #expect(bytes.withUnsafeMutableBufferPointer { FlatJSONObject.parse(UnsafeBufferPointer($0)) } == nil)
    }
}

@Suite struct UUIDTextTests {
    @Test func readsWhatFoundationReads() {
        let samples = (0..<20).map { _ in UUID().uuidString } + (0..<5).map { _ in UUID().uuidString.lowercased() } + [
            "", "not-a-uuid", "0B8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9A1", "0B8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9A111",
            "0B8E7A0C3F6E-4C1B-9E55-2C7F1E0D9A11-", "0B8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9AGG", "šB8E7A0C-3F6E-4C1B-9E55-2C7F1E0D9A",
        ]
        for text in samples { #expect(UUIDText.parse(text) == UUID(uuidString: text), "\(text)") }
    }
}
