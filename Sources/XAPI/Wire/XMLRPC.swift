/// XML-RPC envelopes in xapi's dialect (PROTOCOL.md §1): calls, `{Status, Value | ErrorDescription}`
/// replies, and the bare reply of `system.listMethods`.
public enum XMLRPC {
    // MARK: - Client side

    /// A `<methodCall>`. Ints that fit in 32 bits go out as `<int>`, larger ones as untyped text
    /// (see `XMLRPCWriter.IntStyle.clientRequest`).
    public static func encodeCall(method: String, params: [XAPIValue]) -> [UInt8] {
        var w = XMLRPCWriter(intStyle: .clientRequest, capacity: 256)
        w.append("<?xml version=\"1.0\"?><methodCall><methodName>")
        w.appendEscaped(method)
        w.append("</methodName><params>")
        for param in params {
            w.append("<param>")
            w.writeValue(param)
            w.append("</param>")
        }
        w.append("</params></methodCall>")
        return w.bytes
    }

    /// Decodes a `{Status, Value | ErrorDescription}` reply; `value` decodes `Value` straight from the bytes.
    ///
    /// Members may come in any order. xapi writes Status first, so `Value` is normally decoded
    /// where it stands; when it comes before Status it is skipped and decoded afterwards, only if
    /// Status is Success. A `<fault>` (which xapi never sends, but proxies may) becomes the failure
    /// `["XMLRPC_FAULT", faultCode, faultString]`.
    public static func decodeReply<T>(_ bytes: [UInt8], _ value: (inout XMLRPCDecoder) throws -> T) throws -> XAPIReply<T> {
        try bytes.withUnsafeBytes { raw in
            var d = XMLRPCDecoder(input: raw)
            try d.skipProlog()
            try d.expect("<methodResponse>")
            d.skipSpace()
            if d.consume("<fault>") {
                let description = try decodeFault(&d)
                try closeEnvelope(&d, "</fault>")
                return .failure(description)
            }
            try openParam(&d)
            var status: String?
            var decoded: T?
            var deferredValue: Int?
            var errorDescription: [String]?
            try d.decodeStruct { d, key in
                if key == "Status" {
                    status = try d.decodeString()
                } else if key == "Value" {
                    if status == "Success" {
                        decoded = try value(&d)
                    } else {
                        deferredValue = d.pos
                        try d.skipValue()
                    }
                } else if key == "ErrorDescription" {
                    errorDescription = try d.decodeField("ErrorDescription") { try stringList(&$0) }
                } else {
                    try d.skipValue()
                }
            }
            try closeParam(&d)
            switch status {
            case "Success":
                if let decoded { return .success(decoded) }
                guard let deferredValue else { throw XAPIDecodingError("a Success reply without a Value") }
                var valueDecoder = XMLRPCDecoder(input: raw, position: deferredValue)
                return .success(try value(&valueDecoder))
            case "Failure":
                guard let errorDescription else { throw XAPIDecodingError("a Failure reply without an ErrorDescription") }
                return .failure(errorDescription)
            case nil:
                throw XAPIDecodingError("the reply has no Status")
            case let other?:
                throw XAPIDecodingError("unknown reply Status \"\(other)\"")
            }
        }
    }

