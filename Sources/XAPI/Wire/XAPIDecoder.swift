/// A pull decoder over one encoded value: XML-RPC and JSON-RPC bytes, or an
/// in-memory `XAPIValue`. Generated records decode themselves through it, so a
/// `get_all_records` reply goes straight from bytes into records with no tree between.
///
/// Each call consumes exactly one value. Inside `decodeStruct` the body must consume the
/// member's value (decode it or `skipValue()`) before it returns.
public protocol XAPIDecoder {
    /// A string: XML-RPC untyped `<value>` or `<string>`, a JSON string.
    mutating func decodeString() throws -> String
    /// An int64: XML-RPC untyped text, `<int>`, `<i4>`, `<i8>`; a JSON integer or a numeric string.
    mutating func decodeInt() throws -> Int64
    /// A float: `<double>`, a JSON number, or a numeric string (`NaN`, `Infinity` included).
    mutating func decodeDouble() throws -> Double
    /// A bool: `<boolean>`, a JSON bool (and the strings `true`/`false`).
    mutating func decodeBool() throws -> Bool
    /// A datetime: `<dateTime.iso8601>` or a string in one of XAPI's date forms.
    mutating func decodeDateTime() throws -> XAPIDateTime
    /// An array; `element` is called once per element and must consume it.
    mutating func decodeArray(_ element: (inout Self) throws -> Void) throws
    /// A struct; `member` is called once per member with its name and must consume its value.
    mutating func decodeStruct(_ member: (inout Self, XAPIKey) throws -> Void) throws
    /// Consumes one value of any kind.
    mutating func skipValue() throws
    /// Consumes one value of any kind into the generic model.
    mutating func decodeValue() throws -> XAPIValue
    /// Consumes a null (`<nil/>`, JSON `null`) and returns true, or consumes nothing and returns false.
    mutating func decodeNull() throws -> Bool
}

/// A struct member's name, valid only inside the `decodeStruct` callback that received it.
/// Comparing with a string literal compares bytes, so dispatch on field names allocates nothing.
public struct XAPIKey: CustomStringConvertible {
    public let bytes: UnsafeRawBufferPointer

    public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var description: String { string }
    public var count: Int { bytes.count }

    public static func == (key: XAPIKey, literal: StaticString) -> Bool {
        guard key.bytes.count == literal.utf8CodeUnitCount else { return false }
        if literal.utf8CodeUnitCount == 0 { return true }
        return memcmp(key.bytes.baseAddress!, literal.utf8Start, key.bytes.count) == 0
    }

    /// Disfavoured, so that a string literal compares as a `StaticString` (a plain `memcmp`).
    @_disfavoredOverload
    public static func == (key: XAPIKey, other: String) -> Bool {
        var other = other
        return other.withUTF8 { o in
            o.count == key.bytes.count && (o.isEmpty || memcmp(key.bytes.baseAddress!, o.baseAddress!, o.count) == 0)
        }
    }
}

/// Why a reply could not be decoded: what was wrong, where in the bytes, and in which field.
public struct XAPIDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Byte offset in the input, when the input was bytes.
    public var offset: Int?
    /// The field path from the outermost struct, e.g. `["OpaqueRef:…", "memory_static_max"]`.
    public var path: [String]

    public init(_ message: String, offset: Int? = nil, path: [String] = []) {
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// The same error, seen from one struct further out.
    public func inField(_ name: String) -> XAPIDecodingError {
        var copy = self
        copy.path.insert(name, at: 0)
        return copy
    }

    public var description: String {
        var text = message
        if !path.isEmpty { text = "field \(path.joined(separator: ".")): " + text }
        if let offset { text += " (at byte \(offset))" }
        return text
    }
}

extension XAPIDecoder {
    /// Runs `body` and names `field` in any decoding error it throws.
    @inlinable
    public mutating func decodeField<T>(_ field: StaticString, _ body: (inout Self) throws -> T) throws -> T {
        do {
            return try body(&self)
        } catch let error as XAPIDecodingError {
            throw error.inField(field.description)
        }
    }

    public mutating func decodeStringArray() throws -> [String] {
        var result: [String] = []
        try decodeArray { d in result.append(try d.decodeString()) }
        return result
    }

    public mutating func decodeStringMap() throws -> [String: String] {
        var result: [String: String] = [:]
        try decodeStruct { d, key in result[key.string] = try d.decodeString() }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
