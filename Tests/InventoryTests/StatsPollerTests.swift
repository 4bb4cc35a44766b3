import Synchronization
import TestSupport
import Testing
import XAPI
import XAPISim

@testable import Inventory

/// The stats poller with the real client (curl, `/rrd_updates`, parser) against the simulator:
/// only the hosts the UI watches are asked, each range at its own step.
@Suite("Stats poller against the simulator", .serialized, .timeLimit(.minutes(1)))
struct StatsPollerTests {
    static let now: Double = 1_764_000_000

    struct Running {
        let database: SimDatabase
        let server: SimServer
        let url: String
        let sessionID: String
    }

    static func startSimulator() async throws -> Running {
        let database = SimDatabase.generate(pools: 1, hosts: 3, vms: 12, seed: 11)[0]
        var options = SimPoolOptions()
        options.clock = { StatsPollerTests.now }
        let pool = SimPool(database: database, options: options)
        var serverOptions = SimServerOptions()
        serverOptions.rrdUpdates = SimPool.rrdUpdatesHandler(seed: 3)
        let server = SimServer(pools: [pool], options: serverOptions)
        let url = try await server.start(host: "127.0.0.1", port: 0)[0].url
        let session = try XAPISession(url: url, password: .value("password"))
        try await session.login()
        let sessionID = try #require(await session.currentSessionRef)
        return Running(database: database, server: server, url: url, sessionID: sessionID)
    }

    /// Hosts by uuid, in a stable order.
    static func hostUUIDs(_ database: SimDatabase) -> [String] {
        database["host"].values.compactMap { $0["uuid"]?.stringValue }.sorted()
    }

    /// A fetch that goes to the simulator and records what was asked.
    final class Recorder: Sendable {
        let asked = Mutex<[(host: String, interval: Int64, start: Int64)]>([])
        let connection: CurlConnection
        let sessionID: String

        init(url: String, sessionID: String) throws {
            connection = CurlConnection(host: try HostURL(parsing: url))
            self.sessionID = sessionID
        }

        var fetch: StatsPoller.Fetch {
            { host, query in
                self.asked.withLock { $0.append((host.uuid, query.interval, query.start)) }
                var query = query
                query.extra["host_uuid"] = host.uuid
                return try await RRDUpdates.fetch(connection: self.connection, sessionID: self.sessionID, query: query, timeout: 5)
            }
        }

        func take() -> [(host: String, interval: Int64, start: Int64)] {
            asked.withLock { asked in
                defer { asked = [] }
                return asked
            }
        }
    }

    static func drain(_ poller: StatsPoller, into store: inout StatsStore, pool: String) async -> [StatsEvent] {
        var events: [StatsEvent] = []
        // The stream buffers: a short, bounded wait collects what the poll yielded.
        let collector = Task {
            var collected: [StatsEvent] = []
            for await event in poller.events {
                collected.append(event)
            }
            return collected
        }
        try? await Task.sleep(for: .milliseconds(100))
        collector.cancel()
        events = await collector.value
        for case .updated(_, let range, let updates) in events { store.record(updates, range: range, pool: pool) }
        return events
    }

