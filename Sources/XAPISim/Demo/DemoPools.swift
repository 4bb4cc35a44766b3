/// The `--demo` pools: the two generated demo pools (`prod`, `lab`) served over real HTTP on
/// loopback inside the process, with gentle background activity (reboots, tasks, alerts).
public final class DemoPools: Sendable {
    /// One pool to connect to: its name, its master's URL and the password it accepts.
    public struct Endpoint: Sendable, Hashable {
        public let name: String
        public let url: String
        public let user: String
        /// The documented demo password (`demo`): the pools are simulated, and a second
        /// client (the Python XenAPI one, `xe`-like scripts) must be able to log in too.
        public let password: String
    }

    public let endpoints: [Endpoint]
    private let server: SimServer

    private init(server: SimServer, endpoints: [Endpoint]) {
        self.server = server
        self.endpoints = endpoints
    }

    /// Starts the pools on 127.0.0.1 with free ports. `churn` is changes per second per pool.
    public static func start(seed: UInt64 = 1, churn: Double = 0.5) async throws -> DemoPools {
        var options = SimPoolOptions()
        options.user = "root"
        options.password = "demo"
        let databases = SimDatabase.demoPools(seed: seed)
        let pools = databases.enumerated().map { index, database in
            var poolOptions = options
            poolOptions.seed = seed &+ UInt64(index)
            return SimPool(database: database, options: poolOptions)
        }
        var serverOptions = SimServerOptions()
        serverOptions.rrdUpdates = SimPool.rrdUpdatesHandler(seed: seed)
        let server = SimServer(pools: pools, options: serverOptions)
        // Starting also starts each pool's task ticker.
        let listeners = try await server.start(host: "127.0.0.1", port: 0).filter { $0.role == .master }
        for (index, pool) in pools.enumerated() {
            pool.startChurn(rate: churn, seed: seed &+ 1000 &+ UInt64(index))
        }
        let names = ["prod", "lab"]
        let endpoints = listeners.map { listener in
            Endpoint(
                name: listener.poolIndex < names.count ? names[listener.poolIndex] : "pool\(listener.poolIndex + 1)",
                url: listener.url, user: options.user, password: options.password)
        }
        return DemoPools(server: server, endpoints: endpoints)
    }

    /// Closes the listeners and stops the background activity.
    public func stop() async { await server.stop() }
}
