import OrderedCollections
import XAPI

/// Short constructors for the field values the generator writes again and again.
enum SimField {
    static let nullRef = XAPIValue.string("OpaqueRef:NULL")
    static let emptySet = XAPIValue.array([])
    static let emptyMap = XAPIValue.structure([:])

    static func set(_ items: [String]) -> XAPIValue { .array(items.map { .string($0) }) }

    static func map(_ pairs: KeyValuePairs<String, String>) -> XAPIValue {
        var result = XAPIStruct()
        result.reserveCapacity(pairs.count)
        for (key, value) in pairs { result[key] = .string(value) }
        return .structure(result)
    }

    static func map(_ pairs: [(String, String)]) -> XAPIValue {
        var result = XAPIStruct()
        result.reserveCapacity(pairs.count)
        for (key, value) in pairs { result[key] = .string(value) }
        return .structure(result)
    }

    static func time(_ seconds: Int64) -> XAPIValue { .dateTime(XAPIDateTime(secondsSinceEpoch: seconds)) }
}

/// Byte sizes.
enum SimSize {
    static let mib: Int64 = 1 << 20
    static let gib: Int64 = 1 << 30
    static let tib: Int64 = 1 << 40
}
