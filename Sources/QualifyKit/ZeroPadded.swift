extension BinaryInteger {
    /// `7.zeroPadded(to: 2)` is "07": how days, months and clock fields are written.
    public func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
