/// Decodes from an in-memory `XAPIValue`, with the same leniency as the byte decoders.
/// Used for values that already sit in memory (tests, the simulator's store).
public struct XAPIValueDecoder: XAPIDecoder {
    private var pending: XAPIValue?

    public init(_ value: XAPIValue) { pending = value }

    private mutating func take() throws -> XAPIValue {
        guard let value = pending else { throw XAPIDecodingError("no value left to decode") }
        pending = nil
        return value
    }

    private func mismatch(_ expected: String, _ got: XAPIValue) -> XAPIDecodingError {
        XAPIDecodingError("expected \(expected), found \(got.kindName)")
    }

    public mutating func decodeString() throws -> String {
        let v = try take()
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .dateTime(let d): return d.wireString
        default: throw mismatch("a string", v)
        }
    }

    public mutating func decodeInt() throws -> Int64 {
        let v = try take()
        guard let i = v.intValue, v.isScalarNumberish else { throw mismatch("an int", v) }
        return i
    }

    public mutating func decodeDouble() throws -> Double {
        let v = try take()
        guard let d = v.doubleValue, v.isScalarNumberish else { throw mismatch("a float", v) }
        return d
    }

    public mutating func decodeBool() throws -> Bool {
        let v = try take()
        switch v {
        case .bool(let b): return b
        case .string(let s) where s == "true" || s == "false": return s == "true"
        default: throw mismatch("a bool", v)
        }
    }

    public mutating func decodeDateTime() throws -> XAPIDateTime {
        let v = try take()
        switch v {
        case .dateTime(let d): return d
        case .string(let s):
            if let d = XAPIDateTime(wire: s) { return d }
            if let seconds = XAPIDouble.parse(s), seconds.isFinite { return XAPIDateTime(secondsSinceEpoch: Int64(seconds)) }
            throw XAPIDecodingError("expected a datetime, found the string \"\(s)\"")
        default: throw mismatch("a datetime", v)
        }
    }

    public mutating func decodeArray(_ element: (inout XAPIValueDecoder) throws -> Void) throws {
        let v = try take()
        guard case .array(let items) = v else { throw mismatch("an array", v) }
        for item in items {
            var inner = XAPIValueDecoder(item)
            try element(&inner)
        }
    }

    public mutating func decodeStruct(_ member: (inout XAPIValueDecoder, XAPIKey) throws -> Void) throws {
        let v = try take()
        guard case .structure(let fields) = v else { throw mismatch("a struct", v) }
        for (name, value) in fields {
            var inner = XAPIValueDecoder(value)
            var name = name
            try name.withUTF8 { utf8 in
                try member(&inner, XAPIKey(bytes: UnsafeRawBufferPointer(utf8)))
            }
        }
    }

    public mutating func skipValue() throws { _ = try take() }

    public mutating func decodeValue() throws -> XAPIValue { try take() }

    public mutating func decodeNull() throws -> Bool {
        if case .null = pending { pending = nil; return true }
        return false
    }
}

extension XAPIValue {
    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .int: return "an int"
        case .double: return "a float"
        case .bool: return "a bool"
        case .dateTime: return "a datetime"
        case .array: return "an array"
        case .structure: return "a struct"
        case .null: return "null"
        }
    }

    fileprivate var isScalarNumberish: Bool {
        switch self {
        case .int, .double, .string: return true
        default: return false
        }
    }
}
