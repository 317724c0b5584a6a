@testable import QualifyKit
import Testing

@Suite struct ControlCharacterTests {
    @Test func nulEscBelAndALoneCRAreFoundWithLineAndColumn() {
        #expect(ControlCharacters.firstProblem(in: "a\u{0}b") == .init(line: 1, column: 2, scalar: "\u{0}"))
        #expect(ControlCharacters.firstProblem(in: "first\nsec\u{1B}]0;x\u{7}") == .init(line: 2, column: 4, scalar: "\u{1B}"))
        #expect(ControlCharacters.firstProblem(in: "over\rwrite") == .init(line: 1, column: 5, scalar: "\r"))
        #expect(ControlCharacters.firstProblem(in: "ends in CR\r") == .init(line: 1, column: 11, scalar: "\r"))
        #expect(ControlCharacters.firstProblem(in: "c1 \u{9B}2J") == .init(line: 1, column: 4, scalar: "\u{9B}"))
        #expect(ControlCharacters.firstProblem(in: "del\u{7F}") == .init(line: 1, column: 4, scalar: "\u{7F}"))
        #expect(ControlCharacters.firstProblem(in: "a\u{0}b")?.description
            == "line 1, column 2: U+0000 (NUL) is a control character; qualify stores text exactly and cannot keep it. Remove it and try again.")
    }

    @Test func tabNewlineWindowsLineEndsAndEveryLanguagePass() {
        for text in ["tab\there", "two\nlines", "windows\r\nparagraph\r\n", "šef 😬 «naïve» 東京", ""] {
            #expect(ControlCharacters.firstProblem(in: text) == nil, "\(text)")
            #expect(ControlCharacters.visible(text) == text)
        }
    }

    @Test func visibleShowsEachControlAsItsCodeAndKeepsOnlyOurColours() {
        #expect(ControlCharacters.visible("a\u{1B}[2Jb\u{7}\u{0}") == "a\\u{1B}[2Jb\\u{7}\\u{0}")
        #expect(ControlCharacters.visible("\u{1B}]0;pwned\u{7}") == "\\u{1B}]0;pwned\\u{7}")
        #expect(ControlCharacters.visible("x\ry") == "x\\u{D}y")
        let coloured = "\u{1B}[1mName\u{1B}[0m \u{1B}]8;;http://x\u{1B}\\"
        #expect(ControlCharacters.visible(coloured, keepingColors: true) == "\u{1B}[1mName\u{1B}[0m \\u{1B}]8;;http://x\\u{1B}\\")
        #expect(ControlCharacters.visible(coloured) == "\\u{1B}[1mName\\u{1B}[0m \\u{1B}]8;;http://x\\u{1B}\\")
    }
}
