/// The fields of a record a row or a command may give: a fixed, small set
/// whose cases `FieldValues` keeps by their place in `allCases`.
public protocol FieldKey: CaseIterable, Hashable, Sendable {
    /// `allCases.count`, counted once (`allCases` builds an array on every call).
    static var fieldCount: Int { get }
}

extension FieldKey {
    /// The case's place in `allCases`. A Swift enum without payloads is stored as
    /// its case's number in declaration order, which is `allCases`' order, in one
    /// byte (FieldValuesTests holds every key to this): reading it costs nothing
    /// where a dictionary hashed the field on every lookup.
    @inlinable public var position: Int {
        precondition(MemoryLayout<Self>.size == 1, "a FieldKey is an enum of fewer than 256 cases without payloads")
        return Int(unsafeBitCast(self, to: UInt8.self))
    }

    /// The case at `position`.
    @inlinable init(position: Int) {
        precondition(MemoryLayout<Self>.size == 1 && position < Self.fieldCount, "no field at \(position)")
        self = unsafeBitCast(UInt8(truncatingIfNeeded: position), to: Self.self)
    }
}

/// Values by field, one slot per field: what a dictionary keyed by the
/// field gives (and written the same way, `[.name: "Acme - Rollout"]`),
/// without hashing. An import resolves 100,000 rows of a dozen fields each;
/// dictionaries made, filled and searched for every row were a quarter of it
/// (perf). Iterating gives the given fields in field order. Inlinable, so the
/// modules that use it get code for their own key, not generic code.
public struct FieldValues<Key: FieldKey>: Equatable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    @usableFromInline var slots: [String?]

    @inlinable public init() {
        // Each slot set to nil in place: `Array(repeating:count:)` retained the repeated
        // nil once a slot, a runtime call each, two new rows of values for every imported row.
        let count = Key.fieldCount
        slots = [String?](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { (buffer.baseAddress! + index).initialize(to: nil) }
            initialized = count
        }
    }

    @inlinable public init(_ values: [Key: String]) {
        self.init()
        for (key, value) in values { self[key] = value }
    }

    @inlinable public init(dictionaryLiteral elements: (Key, String)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }

    @inlinable public subscript(key: Key) -> String? {
        get { slots[key.position] }
        set { slots[key.position] = newValue }
    }

    @inlinable public var isEmpty: Bool { !slots.contains { $0 != nil } }

    /// Every slot emptied in place: a list reused row after row allocates nothing.
    @inlinable public mutating func removeAll() {
        for index in slots.indices { slots[index] = nil }
    }

    @inlinable public func makeIterator() -> Iterator {
        Iterator(slots: slots)
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let slots: [String?]
        @usableFromInline var position = 0

        @inlinable init(slots: [String?]) {
            self.slots = slots
        }

        @inlinable public mutating func next() -> (key: Key, value: String)? {
            while position < slots.count {
                defer { position += 1 }
                if let value = slots[position] { return (Key(position: position), value) }
            }
            return nil
        }
    }
}
