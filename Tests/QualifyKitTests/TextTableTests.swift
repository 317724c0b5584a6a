import QualifyKit
import Testing

@Suite struct TextTableTests {
    @Test func columnsAreMeasuredInTerminalColumnsAndNumbersAlignRight() {
        let lines = TextTable.lines(header: ["Deal", "Amount", "Note"],
                                    rows: [["Acme 😬 deal", "5", "x"], ["Globex", "1200", ""]],
                                    widest: .max, alignments: [.left, .right, .left])
        #expect(lines == [
            "Deal          Amount  Note",
            "Acme 😬 deal       5  x",
            // An empty last cell adds nothing: the line ends at its last text.
            "Globex          1200",
        ])
    }

    /// A name holding an escape is shown as `\u{1B}`: its column is as wide as that.
    @Test func aCellWithAControlCharacterIsMeasuredAsItIsShown() {
        let lines = TextTable.lines(header: ["Deal", "Note"], rows: [["A\u{1B}[2JB", "x"], ["Globex", "y"]])
            .map { ControlCharacters.visible($0) }
        #expect(lines == ["Deal         Note", "A\\u{1B}[2JB  x", "Globex       y"])
        #expect(TerminalColor.styled("Deal", "1").terminalWidth == 4)
    }

    @Test func aLongCellStopsWideningItsColumnButIsNotCut() {
        let long = String(repeating: "w", count: 12)
        let lines = TextTable.lines(header: ["A", "B"], rows: [[long, "b"], ["a", "b"]], widest: 5)
        #expect(lines == ["A      B", long + "  b", "a      b"])
    }
}
