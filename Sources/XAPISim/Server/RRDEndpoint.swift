/// The seam for `GET /rrd_updates`: the server parses the request and checks the session,
/// a handler (the RRD generator) produces the body.
public struct RRDUpdatesRequest: Sendable {
    /// The pool whose master listener received the request.
    public var pool: SimPool
    /// The raw query string (after `?`).
    public var query: String
    /// Query parameters in order; a name may repeat (`vm_uuid`).
    public var parameters: [(name: String, value: String)]
    /// The `Accept` header, which newer xapi uses to pick XML or JSON.
    public var accept: String?

    public init(pool: SimPool, query: String, parameters: [(name: String, value: String)], accept: String?) {
        self.pool = pool
        self.query = query
        self.parameters = parameters
        self.accept = accept
    }

    /// The first value of a parameter.
    public func value(_ name: String) -> String? { parameters.first { $0.name == name }?.value }
    /// Every value of a repeated parameter.
    public func values(_ name: String) -> [String] { parameters.filter { $0.name == name }.map(\.value) }
}

public struct RRDUpdatesResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

public typealias RRDUpdatesHandler = @Sendable (RRDUpdatesRequest) -> RRDUpdatesResponse

/// Splits `a=1&b=%2F` into decoded pairs.
func parseQuery(_ query: String) -> [(name: String, value: String)] {
    query.split(separator: "&").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = percentDecoded(String(parts[0]))
        let value = parts.count > 1 ? percentDecoded(String(parts[1])) : ""
        return (name, value)
    }
}

func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
        if byte == UInt8(ascii: "%"), utf8.count >= 2,
            let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        } else if byte == UInt8(ascii: "+") {
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
