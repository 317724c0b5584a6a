extension String {
    /// The text's UTF-8 bytes in place (a short string's copied to the stack), for
    /// the byte loops an import runs on every row: walking `utf8` with its index
    /// cost about 70 instructions a byte there, a buffer about five (callgrind).
    @inlinable public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var text = self
        return try text.withUTF8(body)
    }
}
