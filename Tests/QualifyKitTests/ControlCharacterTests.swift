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

    /// A paste copied from a terminal: its colours and title go whole, a lone
    /// ESC or BEL goes alone, and the words around them stay as pasted.
    @Test func removingControlsTakesWholeEscapeSequencesAndKeepsEveryWord() {
        let coloured = ControlCharacters.removingControls(from: "We\u{1B}[1;31m lose\u{1B}[0m share\u{7}")
        #expect(coloured?.text == "We lose share")
        #expect(coloured?.removed == ["the terminal code ESC[1;31m", "the terminal code ESC[0m", "U+0007 (BEL)"])
        #expect(ControlCharacters.removingControls(from: "\u{1B}]8;;https://example.com/a/long/path\u{7}x")?.removed == ["the terminal code ESC]8;;https://…"])
        #expect(ControlCharacters.removingControls(from: "lone\u{1B}")?.removed == ["U+001B (ESC)"])
        #expect(ControlCharacters.removingControls(from: "\u{1B}]0;pwned\u{7}title \u{1B}]8;;http://x\u{1B}\\link")?.text == "title link")
        // Not a sequence, or one cut short: only the ESC goes, no word with it.
        #expect(ControlCharacters.removingControls(from: "before\u{1B}after")?.text == "beforeafter")
        #expect(ControlCharacters.removingControls(from: "cut \u{1B}]0;short")?.text == "cut ]0;short")
        #expect(ControlCharacters.removingControls(from: "cut \u{1B}[12")?.text == "cut [12")
        #expect(ControlCharacters.removingControls(from: "a\u{0}b\u{1}c\u{9B}d")?.removed == ["U+0000 (NUL)", "U+0001", "U+009B (CSI)"])
        #expect(ControlCharacters.removingControls(from: "one\r\ntwo\tthree\u{1B}")?.text == "one\r\ntwo\tthree")
        for clean in ["tab\there", "windows\r\nparagraph", "šef 😬 «naïve» 東京", ""] {
            #expect(ControlCharacters.removingControls(from: clean) == nil, "\(clean)")
        }
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
        let coloured = TerminalColor.styled("Name", "1") + " \u{1B}]8;;http://x\u{1B}\\"
        #expect(ControlCharacters.visible(coloured, keepingColors: true) == "\u{1B}[1mName\u{1B}[0m \\u{1B}]8;;http://x\\u{1B}\\")
        #expect(ControlCharacters.visible(coloured) == "Name \\u{1B}]8;;http://x\\u{1B}\\")
    }

    /// A colour code that came with the text, not from qualify, is shown like any escape:
    /// buyer text set in red (or hidden, black on black) would pass for qualify's own words.
    @Test func aColourCodeInTheTextIsShownEvenWhereQualifysColoursAct() {
        let quote = "We are \u{1B}[31mlosing\u{1B}[0m money \u{1B}[8;30;40mhidden"
        let line = TerminalColor.styled("Pain:", "1") + " " + quote
        #expect(ControlCharacters.visible(line, keepingColors: true)
                == "\u{1B}[1mPain:\u{1B}[0m We are \\u{1B}[31mlosing\\u{1B}[0m money \\u{1B}[8;30;40mhidden")
        // Another run's marker, stored in a quote, is not this run's colour.
        let forged = String(String.UnicodeScalarView(TerminalColor.marker.map { Unicode.Scalar($0.value ^ 1)! })) + "31mred"
        #expect(!ControlCharacters.visible(forged, keepingColors: true).contains("\u{1B}"))
    }

    /// "Trojan Source": an override or isolate makes a quote read in another order than it was
    /// said. Stored as typed, shown as its code; right-to-left letters and the marks are text.
    @Test func directionOverridesAndIsolatesAreShownButRightToLeftTextIsNot() {
        let reversed = "We accept \u{202E}no liability\u{202C} and \u{2066}terms\u{2069}"
        #expect(ControlCharacters.visible(reversed) == "We accept \\u{202E}no liability\\u{202C} and \\u{2066}terms\\u{2069}")
        #expect(ControlCharacters.firstProblem(in: reversed) == nil, "stored as typed")
        for text in ["לא נוכל לסגור את הרבעון", "لا نستطيع التنبؤ", "A \u{200F}ש\u{200E} b", "“quoted” — ok", "\u{2028}"] {
            #expect(ControlCharacters.visible(text) == text, "\(text)")
        }
    }

    /// The byte scan that decides whether a text needs showing at all: each shown range at its
    /// edges, last in the text, and the characters just outside it, which pass as typed.
    @Test func theEdgesOfEachShownRangeAreShownAndTheirNeighboursAreNot() {
        for scalar in ["\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"] {
            let code = String(scalar.unicodeScalars.first!.value, radix: 16, uppercase: true)
            #expect(ControlCharacters.visible("ends in " + scalar) == "ends in \\u{\(code)}")
            #expect(ControlCharacters.visible(scalar + " starts") == "\\u{\(code)} starts")
        }
        for text in ["\u{A0}", "\u{2029}", "\u{202F}", "\u{2065}", "\u{206A}", "\u{FDCF}", "\u{FDF0}", "\u{E2}", "€"] {
            #expect(ControlCharacters.visible("ends in " + text) == "ends in " + text, "\(text.unicodeScalars.first!.value)")
        }
    }

    /// Eight bytes are checked at once: a control is found wherever it falls in them, and tabs,
    /// newlines and the last printable characters (space, tilde) pass wherever they fall.
    @Test func aControlIsFoundAtEveryPlaceOfALongLine() {
        let line = Array("Account 1234 - Deal 56, Ltd.")
        for place in 0...line.count {
            for control in ["\u{0}", "\u{8}", "\u{B}", "\u{1B}", "\u{7F}", "\u{85}"] {
                let text = String(line[..<place]) + control + String(line[place...])
                #expect(ControlCharacters.visible(text).contains("\\u{"), "\(control.unicodeScalars.first!.value) at \(place)")
            }
            for plain in ["\t", "\n", " ", "~", "\r\n"] {
                let text = String(line[..<place]) + plain + String(line[place...])
                #expect(ControlCharacters.visible(text) == text, "\(plain.unicodeScalars.first!.value) at \(place)")
            }
        }
    }
}
