import OrderedCollections

/// A Swift type that a record field can have: decodes itself from one wire value and
/// writes itself back as XAPI sends it. Generated records decode every field through this,
/// so the generated code stays one line per field.
public protocol XAPIFieldValue: Sendable, Equatable {
    init<D: XAPIDecoder>(xapiFrom decoder: inout D) throws
    var xapiValue: XAPIValue { get }
    /// Writes `xapiValue`, straight from the typed value (no `XAPIValue` built).
    func write<W: XAPIWriter>(to writer: inout W)
}

/// A type that can be a map key. Keys always travel as strings (int keys as decimal strings).
public protocol XAPIMapKey: Hashable, Sendable {
    init(xapiKey key: XAPIKey) throws
    var xapiKeyString: String { get }
}

extension String: XAPIFieldValue, XAPIMapKey {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self = try d.decodeString() }
    public var xapiValue: XAPIValue { .string(self) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeString(self) }
    public init(xapiKey key: XAPIKey) { self = key.string }
    public var xapiKeyString: String { self }
}

extension Int64: XAPIFieldValue, XAPIMapKey {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self = try d.decodeInt() }
    public var xapiValue: XAPIValue { .int(self) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeInt(self) }

    /// Parses a decimal key without building a String first.
    public init(xapiKey key: XAPIKey) throws {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for (index, byte) in key.bytes.enumerated() {
            if index == 0 && byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                throw XAPIDecodingError("expected an int map key, found \"\(key.string)\"")
            }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1 && !o2 else { throw XAPIDecodingError("int map key \"\(key.string)\" is out of range") }
            value = sum
            digits += 1
        }
        guard digits > 0 else { throw XAPIDecodingError("expected an int map key, found \"\(key.string)\"") }
        self = negative ? -value : value
    }

    public var xapiKeyString: String { String(self) }
}

extension Double: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self = try d.decodeDouble() }
    public var xapiValue: XAPIValue { .double(self) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeDouble(self) }
}

extension Bool: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self = try d.decodeBool() }
    public var xapiValue: XAPIValue { .bool(self) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeBool(self) }
}

extension XAPIDateTime: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self = try d.decodeDateTime() }
    public var xapiValue: XAPIValue { .dateTime(self) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeDateTime(self) }
}

extension Ref: XAPIFieldValue, XAPIMapKey {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self.init(rawValue: try d.decodeString()) }
    public var xapiValue: XAPIValue { .string(rawValue) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeString(rawValue) }
    public init(xapiKey key: XAPIKey) { self.init(rawValue: key.string) }
    public var xapiKeyString: String { rawValue }
}

/// Generated enums get their wire coding from here: unknown values decode to `.unknown`.
extension XAPIEnum {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { self.init(wireValue: try d.decodeString()) }
    public var xapiValue: XAPIValue { .string(rawValue) }
    public func write<W: XAPIWriter>(to writer: inout W) { writer.writeString(rawValue) }
    public init(xapiKey key: XAPIKey) { self.init(wireValue: key.string) }
    public var xapiKeyString: String { rawValue }
}

/// Records nest like any other value, so a `get_all_records` reply decodes as
/// `[Ref<VMRecord>: VMRecord]` and an error names the ref and the field.
extension XAPIRecord where Self: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws { try self.init(from: &d) }
    public var xapiValue: XAPIValue { toXAPIValue() }
    public func write<W: XAPIWriter>(to writer: inout W) { writeRecord(to: &writer) }
}

extension Array: XAPIFieldValue where Element: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws {
        var result: [Element] = []
        var index = 0
        try d.decodeArray { d in
            do {
                result.append(try Element(xapiFrom: &d))
            } catch let error as XAPIDecodingError {
                throw error.inField(String(index))
            }
            index += 1
        }
        self = result
    }

    public var xapiValue: XAPIValue { .array(map(\.xapiValue)) }

    public func write<W: XAPIWriter>(to writer: inout W) {
        writer.beginArray()
        for element in self { element.write(to: &writer) }
        writer.endArray()
    }
}

extension Dictionary: XAPIFieldValue where Key: XAPIMapKey, Value: XAPIFieldValue {
    public init<D: XAPIDecoder>(xapiFrom d: inout D) throws {
        var result: [Key: Value] = [:]
        try d.decodeStruct { d, key in
            do {
                result[try Key(xapiKey: key)] = try Value(xapiFrom: &d)
            } catch let error as XAPIDecodingError {
                throw error.inField(key.string)
            }
        }
        self = result
    }

    /// Keys sorted, so the same map always encodes the same way.
    public var xapiValue: XAPIValue {
        var members = XAPIStruct()
        members.reserveCapacity(count)
        for (key, value) in self.sorted(by: { $0.key.xapiKeyString < $1.key.xapiKeyString }) {
            members[key.xapiKeyString] = value.xapiValue
        }
        return .structure(members)
    }

    public func write<W: XAPIWriter>(to writer: inout W) {
        writer.beginStruct()
        for (key, value) in self.sorted(by: { $0.key.xapiKeyString < $1.key.xapiKeyString }) {
            writer.beginMember(key.xapiKeyString)
            value.write(to: &writer)
            writer.endMember()
        }
        writer.endStruct()
    }
}

extension XAPIDecoder {
    /// Decodes one record field into `field`, naming the field in any error.
    /// A null (`<nil/>`, JSON `null`) leaves the field at its current (default) value.
    @inlinable
    public mutating func decodeField<T: XAPIFieldValue>(_ name: StaticString, into field: inout T) throws {
        do {
            if try decodeNull() { return }
            field = try T(xapiFrom: &self)
        } catch let error as XAPIDecodingError {
            throw error.inField(name.description)
        }
    }
}
