import OrderedCollections
import XAPI

/// The records of one class, keyed by ref, in the order the host sent them.
public struct RecordStore<R: XAPIRecord>: Sendable, Equatable {
    public private(set) var records: OrderedDictionary<Ref<R>, R>

    public init(_ records: OrderedDictionary<Ref<R>, R> = [:]) { self.records = records }

    public subscript(ref: Ref<R>) -> R? { records[ref] }
    public var count: Int { records.count }
    public var isEmpty: Bool { records.isEmpty }
    public var refs: some Collection<Ref<R>> { records.keys }

    /// Runs `body` on the record in place, nil when there is none. A record is a big value:
    /// copying one out (`store[ref]`) retains every string and collection in it, which shows
    /// when the tree or a filter visits thousands of them per key press.
    @inlinable
    public func withRecord<T>(_ ref: Ref<R>, _ body: (borrowing R) throws -> T) rethrows -> T? {
        guard let index = records.index(forKey: ref) else { return nil }
        return try records.values.withUnsafeBufferPointer { try body($0[index]) }
    }

    /// Runs `body` on every record in place, in order (see `withRecord`).
    @inlinable
    public func forEachRecord(_ body: (Ref<R>, borrowing R) throws -> Void) rethrows {
        try records.values.withUnsafeBufferPointer { values in
            for (index, ref) in records.keys.enumerated() { try body(ref, values[index]) }
        }
    }

    /// Replaces everything (after `get_all_records`).
    public mutating func replaceAll(_ records: OrderedDictionary<Ref<R>, R>) { self.records = records }

    /// Adds or replaces one record (`add`/`mod` events); false when nothing changed.
    @discardableResult
    public mutating func upsert(_ ref: Ref<R>, _ record: R) -> Bool {
        if records[ref] == record { return false }
        records[ref] = record
        return true
    }

    /// Removes one record (`del` events); false when it was not there.
    @discardableResult
    public mutating func remove(_ ref: Ref<R>) -> Bool { records.removeValue(forKey: ref) != nil }
}
