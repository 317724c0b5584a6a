/// Columns two spaces apart, padded by terminal columns rather than
/// characters, so a name with an emoji or a CJK character does not push the
/// rest of its row out of line. Every table qualify prints goes through here
/// (the review's wrapping table aside).
public enum TextTable {
    public enum Alignment: Sendable {
        /// Names and words.
        case left
        /// Numbers, so their digits line up.
        case right
    }

    /// Each column's width: its widest cell, but at most `widest` columns, so
    /// one long cell does not push every row's next column off the screen
    /// (that cell is not cut; only its row is longer).
    public static func widths(_ rows: [[String]], widest: Int = .max) -> [Int] {
        guard let first = rows.first else { return [] }
        return first.indices.map { column in
            min(widest, rows.map { column < $0.count ? $0[column].terminalWidth : 0 }.max() ?? 0)
        }
    }

    /// One row. It ends where its text does: empty cells at its end are left
    /// out and the last left-aligned cell is not padded (`plan list`'s status
    /// column is empty for most steps).
    public static func line(_ cells: [String], widths: [Int], alignments: [Alignment] = []) -> String {
        let shown = cells.lastIndex { !$0.isEmpty }.map { cells[...$0] } ?? []
        return shown.enumerated().map { column, cell in
            let missing = String(repeating: " ", count: max(0, widths[column] - cell.terminalWidth))
            switch column < alignments.count ? alignments[column] : .left {
            case .right: return missing + cell
            case .left: return column == shown.count - 1 ? cell : cell + missing
            }
        }.joined(separator: "  ")
    }

    /// The header, then the rows, each as one line.
    public static func lines(header: [String], rows: [[String]], widest: Int = 40,
                             alignments: [Alignment] = []) -> [String] {
        let all = [header] + rows
        let widths = widths(all, widest: widest)
        return all.map { line($0, widths: widths, alignments: alignments) }
    }
}
