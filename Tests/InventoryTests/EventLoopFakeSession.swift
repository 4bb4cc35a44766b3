import OrderedCollections
import Synchronization
import XAPI

@testable import Inventory

/// A scripted pool behind fake sessions: tables of records, addresses that are down, and the
/// replies `event.from` gives, one script step per call.
final class FakePool: Sendable {
    struct World: Sendable {
        /// Records by API class name (`VM`, `host`), then by ref.
        var tables: [String: OrderedDictionary<String, XAPIValue>] = [:]
        /// Hosts (by address) that refuse connections.
        var down: Set<String> = []
        /// Addresses logged in at, in order.
        var logins: [String] = []
        var injects = 0
        /// Tokens `event.from` was called with.
        var eventTokens: [String] = []
        /// Classes fetched with get_all_records, in order.
        var fetched: [String] = []
        var steps: [@Sendable (inout World) throws -> EventBatch] = []
        var loginError: (any Error & Sendable)?
    }

    let world: Mutex<World>

    init(_ world: World = World()) { self.world = Mutex(world) }

    func read<T: Sendable>(_ body: (World) -> T) -> T { world.withLock { body($0) } }

    func session(at host: HostURL) -> FakeSession { FakeSession(host: host, pool: self) }

    static func vm(_ name: String, on host: String? = nil) -> XAPIValue {
        var vm = VMRecord()
        vm.name_label = name
        vm.power_state = host == nil ? .halted : .running
        vm.resident_on = host.map { Ref($0) } ?? .null
        return vm.toXAPIValue()
    }

    static func host(_ name: String, address: String) -> XAPIValue {
        var host = HostRecord()
        host.name_label = name
        host.address = address
        return host.toXAPIValue()
    }

    static func event(_ op: XAPIEvent.Operation, vm ref: String, _ name: String? = nil) -> XAPIEvent {
        XAPIEvent(
            id: "1", className: "vm", operation: op, ref: ref,
            snapshot: name.map { try? VMRecord(value: vm($0)) }.flatMap { $0 }.map { .vm($0) })
    }
}

actor FakeSession: XAPISessionProtocol {
    let host: HostURL
    let pool: FakePool

    init(host: HostURL, pool: FakePool) {
        self.host = host
        self.pool = pool
    }

    private func checkReachable() throws {
        if pool.read({ $0.down.contains(host.host) }) {
            throw XAPITransportError.cannotConnect(url: host.description, message: "Connection refused")
        }
    }

    func login() async throws {
        try checkReachable()
        if let error = pool.read({ $0.loginError }) { throw error }
        pool.world.withLock { $0.logins.append(host.host) }
    }

    func logout() async {}

    func call(_ method: String, _ params: [XAPIValue], object: String?) async throws -> XAPIValue {
        try checkReachable()
        guard method == "pool.get_all" else { throw XAPIError(code: "MESSAGE_METHOD_UNKNOWN", params: [method], call: method) }
        return .array(pool.read { Array($0.tables["pool"]?.keys ?? []) }.map { .string($0) })
    }

    func getAllRecords<R: XAPIRecord>(_ type: R.Type) async throws -> OrderedDictionary<Ref<R>, R> {
        try checkReachable()
        let table = pool.world.withLock { world in
            world.fetched.append(R.xapiClassName)
            return world.tables[R.xapiClassName] ?? [:]
        }
        var records = OrderedDictionary<Ref<R>, R>()
        for (ref, value) in table { records[Ref(ref)] = try R(value: value) }
        return records
    }

    func eventInject(className: String, ref: String) async throws -> String {
        try checkReachable()
        return pool.world.withLock { world in
            world.injects += 1
            return "inject-\(world.injects)"
        }
    }

    func eventFrom(classes: [String], token: String, timeout: Double) async throws -> EventBatch {
        try checkReachable()
        let step = pool.world.withLock { world in
            world.eventTokens.append(token)
            return world.steps.isEmpty ? nil : world.steps.removeFirst()
        }
        guard let step else {
            // Script over: wait like a quiet pool until the test cancels.
            try await Task.sleep(for: .seconds(3600))
            return EventBatch(events: [], token: token, validRefCounts: [:])
        }
        return try pool.world.withLock { try step(&$0) }
    }
}

/// A value shared between the test and background tasks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }
}

/// Runs a PoolSync in the background and collects what it publishes.
final class SyncRun: Sendable {
    let sync: PoolSync
    let changes: Locked<[InventoryChange]>
    let sleeps: Locked<[Double]>
    private let task: Task<Void, Never>

    convenience init(pool: FakePool, address: String = "https://10.0.0.1", backoff: Backoff = Backoff(initial: 1, maximum: 4)) throws {
        let host = try HostURL(parsing: address)
        let sleeps = Locked<[Double]>([])
        self.init(
            sync: PoolSync(
                name: "lab", address: host, makeSession: { pool.session(at: $0) }, backoff: backoff, eventTimeout: 1,
                sleep: { seconds in
                    sleeps.withLock { $0.append(seconds) }
                    try await Task.sleep(for: .milliseconds(5))
                }),
            sleeps: sleeps)
    }

    init(sync: PoolSync, sleeps: Locked<[Double]> = Locked([])) {
        let changes = Locked<[InventoryChange]>([])
        task = Task {
            async let running: Void = sync.run()
            for await change in sync.changes { changes.withLock { $0.append(change) } }
            await running
        }
        self.sync = sync
        self.sleeps = sleeps
        self.changes = changes
    }

    /// Waits (up to 5 s) until a published change satisfies `condition`; returns it.
    func waitFor(_ condition: @escaping @Sendable (InventoryChange) -> Bool) async -> InventoryChange? {
        for _ in 0..<500 {
            if let found = changes.withLock({ $0.last(where: condition) }) { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}
