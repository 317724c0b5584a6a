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
            "Globex          1200  ",
        ])
    }

    @Test func aLongCellStopsWideningItsColumnButIsNotCut() {
        let long = String(repeating: "w", count: 12)
        let lines = TextTable.lines(header: ["A", "B"], rows: [[long, "b"], ["a", "b"]], widest: 5)
        #expect(lines == ["A      B", long + "  b", "a      b"])
    }
}
