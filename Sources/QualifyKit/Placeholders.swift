extension String {
    /// The script's sentence with each `{name}` replaced by its value.
    public func filled(_ values: [String: String]) -> String {
        filled { values[String($0)] }
    }

    /// Each `{name}` for which `value` has a text replaced by it, in one pass
    /// over the sentence; a name without a value stays as written. What was
    /// put in is not searched again, so a buyer who said "{pain}" is quoted
    /// as typed. Runs before every question: bytes, not Foundation's search.
    public func filled(_ value: (Substring) -> String?) -> String {
        let bytes = utf8, open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var result = ""
        var copied = startIndex, searched = startIndex
        while let start = bytes[searched...].firstIndex(of: open),
              let end = bytes[bytes.index(after: start)...].firstIndex(of: close) {
            guard let text = value(self[bytes.index(after: start)..<end]) else {
                searched = bytes.index(after: start)
                continue
            }
            result += self[copied..<start]
            result += text
            copied = bytes.index(after: end)
            searched = copied
        }
        guard copied != startIndex else { return self }
        result += self[copied...]
        return result
    }
}
