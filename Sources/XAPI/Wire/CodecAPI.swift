// PLACEHOLDER: the public surface of the two codecs, so that every module can be written
// against it while the codecs are being built. The codecs' own files replace this one.

/// The outcome of one call as XAPI reports it: a value, or `ErrorDescription` (code, params…).
public enum XAPIReply<Value> {
    case success(Value)
    case failure([String])
}

extension XAPIReply: Sendable where Value: Sendable {}
extension XAPIReply: Equatable where Value: Equatable {}

/// A decoded request, as a server sees it.
public struct XAPICall: Hashable, Sendable {
    public var method: String
    public var params: [XAPIValue]
    public init(method: String, params: [XAPIValue]) {
        self.method = method
        self.params = params
    }
}

public enum JSONRPCVersion: Hashable, Sendable { case v1, v2 }

public enum JSONRPCID: Hashable, Sendable {
    case int(Int64)
    case string(String)
}

public struct JSONRPCCall: Hashable, Sendable {
    public var call: XAPICall
    public var id: JSONRPCID
    public var version: JSONRPCVersion
}

public enum XMLRPC {
    public static func encodeCall(method: String, params: [XAPIValue]) -> [UInt8] { fatalError("codec placeholder") }
    /// Decodes a `{Status, Value | ErrorDescription}` reply; `value` decodes `Value` straight from the bytes.
    public static func decodeReply<T>(_ bytes: [UInt8], _ value: (inout XMLRPCDecoder) throws -> T) throws -> XAPIReply<T> {
        fatalError("codec placeholder")
    }
    /// Decodes a reply with no Status wrapper (`system.listMethods`).
    public static func decodeBareReply<T>(_ bytes: [UInt8], _ value: (inout XMLRPCDecoder) throws -> T) throws -> T {
        fatalError("codec placeholder")
    }
    public static func decodeCall(_ bytes: [UInt8]) throws -> XAPICall { fatalError("codec placeholder") }
    public static func encodeReply(_ reply: XAPIReply<XAPIValue>) -> [UInt8] { fatalError("codec placeholder") }
    public static func encodeBareReply(_ value: XAPIValue) -> [UInt8] { fatalError("codec placeholder") }
}

public enum JSONRPC {
    public static func encodeCall(method: String, params: [XAPIValue], id: JSONRPCID, version: JSONRPCVersion) -> [UInt8] {
        fatalError("codec placeholder")
    }
    public static func decodeReply<T>(_ bytes: [UInt8], _ value: (inout JSONRPCDecoder) throws -> T) throws -> XAPIReply<T> {
        fatalError("codec placeholder")
    }
    public static func decodeCall(_ bytes: [UInt8]) throws -> JSONRPCCall { fatalError("codec placeholder") }
    public static func encodeReply(_ reply: XAPIReply<XAPIValue>, id: JSONRPCID, version: JSONRPCVersion) -> [UInt8] {
        fatalError("codec placeholder")
    }
}

public struct XMLRPCDecoder: XAPIDecoder {
    public mutating func decodeString() throws -> String { fatalError("codec placeholder") }
    public mutating func decodeInt() throws -> Int64 { fatalError("codec placeholder") }
    public mutating func decodeDouble() throws -> Double { fatalError("codec placeholder") }
    public mutating func decodeBool() throws -> Bool { fatalError("codec placeholder") }
    public mutating func decodeDateTime() throws -> XAPIDateTime { fatalError("codec placeholder") }
    public mutating func decodeArray(_ element: (inout XMLRPCDecoder) throws -> Void) throws { fatalError("codec placeholder") }
    public mutating func decodeStruct(_ member: (inout XMLRPCDecoder, XAPIKey) throws -> Void) throws { fatalError("codec placeholder") }
    public mutating func skipValue() throws { fatalError("codec placeholder") }
    public mutating func decodeValue() throws -> XAPIValue { fatalError("codec placeholder") }
    public mutating func decodeNull() throws -> Bool { fatalError("codec placeholder") }
}

public struct JSONRPCDecoder: XAPIDecoder {
    public mutating func decodeString() throws -> String { fatalError("codec placeholder") }
    public mutating func decodeInt() throws -> Int64 { fatalError("codec placeholder") }
    public mutating func decodeDouble() throws -> Double { fatalError("codec placeholder") }
    public mutating func decodeBool() throws -> Bool { fatalError("codec placeholder") }
    public mutating func decodeDateTime() throws -> XAPIDateTime { fatalError("codec placeholder") }
    public mutating func decodeArray(_ element: (inout JSONRPCDecoder) throws -> Void) throws { fatalError("codec placeholder") }
    public mutating func decodeStruct(_ member: (inout JSONRPCDecoder, XAPIKey) throws -> Void) throws { fatalError("codec placeholder") }
    public mutating func skipValue() throws { fatalError("codec placeholder") }
    public mutating func decodeValue() throws -> XAPIValue { fatalError("codec placeholder") }
    public mutating func decodeNull() throws -> Bool { fatalError("codec placeholder") }
}
