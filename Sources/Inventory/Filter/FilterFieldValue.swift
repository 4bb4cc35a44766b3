import XAPI

/// A record field's Swift type as the filter sees it: the same `FilterValue` that its wire
/// form (`xapiValue`) would give, made straight from the typed value. The generated
/// `FilterSubject` conformances of the records (Generated/RecordFilterSubjects.swift) use it,
/// so that matching a record builds no `XAPIValue`.
public protocol FilterFieldValue {
    /// The value as `FilterValue(xapi: xapiValue)` sees it.
    var filterValue: FilterValue { get }
    /// Whether `predicate` holds for a scalar in the value: the value itself, or for lists and
    /// maps one of their elements, recursively (map keys are not searched). Allocates nothing.
    func containsFilterScalar(where predicate: (FilterValue) -> Bool) -> Bool
}

extension FilterFieldValue {
    @inlinable
    public func containsFilterScalar(where predicate: (FilterValue) -> Bool) -> Bool { predicate(filterValue) }
}

extension String: FilterFieldValue {
    public var filterValue: FilterValue { .string(self) }
}

extension Int64: FilterFieldValue {
    public var filterValue: FilterValue { .number(Double(self)) }
}

extension Double: FilterFieldValue {
    public var filterValue: FilterValue { .number(self) }
}

extension Bool: FilterFieldValue {
    public var filterValue: FilterValue { .bool(self) }
}

/// Date-times are seconds since the epoch, as `FilterValue(xapi:)` reads them.
extension XAPIDateTime: FilterFieldValue {
    public var filterValue: FilterValue { .number(Double(secondsSinceEpoch)) }
}

extension Ref: FilterFieldValue {
    public var filterValue: FilterValue { .string(rawValue) }
}

/// Generated enums conform in the generated file; their wire spelling is what filters see.
extension FilterFieldValue where Self: XAPIEnum {
    public var filterValue: FilterValue { .string(rawValue) }
}

extension Array: FilterFieldValue where Element: FilterFieldValue {
    public var filterValue: FilterValue { .list(FilterList(map(\.filterValue))) }

    public func containsFilterScalar(where predicate: (FilterValue) -> Bool) -> Bool {
        contains { $0.containsFilterScalar(where: predicate) }
    }
}

/// Maps list their members sorted by key, as their wire form does.
extension Dictionary: FilterFieldValue where Key: XAPIMapKey, Value: FilterFieldValue {
    public var filterValue: FilterValue {
        .map(FilterMap(map { ($0.key.xapiKeyString, $0.value.filterValue) }.sorted { $0.0 < $1.0 }))
    }

    public func containsFilterScalar(where predicate: (FilterValue) -> Bool) -> Bool {
        values.contains { $0.containsFilterScalar(where: predicate) }
    }
}
