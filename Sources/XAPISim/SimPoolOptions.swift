/// How one simulated pool behaves: credentials, timing and the faults it injects.
public struct SimPoolOptions: Sendable {
    /// The only user name accepted by `session.login_with_password`.
    public var user: String = "root"
    /// The only password accepted.
    public var password: String = "password"
    /// How long an `Async.*` operation takes to finish, in seconds.
    public var opSeconds: Double = 1
    /// xapi waits 5 s before answering a failed login; the simulator waits this long.
    public var loginFailureDelay: Double = 0.2
    /// Added before every answer (async dispatch only).
    public var latencyMilliseconds: Int = 0
    /// How many changes the event log keeps; older tokens get `EVENTS_LOST`.
    public var eventHistoryLimit: Int = 100_000
    /// Pending events per `event.register` session before `event.next` raises `EVENTS_LOST`.
    public var eventQueueLimit: Int = 10_000
    /// Seeds the refs and uuids the simulator creates.
    public var seed: UInt64 = 1
    public var clock: SimClock = SimClocks.system

    public init() {}
}