    /// Decodes a reply with no Status wrapper (`system.listMethods`).
    public static func decodeBareReply<T>(_ bytes: [UInt8], _ value: (inout XMLRPCDecoder) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in
            var d = XMLRPCDecoder(input: raw)
            try d.skipProlog()
            try d.expect("<methodResponse>")
            try openParam(&d)
            let result = try value(&d)
            try closeParam(&d)
            return result
        }
    }

    // MARK: - Server side

    /// Decodes a `<methodCall>`; its params as generic values.
    public static func decodeCall(_ bytes: [UInt8]) throws -> XAPICall {
        try bytes.withUnsafeBytes { raw in
            var d = XMLRPCDecoder(input: raw)
            try d.skipProlog()
            try d.expect("<methodCall>")
            d.skipSpace()
            try d.expect("<methodName>")
            let nameStart = d.pos
            var entities = false
            try d.scanText(&entities)
            let (s, e) = WireText.trimmed(raw, nameStart, d.pos)
            let method =
                entities
                ? String(decoding: try d.unescape(s, e), as: UTF8.self)
                : String(decoding: d.slice(s, e), as: UTF8.self)
            try d.expect("</methodName>")
            var params: [XAPIValue] = []
            d.skipSpace()
            if d.consume("<params>") {
                while true {
                    d.skipSpace()
                    if d.consume("</params>") { break }
                    try d.expect("<param>")
                    do {
                        params.append(try d.decodeValue())
                    } catch let error as XAPIDecodingError {
                        throw error.inField("param \(params.count + 1)")
                    }
                    d.skipSpace()
                    try d.expect("</param>")
                }
            } else {
                _ = d.consume("<params/>")
            }
            d.skipSpace()
            try d.expect("</methodCall>")
            try d.expectEnd()
            guard !method.isEmpty else { throw XAPIDecodingError("the call has an empty methodName", offset: nameStart) }
            return XAPICall(method: method, params: params)
        }
    }

    /// A `{Status, Value | ErrorDescription}` reply, written as xapi does (Status first).
    public static func encodeReply(_ reply: XAPIReply<XAPIValue>) -> [UInt8] {
        switch reply {
        case .success(let value): return encodeSuccess(capacity: 256) { $0.writeValue(value) }
        case .failure(let description):
            var w = XMLRPCWriter(capacity: 256)
            w.append("<?xml version=\"1.0\"?><methodResponse><params><param>")
            w.beginStruct()
            w.member("Status") { $0.writeString("Failure") }
            w.member("ErrorDescription") { $0.writeStringArray(description) }
            w.endStruct()
            w.append("</param></params></methodResponse>")
            return w.bytes
        }
    }

    /// A Success reply whose Value `body` writes straight into the output, for large replies.
    public static func encodeSuccess(capacity: Int = 4096, _ body: (inout XMLRPCWriter) -> Void) -> [UInt8] {
        var w = XMLRPCWriter(capacity: capacity)
        w.append("<?xml version=\"1.0\"?><methodResponse><params><param>")
        w.beginStruct()
        w.member("Status") { $0.writeString("Success") }
        w.beginMember("Value")
        body(&w)
        w.endMember()
        w.endStruct()
        w.append("</param></params></methodResponse>")
        return w.bytes
    }

    /// A reply with no Status wrapper, as `system.listMethods` answers.
    public static func encodeBareReply(_ value: XAPIValue) -> [UInt8] {
        var w = XMLRPCWriter(capacity: 256)
        w.append("<?xml version=\"1.0\"?><methodResponse><params><param>")
        w.writeValue(value)
        w.append("</param></params></methodResponse>")
        return w.bytes
    }

    // MARK: - Pieces

    static func openParam(_ d: inout XMLRPCDecoder) throws {
        d.skipSpace()
        try d.expect("<params>")
        d.skipSpace()
        try d.expect("<param>")
    }

    static func closeParam(_ d: inout XMLRPCDecoder) throws {
        d.skipSpace()
        try d.expect("</param>")
        try closeEnvelope(&d, "</params>")
    }

    static func closeEnvelope(_ d: inout XMLRPCDecoder, _ tag: StaticString) throws {
        d.skipSpace()
        try d.expect(tag)
        d.skipSpace()
        try d.expect("</methodResponse>")
        try d.expectEnd()
    }

    /// An ErrorDescription: every element as text, whatever its type.
    static func stringList(_ d: inout XMLRPCDecoder) throws -> [String] {
        var items: [String] = []
        try d.decodeArray { d in items.append(try d.decodeValue().errorText) }
        return items
    }

    /// `<fault><value><struct>{faultCode, faultString}</struct></value>` as a failure description.
    static func decodeFault(_ d: inout XMLRPCDecoder) throws -> [String] {
        let fault = try d.decodeValue()
        return ["XMLRPC_FAULT", fault["faultCode"]?.errorText ?? "", fault["faultString"]?.errorText ?? fault.errorText]
    }
}

extension XAPIValue {
    /// The value as text for an error description: scalars as themselves, anything else as JSON.
    var errorText: String {
        if let text = stringValue { return text }
        var w = JSONWriter(capacity: 64)
        w.writeValue(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
