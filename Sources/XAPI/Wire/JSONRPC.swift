/// JSON-RPC 1.0 and 2.0 envelopes as xapi reads and writes them (PROTOCOL.md §1).
public enum JSONRPC {
    // MARK: - Client side

    /// `{"method":…,"params":[…],"id":…}`, with `"jsonrpc":"2.0"` first for v2.
    public static func encodeCall(method: String, params: [XAPIValue], id: JSONRPCID, version: JSONRPCVersion) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginStruct()
        if version == .v2 { w.member("jsonrpc") { $0.writeString("2.0") } }
        w.member("method") { $0.writeString(method) }
        w.beginMember("params")
        w.beginArray()
        for param in params { w.writeValue(param) }
        w.endArray()
        w.member("id") { $0.writeID(id) }
        w.endStruct()
        return w.bytes
    }

    /// Decodes a v1 or v2 reply; `value` decodes `result` straight from the bytes.
    ///
    /// Members may come in any order; a non-null `error` wins over `result`. Error shapes are read
    /// leniently: a v1 array `["CODE", "p1", …]`, a v2 object `{code, message: "CODE", data: […]}`
    /// (data may also be a single value), or any other value, all stringified into the description.
    public static func decodeReply<T>(_ bytes: [UInt8], _ value: (inout JSONRPCDecoder) throws -> T) throws -> XAPIReply<T> {
        try bytes.withUnsafeBytes { raw in
            var d = JSONRPCDecoder(input: raw)
            guard try d.peek() == UInt8(ascii: "{") else {
                throw XAPIDecodingError("a JSON-RPC reply must be an object, found \(WireText.quote(raw, at: d.pos))", offset: d.pos)
            }
            var result: T?
            var hasResult = false
            var resultError: Error?
            var failure: [String]?
            try d.decodeStruct { d, key in
                if key == "result" {
                    if failure != nil || hasResult {
                        try d.skipValue()
                        return
                    }
                    // A failure reply may carry a result (null, or junk) that `value` cannot read:
                    // keep the error and skip the result, in case `error` says the call failed.
                    let start = d.pos
                    let depth = d.depth
                    do {
                        result = try value(&d)
                        hasResult = true
                    } catch {
                        resultError = error
                        d.pos = start
                        d.depth = depth
                        do { try d.skipValue() } catch { throw resultError ?? error }
                    }
                } else if key == "error" {
                    if try d.decodeNull() { return }
                    failure = errorDescription(try d.decodeValue())
                } else {
                    try d.skipValue()
                }
            }
            try d.expectEnd()
            if let failure { return .failure(failure) }
            if let resultError { throw resultError }
            guard hasResult, let result else { throw XAPIDecodingError("the reply has neither a result nor an error") }
            return .success(result)
        }
    }

    // MARK: - Server side

    /// Decodes and validates a call as xapi (rpclib's `version_id_and_call_of_string`) does: an
    /// object with a string `method`; `jsonrpc` absent (v1) or `"2.0"`; `params` an array in v1, and
    /// in v2 an array, an object (passed as the single parameter), or absent/null (no parameters);
    /// `id` a string or an int. A missing or null id (a notification) is an error, which xapi
    /// answers with HTTP 500.
    public static func decodeCall(_ bytes: [UInt8]) throws -> JSONRPCCall {
        try bytes.withUnsafeBytes { raw in
            var d = JSONRPCDecoder(input: raw)
            guard try d.peek() == UInt8(ascii: "{") else {
                throw XAPIDecodingError("a JSON-RPC call must be an object, found \(WireText.quote(raw, at: d.pos))", offset: d.pos)
            }
            var method: String?
            var params: XAPIValue?
            var id: JSONRPCID?
            var version = JSONRPCVersion.v1
            try d.decodeStruct { d, key in
                let at = d.pos
                if key == "method" {
                    guard try d.peek() == UInt8(ascii: "\"") else { throw XAPIDecodingError("method must be a string", offset: at) }
                    method = try d.decodeString()
                } else if key == "params" {
                    params = try d.decodeField("params") { try $0.decodeValue() }
                } else if key == "id" {
                    switch try d.decodeValue() {
                    case .null: id = nil
                    case .string(let s): id = .string(s)
                    case .int(let i): id = .int(i)
                    default: throw XAPIDecodingError("id must be a string or an int", offset: at)
                    }
                } else if key == "jsonrpc" {
                    switch try d.decodeValue() {
                    case .string("2.0"): version = .v2
                    default: throw XAPIDecodingError("invalid field 'jsonrpc' (only \"2.0\" is accepted)", offset: at)
                    }
                } else {
                    try d.skipValue()
                }
            }
            try d.expectEnd()
            guard let method else { throw XAPIDecodingError("the call has no method") }
            guard let id else { throw XAPIDecodingError("the call has no id (notifications are not supported)") }
            let list: [XAPIValue]
            switch params {
            case .array(let items)?: list = items
            case .structure(let fields)?:
                guard version == .v2 else { throw XAPIDecodingError("params must be an array in JSON-RPC 1.0") }
                list = [.structure(fields)]
            case nil, .null?:
                guard version == .v2 else { throw XAPIDecodingError("the call has no params array") }
                list = []
            case let other?: throw XAPIDecodingError("params must be an array, found \(other.kindName)")
            }
            return JSONRPCCall(call: XAPICall(method: method, params: list), id: id, version: version)
        }
    }

    /// A reply in the call's version: v1 `{"result":x,"error":null,"id":…}` or
    /// `{"result":null,"error":["CODE",…],"id":…}`; v2 `{"jsonrpc":"2.0","result":x,"id":…}` or
    /// `{"jsonrpc":"2.0","error":{"code":1,"message":"CODE","data":[…]},"id":…}`.
    public static func encodeReply(_ reply: XAPIReply<XAPIValue>, id: JSONRPCID, version: JSONRPCVersion) -> [UInt8] {
        switch reply {
        case .success(let value):
            return encodeSuccess(id: id, version: version, capacity: 256) { $0.writeValue(value) }
        case .failure(let description):
            var w = JSONWriter(capacity: 256)
            w.beginStruct()
            switch version {
            case .v1:
                w.member("result") { $0.writeNull() }
                w.member("error") { $0.writeStringArray(description) }
            case .v2:
                w.member("jsonrpc") { $0.writeString("2.0") }
                w.beginMember("error")
                w.beginStruct()
                w.member("code") { $0.writeInt(1) }
                w.member("message") { $0.writeString(description.first ?? "") }
                w.member("data") { $0.writeStringArray(Array(description.dropFirst())) }
                w.endStruct()
                w.endMember()
            }
            w.member("id") { $0.writeID(id) }
            w.endStruct()
            return w.bytes
        }
    }

    /// A success reply whose result `body` writes straight into the output, for large replies.
    public static func encodeSuccess(
        id: JSONRPCID, version: JSONRPCVersion, capacity: Int = 4096, _ body: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        var w = JSONWriter(capacity: capacity)
        w.beginStruct()
        if version == .v2 { w.member("jsonrpc") { $0.writeString("2.0") } }
        w.beginMember("result")
        body(&w)
        if version == .v1 { w.member("error") { $0.writeNull() } }
        w.member("id") { $0.writeID(id) }
        w.endStruct()
        return w.bytes
    }

    // MARK: - Pieces

    /// A failure description from whatever shape `error` has; never empty, so there is always a code.
    static func errorDescription(_ error: XAPIValue) -> [String] {
        let description = descriptionParts(error)
        return description.isEmpty ? [error.errorText] : description
    }

    static func descriptionParts(_ error: XAPIValue) -> [String] {
        switch error {
        case .array(let items): return items.map(\.errorText)
        case .structure(let fields):
            let code = fields["message"] ?? fields["code"]
            var description = code.map { [$0.errorText] } ?? []
            switch fields["data"] {
            case .array(let items)?: description += items.map(\.errorText)
            case .null?, nil: break
            case let data?: description.append(data.errorText)
            }
            return description
        default: return [error.errorText]
        }
    }
}

extension JSONWriter {
    mutating func writeID(_ id: JSONRPCID) {
        switch id {
        case .int(let i): writeInt(i)
        case .string(let s): writeString(s)
        }
    }
}
