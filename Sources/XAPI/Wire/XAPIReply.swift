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

/// A decoded JSON-RPC request: the call, and the id and version the reply must echo.
public struct JSONRPCCall: Hashable, Sendable {
    public var call: XAPICall
    public var id: JSONRPCID
    public var version: JSONRPCVersion

    public init(call: XAPICall, id: JSONRPCID, version: JSONRPCVersion) {
        self.call = call
        self.id = id
        self.version = version
    }
}
