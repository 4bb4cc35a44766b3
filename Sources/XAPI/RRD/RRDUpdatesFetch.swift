/// What to ask `GET /rrd_updates` for (PROTOCOL.md §7), besides the session.
public struct RRDFetchQuery: Sendable, Hashable {
    /// Unix seconds; negative: relative to the last update (`-600`: the last 10 minutes).
    public var start: Int64
    /// The wanted step in seconds: 5, 60, 3600 or 86400 pick the RRD's archives.
    public var interval: Int64
    /// `AVERAGE`, `MIN` or `MAX`.
    public var consolidation = "AVERAGE"
    /// Include the host's own data sources.
    public var host = true
    /// Extra parameters, in order (the simulator's `host_uuid`, which picks the host a real
    /// pool would be asked at its own address).
    public var extra: [String: String] = [:]

    public init(start: Int64, interval: Int64, consolidation: String = "AVERAGE", host: Bool = true, extra: [String: String] = [:]) {
        self.start = start
        self.interval = interval
        self.consolidation = consolidation
        self.host = host
        self.extra = extra
    }

    /// The query string, with the session first; percent-encoded.
    func queryString(sessionID: String) -> String {
        var pairs = [("session_id", sessionID), ("start", String(start)), ("cf", consolidation),
                     ("interval", String(interval)), ("host", host ? "true" : "false"), ("json", "true")]
        pairs += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return pairs.map { Self.encoded($0.0) + "=" + Self.encoded($0.1) }.joined(separator: "&")
    }

    static func encoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}

extension RRDUpdates {
    /// GETs `/rrd_updates` on `connection` with `sessionID` and parses the reply. Throws
    /// `XAPITransportError` (the URL it names has no query, so never the session id) or
    /// `RRDUpdatesError`.
    public static func fetch(
        connection: CurlConnection, sessionID: String, query: RRDFetchQuery, timeout: Double = 20
    ) async throws -> RRDUpdates {
        let path = "/rrd_updates"
        let reply = try await connection.get(
            path: path, query: query.queryString(sessionID: sessionID), accept: "application/json", timeout: timeout)
        guard reply.status == 200 else {
            throw XAPITransportError.httpStatus(
                url: connection.host.url(path: path), status: reply.status, excerpt: sessionID.isEmpty ? reply.excerpt : reply.excerpt.replacing(sessionID, with: "…"))
        }
        return try RRDUpdates(parsing: reply.body)
    }
}
