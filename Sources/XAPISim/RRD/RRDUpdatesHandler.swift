/// Connects the server's `/rrd_updates` seam to `rrdUpdatesReply`.
extension RRDUpdatesQuery {
    /// The query of a request; an `Accept: application/json` header asks for JSON, as on
    /// xapi 23.17 and later. nil when the parameters are malformed (see `init?(queryString:)`).
    public init?(request: RRDUpdatesRequest) {
        self.init(queryString: request.query)
        if let accept = request.accept?.lowercased(), accept.contains("application/json") { json = true }
    }
}

extension SimPool {
    /// A `/rrd_updates` handler answering for the pool master (the host the request reached),
    /// with values that depend on `seed` and on the pool's clock. Malformed queries get 400.
    /// The simulator's own `host_uuid=` parameter stands for asking a member at its address
    /// (the simulator serves every host of a pool on one listener).
    public static func rrdUpdatesHandler(seed: UInt64) -> RRDUpdatesHandler {
        { request in
            guard let query = RRDUpdatesQuery(request: request) else {
                return RRDUpdatesResponse(
                    status: 400, contentType: "text/plain",
                    body: Array("rrd_updates: expected start=<unix seconds>, cf=AVERAGE|MIN|MAX, interval=<seconds>\n".utf8))
            }
            let database = request.pool.database
            let master = database.poolRef.flatMap { database["pool"][$0]?["master"]?.stringValue } ?? ""
            let host = request.value("host_uuid") ?? master
            let clock = request.pool.options.clock()
            let now = clock.isFinite && abs(clock) < 1e15 ? Int64(clock) : 0
            let reply = rrdUpdatesReply(database: database, host: host, query: query, now: now, seed: seed)
            return RRDUpdatesResponse(contentType: reply.contentType, body: reply.body)
        }
    }
}