    @Test func pollsOnlyTheWatchedHostsEachRangeAtItsStep() async throws {
        let sim = try await Self.startSimulator()
        defer { Task { await sim.server.stop() } }
        let recorder = try Recorder(url: sim.url, sessionID: sim.sessionID)
        let clock = Mutex(Self.now)
        let poller = StatsPoller(now: { clock.withLock { $0 } }, fetch: recorder.fetch)
        let hosts = Self.hostUUIDs(sim.database)
        let first = StatsHost(pool: "sim", uuid: hosts[0])

        await poller.watch([first], pollNow: false)
        await poller.pollOnce()
        let asked = recorder.take()
        #expect(asked.map(\.host) == [hosts[0], hosts[0], hosts[0]])
        #expect(asked.map(\.interval) == [5, 60, 3_600])
        #expect(asked.map(\.start) == [-600, -7_200, -604_800])

        var store = StatsStore()
        let events = await Self.drain(poller, into: &store, pool: "sim")
        #expect(events.count == 3)
        // The host and the VMs resident on it have series; the other hosts' VMs do not.
        let hostStats = try #require(store.object(pool: "sim", uuid: hosts[0]))
        let cpu = try #require(hostStats.series(.cpu, .tenMinutes))
        #expect(cpu.values.filter(\.isFinite).count == 120)
        #expect(cpu.values.allSatisfy { $0.isNaN || (0...1).contains($0) })
        #expect(hostStats.series(.memory, .week)?.latest ?? 0 > 0)
        let hostRef = try #require(sim.database["host"].first { $0.value["uuid"]?.stringValue == hosts[0] }?.key)
        for vm in sim.database["VM"].values where vm["power_state"]?.stringValue == "Running" && vm["is_control_domain"]?.boolValue != true {
            let uuid = vm["uuid"]?.stringValue ?? ""
            let onFirst = vm["resident_on"]?.stringValue == hostRef
            #expect((store.object(pool: "sim", uuid: uuid) != nil) == onFirst, "\(vm["name_label"]?.stringValue ?? "")")
        }

        // 5 s later: only the 10-minute range is due, from the last row on.
        clock.withLock { $0 += 5 }
        await poller.pollOnce()
        let again = recorder.take()
        #expect(again.map(\.interval) == [5])
        #expect(again.first?.start ?? 0 > 0)

        // A second host becomes visible: it gets its whole history, the first only what is due.
        let second = StatsHost(pool: "sim", uuid: hosts[1])
        await poller.watch([first, second], pollNow: false)
        clock.withLock { $0 += 1 }
        await poller.pollOnce()
        #expect(recorder.take().map(\.host) == [hosts[1], hosts[1], hosts[1]])

        // Hidden hosts are not asked any more.
        await poller.watch([second], pollNow: false)
        clock.withLock { $0 += 60 }
        await poller.pollOnce()
        #expect(recorder.take().map(\.host) == [hosts[1], hosts[1]])
    }

    @Test func aFailingHostIsReportedOnceAndNeverShowsTheSession() async throws {
        let sim = try await Self.startSimulator()
        defer { Task { await sim.server.stop() } }
        let secret = "OpaqueRef:not-a-session-1234"
        let recorder = try Recorder(url: sim.url, sessionID: secret)
        let clock = Mutex(Self.now)
        let poller = StatsPoller(now: { clock.withLock { $0 } }, fetch: recorder.fetch)
        await poller.watch([StatsHost(pool: "sim", uuid: Self.hostUUIDs(sim.database)[0])], pollNow: false)
        await poller.pollOnce()
        clock.withLock { $0 += 5 }
        await poller.pollOnce()
        // A failing host is not asked for its other ranges in the same round; it is retried next round.
        #expect(recorder.take().map(\.interval) == [5, 5])
        var store = StatsStore()
        let events = await Self.drain(poller, into: &store, pool: "sim")
        #expect(events.count == 1)
        guard case .failed(_, let message)? = events.first else {
            Issue.record("expected a failure, got \(events)")
            return
        }
        #expect(message.contains("HTTP 401"))
        #expect(message.contains("/rrd_updates"))
        #expect(!message.contains(secret) && !message.contains("not-a-session"))
        #expect(store.isEmpty)
    }

    /// An unreachable host fails once per round and does not hold up the others, asked side by side.
    @Test func aFailingHostDoesNotHoldUpTheOthers() async throws {
        struct Unreachable: Error, CustomStringConvertible { var description: String { "cannot connect" } }
        let asked = Mutex<[String]>([])
        let poller = StatsPoller(now: { Self.now }) { host, query in
            asked.withLock { $0.append("\(host.uuid) \(query.interval)") }
            if host.uuid == "bad" {
                try await Task.sleep(for: .milliseconds(200))
                throw Unreachable()
            }
            let legend = [RRDLegendEntry(consolidation: "AVERAGE", objectClass: "host", uuid: host.uuid, name: "cpu_avg")]
            return RRDUpdates(start: 0, step: query.interval, end: 100, legend: legend, rows: [RRDRow(time: 100, values: [0.5])])
        }
        await poller.watch([StatsHost(pool: "p", uuid: "bad"), StatsHost(pool: "p", uuid: "good")], pollNow: false)
        let clock = ContinuousClock()
        let began = clock.now
        await poller.pollOnce()
        // Side by side: one wait of the bad host, not one per range.
        #expect(clock.now - began < .milliseconds(600))
        #expect(asked.withLock { $0 }.sorted() == ["bad 5", "good 3600", "good 5", "good 60"])
        var store = StatsStore()
        let events = await Self.drain(poller, into: &store, pool: "p")
        let failures = events.compactMap { event -> String? in
            if case .failed(let host, let message) = event { return host.uuid + ": " + message }
            return nil
        }
        #expect(failures == ["bad: cannot connect"])
        #expect(store.object(pool: "p", uuid: "good")?.series(.cpu, .week)?.latest == 0.5)
    }
}
