import Testing
import XAPI
import XAPISim

@testable import Inventory

/// The real client (curl, codecs, session, sync) against the simulator on loopback.
@Suite("Pool event loop against the simulator", .serialized, .timeLimit(.minutes(1)))
struct EventLoopEndToEndTests {
    struct Running {
        let database: SimDatabase
        let pool: SimPool
        let server: SimServer
        let url: String
    }

    static func startSimulator(seed: UInt64 = 7) async throws -> Running {
        let database = SimDatabase.generate(pools: 1, hosts: 2, vms: 20, seed: seed)[0]
        var options = SimPoolOptions()
        options.opSeconds = 0.05
        let pool = SimPool(database: database, options: options)
        let server = SimServer(pools: [pool])
        let listeners = try await server.start(host: "127.0.0.1", port: 0)
        return Running(database: database, pool: pool, server: server, url: listeners[0].url)
    }

    static func run(_ sim: Running, preference: XAPIProtocolPreference = .auto) throws -> SyncRun {
        let host = try HostURL(parsing: sim.url)
        let options = XAPISessionOptions(protocolPreference: preference)
        return SyncRun(
            sync: PoolSync(
                name: "sim", address: host,
                makeSession: { XAPISession(host: $0, user: "root", password: .value("password"), options: options) },
                backoff: Backoff(initial: 0.05, maximum: 0.2), eventTimeout: 1))
    }

    static func guestNames(_ database: SimDatabase) -> [String] {
        database["VM"].values.filter { vm in
            vm["is_a_template"]?.boolValue != true && vm["is_control_domain"]?.boolValue != true
                && vm["is_a_snapshot"]?.boolValue != true
        }.compactMap { $0["name_label"]?.stringValue }.sorted()
    }

    @Test(arguments: [XAPIProtocolPreference.auto, .xmlrpc])
    func loadsTheSimulatedPoolAndFollowsChanges(preference: XAPIProtocolPreference) async throws {
        let sim = try await Self.startSimulator()
        let run = try Self.run(sim, preference: preference)
        let loaded = await run.waitFor { $0.kind == .reloaded }
        let inventory = try #require(loaded?.inventory)
        #expect(inventory.vms.count == sim.database["VM"].count)
        #expect(inventory.hosts.count == sim.database["host"].count)
        #expect(inventory.state == .live)
        let tree = InventoryTree(inventory)
        let treeNames = (tree.hosts.flatMap(\.vms) + tree.unplacedVMs).compactMap { inventory.vms[$0]?.name_label }
        #expect(treeNames.sorted() == Self.guestNames(sim.database))
        #expect(tree.hosts.count == 2)

        // A change made through another session arrives as an event.
        let (ref, _) = try #require(inventory.vms.records.first { InventoryTree.isShown($0.value) })
        let session = try XAPISession(url: sim.url, password: .value("password"))
        _ = try await session.call("VM.set_name_label", [.string(ref.rawValue), "renamed-by-test"], object: ref.rawValue)
        let renamed = await run.waitFor { $0.inventory.vms[ref]?.name_label == "renamed-by-test" }
        #expect(renamed != nil)
        if case .events(let changed)? = renamed?.kind { #expect(changed["vm"]?.contains(ref.rawValue) == true) }
        await session.logout()
        await run.stop()
        await sim.server.stop()
    }

    @Test func recoversFromExpiredSessionsAndLostEvents() async throws {
        let sim = try await Self.startSimulator(seed: 11)
        let run = try Self.run(sim)
        _ = await run.waitFor { $0.kind == .reloaded }
        sim.pool.expireSessions()
        sim.pool.loseEvents()
        let (ref, _) = try #require(sim.database["VM"].first { $0.value["is_control_domain"]?.boolValue == false })
        let session = try XAPISession(url: sim.url, password: .value("password"))
        _ = try await session.call("VM.set_name_label", [.string(ref), "after-recovery"])
        let recovered = await run.waitFor { $0.inventory.vms[Ref(ref)]?.name_label == "after-recovery" && $0.inventory.state == .live }
        #expect(recovered != nil)
        await run.stop()
        await sim.server.stop()
    }

    @Test func severalPoolsAtOnce() async throws {
        let first = try await Self.startSimulator(seed: 3)
        let second = try await Self.startSimulator(seed: 4)
        let syncs = try [first, second].enumerated().map { index, sim in
            PoolSync(
                name: "pool\(index)", address: try HostURL(parsing: sim.url),
                makeSession: { XAPISession(host: $0, password: .value("password")) }, eventTimeout: 1)
        }
        let multi = MultiPoolInventory(pools: syncs)
        let task = Task { await multi.run() }
        var loaded: Set<String> = []
        for await change in multi.changes where change.kind == .reloaded {
            #expect(change.inventory.vms.count > 20)
            loaded.insert(change.pool)
            if loaded.count == 2 { break }
        }
        #expect(loaded == ["pool0", "pool1"])
        task.cancel()
        await task.value
        await first.server.stop()
        await second.server.stop()
    }
}

@Suite("Session against the simulator", .serialized, .timeLimit(.minutes(1)))
struct EventLoopSessionEndToEndTests {
    @Test func memberAddressLeadsToTheMaster() async throws {
        let database = SimDatabase.generate(pools: 1, hosts: 2, vms: 3, seed: 5)[0]
        var options = SimServerOptions()
        options.slaveListeners = true
        options.slaveHost = "127.0.0.2"
        let server = SimServer(pools: [SimPool(database: database)], options: options)
        let listeners = try await server.start(host: "127.0.0.1", port: 0)
        defer { Task { await server.stop() } }
        guard let member = listeners.first(where: { $0.role != .master }) else {
            Issue.record("the simulator started no member listener")
            return
        }
        let session = try XAPISession(url: member.url, password: .value("password"))
        try await session.login()
        #expect(await session.host.description == listeners[0].url)
        let (running, _) = try #require(database["VM"].first {
            $0.value["power_state"]?.stringValue == "Running" && $0.value["is_control_domain"]?.boolValue == false
        })
        let task = try await session.callAsync("VM.clean_shutdown", [.string(running)], object: running)
        #expect(task.rawValue.hasPrefix("OpaqueRef:"))
        let methods = try await session.systemListMethods()
        #expect(methods.contains("VM.start"))
        await session.logout()
        await server.stop()
    }
}
