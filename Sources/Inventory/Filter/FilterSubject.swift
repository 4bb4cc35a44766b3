import XAPI
import OrderedCollections

/// Something a filter can match: a record seen as named fields.
///
/// Conforming types look fields up directly (`filterField`) for `field:value` terms,
/// and walk their values (`containsFilterValue`) for bare words, which match any field.
/// The generated records conform in Generated/RecordFilterSubjects.swift, straight from their
/// typed fields; matching them builds no `XAPIValue`.
public protocol FilterSubject {
    /// The value of the field with exactly this name, or nil when there is none.
    func filterField(_ name: String) -> FilterValue?
    /// Whether `predicate` holds for the value of some field; stops at the first that does.
    /// A conformance may instead offer the scalars inside a list or map field one by one (the
    /// typed records do, to allocate nothing): the filter's bare words match a list or map when
    /// one of its scalars matches, so the answer is the same.
    func containsFilterValue(where predicate: (FilterValue) -> Bool) -> Bool
    /// Every field, in order (for display and debugging; matching does not use it).
    var filterFields: [(String, FilterValue)] { get }
}

extension FilterMap: FilterSubject {
    public func filterField(_ name: String) -> FilterValue? { self[name] }

    public func containsFilterValue(where predicate: (FilterValue) -> Bool) -> Bool {
        switch storage {
        case .pairs(let p): return p.contains { predicate($0.1) }
        case .xapi(let s): return s.values.contains { v in FilterValue(xapi: v).map(predicate) ?? false }
        }
    }

    public var filterFields: [(String, FilterValue)] { pairs }
}

/// An XAPI record as a struct value (`record.toXAPIValue()`, or a `get_all_records` entry)
/// is matched in place: a field is a dictionary lookup, no conversion of the whole record.
extension OrderedDictionary: FilterSubject where Key == String, Value == XAPIValue {
    public func filterField(_ name: String) -> FilterValue? {
        self[name].flatMap(FilterValue.init(xapi:))
    }

    public func containsFilterValue(where predicate: (FilterValue) -> Bool) -> Bool {
        values.contains { v in FilterValue(xapi: v).map(predicate) ?? false }
    }

    public var filterFields: [(String, FilterValue)] { FilterMap(xapi: self).pairs }
}

/// A decoded XAPI value: a struct is a subject with its members as fields; anything else
/// has no fields (so only bare words can match it, against itself).
extension XAPIValue: FilterSubject {
    public func filterField(_ name: String) -> FilterValue? {
        if case .structure(let s) = self { return s.filterField(name) }
        return nil
    }

    public func containsFilterValue(where predicate: (FilterValue) -> Bool) -> Bool {
        if case .structure(let s) = self { return s.containsFilterValue(where: predicate) }
        return FilterValue(xapi: self).map(predicate) ?? false
    }

    public var filterFields: [(String, FilterValue)] {
        if case .structure(let s) = self { return s.filterFields }
        return []
    }
}
