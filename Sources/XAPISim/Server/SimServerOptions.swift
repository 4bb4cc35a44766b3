/// How the simulator's HTTP listeners behave.
public struct SimServerOptions: Sendable {
    /// Largest request body accepted; larger ones get HTTP 413.
    public var maxBodyBytes: Int = 64 << 20
    /// Fault: close the connection without a reply on every Nth request of a pool (0: never).
    public var dropConnectionEvery: Int = 0
    /// Also bind, for each pool, a listener that plays a pool member (answers logins with
    /// HOST_IS_SLAVE naming the master's address) on `slaveHost` and the master's port.
    public var slaveListeners: Bool = false
    public var slaveHost: String = "127.0.0.2"
    /// Produces `/rrd_updates` replies; without it the server answers 404.
    public var rrdUpdates: RRDUpdatesHandler?

    public init() {}
}

/// One bound listener.
public struct SimListener: Sendable {
    public let pool: SimPool
    public let poolIndex: Int
    public let host: String
    public let port: Int
    public let role: SimListenerRole

    public var url: String {
        let literal = host.contains(":") ? "[\(host)]" : host
        return "http://\(literal):\(port)"
    }
}
