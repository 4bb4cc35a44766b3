import XAPI

/// A value a filter looks at: the JSON-like model XO's complex-matcher works on.
///
/// Lists and maps wrap their storage lazily (`FilterList`, `FilterMap`), so an XAPI
/// record can be matched without converting it first: elements become `FilterValue`s
/// only when the matcher reaches them.
public enum FilterValue: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list(FilterList)
    case map(FilterMap)
}

extension FilterValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension FilterValue: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(arrayLiteral elements: FilterValue...) { self = .list(FilterList(elements)) }
    public init(dictionaryLiteral elements: (String, FilterValue)...) { self = .map(FilterMap(elements)) }
}

/// A list (an XAPI set) of filter values.
public struct FilterList: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    enum Storage: Sendable {
        case values([FilterValue])
        case xapi([XAPIValue])
    }
    let storage: Storage

    public init(_ values: [FilterValue]) { storage = .values(values) }
    public init(xapi values: [XAPIValue]) { storage = .xapi(values) }
    public init(arrayLiteral elements: FilterValue...) { storage = .values(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .values(let v): return v.count
        case .xapi(let v): return v.count
        }
    }

    /// An XAPI `null` element reads as an empty string, so the list keeps its length.
    public subscript(position: Int) -> FilterValue {
        switch storage {
        case .values(let v): return v[position]
        case .xapi(let v): return FilterValue(xapi: v[position]) ?? .string("")
        }
    }
}

/// A map (an XAPI struct or `(string -> string) map`) of filter values, in order.
public struct FilterMap: Sendable, ExpressibleByDictionaryLiteral {
    enum Storage: Sendable {
        case pairs([(String, FilterValue)])
        case xapi(XAPIStruct)
    }
    let storage: Storage

    public init(_ pairs: [(String, FilterValue)]) { storage = .pairs(pairs) }
    public init(xapi value: XAPIStruct) { storage = .xapi(value) }
    public init(dictionaryLiteral elements: (String, FilterValue)...) { storage = .pairs(elements) }

    public var count: Int {
        switch storage {
        case .pairs(let p): return p.count
        case .xapi(let s): return s.count
        }
    }

    /// The value under exactly this key.
    public subscript(key: String) -> FilterValue? {
        switch storage {
        case .pairs(let p): return p.first { $0.0 == key }?.1
        case .xapi(let s): return s[key].flatMap(FilterValue.init(xapi:))
        }
    }

    /// Keys and values in order.
    public var pairs: [(String, FilterValue)] {
        switch storage {
        case .pairs(let p): return p
        case .xapi(let s): return s.compactMap { k, v in FilterValue(xapi: v).map { (k, $0) } }
        }
    }
}

extension FilterValue {
    /// The filter view of an XAPI value; `nil` for XAPI's `null`.
    ///
    /// int64 arrives as a number from JSON-RPC and typed records, and as text from raw
    /// XML-RPC; comparisons (`:>4`) parse text, so both compare numerically.
    /// Date-times read as seconds since the epoch, as xo-server gives them to XO's matcher,
    /// so `start_time:>1700000000` compares, and bare words (text) skip them without
    /// formatting a date per record.
    public init?(xapi value: XAPIValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .bool(let b): self = .bool(b)
        case .dateTime(let d): self = .number(Double(d.secondsSinceEpoch))
        case .array(let a): self = .list(FilterList(xapi: a))
        case .structure(let s): self = .map(FilterMap(xapi: s))
        case .null: return nil
        }
    }
}
