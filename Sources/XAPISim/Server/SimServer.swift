import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The simulator's HTTP front: one listener per pool master (and optionally one playing a pool
/// member), in-process or behind `xapi-sim`.
public final class SimServer: Sendable {
    public let pools: [SimPool]
    public let options: SimServerOptions
    private let group: MultiThreadedEventLoopGroup
    private let connections = SimConnections()
    private let state = Mutex<(channels: [any Channel], listeners: [SimListener], stopping: Task<Void, Never>?)>(([], [], nil))

    public init(pools: [SimPool], options: SimServerOptions = SimServerOptions(), threads: Int = 2) {
        self.pools = pools
        self.options = options
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(threads, 1))
    }

    /// The bound listeners (masters first, in pool order), once started.
    public var listeners: [SimListener] { state.withLock { $0.listeners } }

    /// The master listeners' ports, in pool order.
    public var ports: [Int] { listeners.filter { $0.role == .master }.map(\.port) }

    /// Binds one listener per pool: on `port`, `port+1`… or on free ports when `port` is 0.
    /// Also starts each pool's task ticker. Returns when every listener accepts connections.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> [SimListener] {
        var bound: [SimListener] = []
        do {
            for (index, pool) in pools.enumerated() {
                let wanted = port == 0 ? 0 : port + index
                let master = try await bind(pool: pool, index: index, host: host, port: wanted, role: .master)
                bound.append(master)
                if options.slaveListeners {
                    let role = SimListenerRole.slave(masterAddress: host)
                    bound.append(try await bind(pool: pool, index: index, host: options.slaveHost, port: master.port, role: role))
                }
                pool.startTicking()
            }
        } catch {
            await stop()
            throw error
        }
        bound.sort { ($0.role == .master ? 0 : 1, $0.poolIndex) < ($1.role == .master ? 0 : 1, $1.poolIndex) }
        state.withLock { $0.listeners = bound }
        return bound
    }

    private func bind(pool: SimPool, index: Int, host: String, port: Int, role: SimListenerRole) async throws -> SimListener {
        let options = options
        let connections = connections
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard connections.adopt(channel) else {
                    return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SimHTTPHandler(pool: pool, role: role, options: options, connections: connections))
                }
            }
            .bind(host: host, port: port).get()
        state.withLock { $0.channels.append(channel) }
        let boundPort = channel.localAddress?.port ?? port
        if role == .master { pool.pointConsoles(at: SimListener(pool: pool, poolIndex: index, host: host, port: boundPort, role: role).url) }
        return SimListener(pool: pool, poolIndex: index, host: host, port: boundPort, role: role)
    }

    /// Stops in order: closes the listeners, cancels the calls in flight (releasing every
    /// parked `event.from`/`event.next` and its timer) and closes every client connection,
    /// waiting for each step, then stops the pools' background activity and shuts the event
    /// loops down. Clients still waiting see their connection close. Idempotent: later and
    /// concurrent calls wait for the first one.
    public func stop() async {
        let stopping = state.withLock { state in
            if let stopping = state.stopping { return stopping }
            let stopping = Task { await self.shutDown() }
            state.stopping = stopping
            return stopping
        }
        await stopping.value
    }

    private func shutDown() async {
        let listeners = state.withLock { state in
            let channels = state.channels
            state.channels = []
            return channels
        }
        for listener in listeners { try? await listener.close().get() }
        await connections.closeAll()
        for pool in pools { pool.stopBackground() }
        try? await group.shutdownGracefully()
    }

    /// Client connections and calls still open (both zero after `stop()`).
    var openCounts: (connections: Int, calls: Int) {
        let counts = connections.counts
        return (counts.channels, counts.calls)
    }
}
