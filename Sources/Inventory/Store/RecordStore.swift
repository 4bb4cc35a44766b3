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
