import OrderedCollections

/// A struct as XAPI sends it: member names in wire order.
public typealias XAPIStruct = OrderedDictionary<String, XAPIValue>

/// One value of XAPI's wire model, shared by XML-RPC and JSON-RPC.
///
/// XML-RPC as xapi writes it carries int64 as untyped `<value>` text, so a decoded
/// `.string("42")` may well be an int; the typed accessors below coerce the way
/// xapi's own `int64_of_rpc` / `float_of_rpc` do.
public enum XAPIValue: Hashable, Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case dateTime(XAPIDateTime)
    case array([XAPIValue])
    case structure(XAPIStruct)
    /// `<nil/>` in XML-RPC, `null` in JSON-RPC.
    case null
}

extension XAPIValue {
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return XAPIDouble.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .dateTime(let d): return d.wireString
        default: return nil
        }
    }

    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int64(s)
        case .double(let d): return d.isFinite && d.rounded() == d && abs(d) < 9.2e18 ? Int64(d) : nil
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .string(let s): return XAPIDouble.parse(s)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        case .int(let i): return i != 0
        default: return nil
        }
    }

    public var arrayValue: [XAPIValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var structValue: XAPIStruct? {
        if case .structure(let s) = self { return s }
        return nil
    }

    public subscript(key: String) -> XAPIValue? {
        if case .structure(let s) = self { return s[key] }
        return nil
    }
}

extension XAPIValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: XAPIValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, XAPIValue)...) {
        self = .structure(XAPIStruct(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Doubles the way xapi prints them (`%.16g`) and reads them (also `NaN`, `inf`, `Infinity`).
public enum XAPIDouble {
    public static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        var bytes: [UInt8] = []
        WireOutput.appendDouble(d, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func parse(_ s: String) -> Double? {
        switch s.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default:
            if let d = Double(s) { return d }
            // xapi's OCaml printer writes "1627478400." for whole floats.
            if s.hasSuffix("."), let d = Double(s.dropLast()) { return d }
            return nil
        }
    }
}
