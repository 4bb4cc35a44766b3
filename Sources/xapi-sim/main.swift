import ArgumentParser
import Dispatch
import XAPISim

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `xapi-sim`: simulated XAPI pools over HTTP, for the demo, tests and benchmarks.
struct XAPISimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xapi-sim",
        abstract: "An XAPI-compatible pool simulator (XML-RPC on / and /RPC2, JSON-RPC on /jsonrpc).",
        discussion: """
            Prints one line `listening on http://ADDR:PORT` per pool master on standard output once it \
            accepts connections (then, with --slave-listeners, one `slave listening on …` line per pool). \
            Stops cleanly on SIGINT or SIGTERM.
            """)

    @Option(help: "Address to listen on.") var listen = "127.0.0.1"
    @Option(help: "Port of the first pool's master; further pools use the next ports. 0 picks free ports.")
    var port = 0
    @Option(help: "Number of pools to generate.") var pools = 1
    @Option(help: "Hosts per generated pool.") var hosts = 3
    @Option(help: "VMs per generated pool (besides templates and control domains).") var vms = 50
    @Option(help: "Seed of the generated data, refs and churn.") var seed: UInt64 = 1
    @Option(help: "Serve a real xapi database (state.db format) instead of generated pools.") var db: String?
    @Option(help: "User name accepted at login.") var user = "root"
    @Option(help: "Password accepted at login (default: password).") var password = "password"
    @Option(name: .customLong("op-seconds"), help: "How long an Async.* operation takes, in seconds.")
    var opSeconds = 1.0
    @Option(help: "Latency added to every call, in milliseconds.") var latency = 0
    @Option(help: "Background changes per second per pool (reboots, memory, tasks, alerts).") var churn = 0.0

    @Flag(name: .customLong("slave-listeners"), help: "Also listen on --slave-address, same port, as a pool member that answers logins with HOST_IS_SLAVE.")
    var slaveListeners = false
    @Option(name: .customLong("slave-address"), help: "Address of the pool-member listeners.") var slaveAddress = "127.0.0.2"
    @Option(name: .customLong("drop-every"), help: "Close the connection without a reply on every Nth request of a pool (0: never).")
    var dropEvery = 0
    @Option(name: .customLong("expire-sessions-every"), help: "Invalidate every session each S seconds (SESSION_INVALID).")
    var expireSessionsEvery = 0.0
    @Option(name: .customLong("events-lost-every"), help: "Make the next event.from/event.next raise EVENTS_LOST each S seconds.")
    var eventsLostEvery = 0.0

    func validate() throws {
        guard pools >= 1 else { throw ValidationError("--pools must be at least 1") }
        guard hosts >= 1 else { throw ValidationError("--hosts must be at least 1") }
        guard vms >= 0 else { throw ValidationError("--vms cannot be negative") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard opSeconds >= 0, latency >= 0, churn >= 0, dropEvery >= 0 else {
            throw ValidationError("--op-seconds, --latency, --churn and --drop-every cannot be negative")
        }
    }

    func run() async throws { try await serve() }

    func serve() async throws {
        let databases = try loadDatabases()
        var poolOptions = SimPoolOptions()
        poolOptions.user = user
        poolOptions.password = password
        poolOptions.opSeconds = opSeconds
        poolOptions.latencyMilliseconds = latency
        poolOptions.seed = seed
        let simPools = databases.enumerated().map { index, database in
            var options = poolOptions
            options.seed = seed &+ UInt64(index)
            return SimPool(database: database, options: options)
        }
        var serverOptions = SimServerOptions()
        serverOptions.slaveListeners = slaveListeners
        serverOptions.slaveHost = slaveAddress
        serverOptions.dropConnectionEvery = dropEvery
        serverOptions.rrdUpdates = SimPool.rrdUpdatesHandler(seed: seed)
        let server = SimServer(pools: simPools, options: serverOptions)
        let listeners = try await server.start(host: listen, port: port)
        for listener in listeners {
            print(listener.role == .master ? "listening on \(listener.url)" : "slave listening on \(listener.url)")
        }
        fflush(nil)
        for (index, pool) in simPools.enumerated() {
            if churn > 0 { pool.startChurn(rate: churn, seed: seed &+ 1000 &+ UInt64(index)) }
            if expireSessionsEvery > 0 { pool.every(expireSessionsEvery) { $0.expireSessions() } }
            if eventsLostEvery > 0 { pool.every(eventsLostEvery) { $0.loseEvents() } }
        }
        await waitForTerminationSignal()
        await server.stop()
    }

    private func loadDatabases() throws -> [SimDatabase] {
        guard let db else { return SimDatabase.generate(pools: pools, hosts: hosts, vms: vms, seed: seed) }
        guard let file = fopen(db, "rb") else { throw ValidationError("cannot open --db \(db)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        do {
            return [try SimDatabase.load(stateDB: bytes)]
        } catch {
            throw ValidationError("cannot read --db \(db): \(error)")
        }
    }
}

/// Returns once SIGINT or SIGTERM arrives.
private func waitForTerminationSignal() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let queue = DispatchQueue(label: "xapi-sim.signals")
        let resumed = SignalLatch(continuation)
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { resumed.fire() }
            source.resume()
            resumed.keep(source)
        }
    }
}

/// Resumes the waiting continuation once, whichever signal comes first.
private final class SignalLatch: @unchecked Sendable {
    private var continuation: CheckedContinuation<Void, Never>?
    /// The signal sources live as long as the latch (each handler holds it).
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    /// Called on the one serial signal queue only.
    func fire() {
        continuation?.resume()
        continuation = nil
    }

    func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}

// Top-level code cannot use @main, and a bare `main()` here picks the synchronous entry point.
do {
    let command = try XAPISimCommand.parse()
    try await command.serve()
} catch {
    XAPISimCommand.exit(withError: error)
}
