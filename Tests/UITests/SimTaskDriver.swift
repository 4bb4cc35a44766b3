import Foundation
import Inventory
import OrderedCollections
import Synchronization
import XAPI
import XAPISim
@testable import UI

/// Drives a simulated pool in the process: the fixture's `prod` pool is loaded into a `SimPool`
/// on a clock the test moves, calls start tasks, and each `sync()` reads `event.from` as
/// `PoolSync` does and applies the batch to an `AppState`, at the simulated time.
final class SimTaskDriver {
    let pool: SimPool
    private let clock = TestClock(AppFixture.time.timeIntervalSince1970)
    private var session = ""
    private var token = ""
    private(set) var inventory: PoolInventory

    init(_ inventory: PoolInventory = AppFixture.prod, opSeconds: Double = 10) throws {
        var options = SimPoolOptions()
        options.opSeconds = opSeconds
        options.clock = { [clock] in clock.now }
        pool = SimPool(database: Self.database(inventory), options: options)
        self.inventory = inventory
        session = try call("session.login_with_password", [.string("root"), .string("password")]).stringValue ?? ""
        token = try Self.batch(call("event.from", [.string(session), .array([.string("*")]), .string(""), .double(0)])).token
    }

    var now: Date { Date(timeIntervalSince1970: clock.now) }

    func advance(_ seconds: Double) {
        clock.advance(seconds)
        pool.tick()
    }

    @discardableResult
    func call(_ method: String, _ params: [XAPIValue]) throws -> XAPIValue {
        switch pool.handle(XAPICall(method: method, params: params)) {
        case .success(let value): return value
        case .failure(let error): throw XAPIError(code: error.first ?? "", params: Array(error.dropFirst()))
        }
    }

    /// `Async.VM.<name>` on a VM of the fixture; returns the task's ref.
    func start(_ operation: String, vm: String, _ arguments: [XAPIValue] = []) throws -> String {
        try call("Async.VM.\(operation)", [.string(session), .string(vm)] + arguments).stringValue ?? ""
    }

    func destroyTask(_ ref: String) throws {
        try call("task.destroy", [.string(session), .string(ref)])
    }

    /// Reads the events since the last sync into the inventory and applies them to `state`.
    func sync(into state: inout AppState) throws {
        let batch = try Self.batch(call("event.from", [.string(session), .array([.string("*")]), .string(token), .double(0)]))
        token = batch.token
        var changed: [String: Set<String>] = [:]
        for event in batch.events where inventory.apply(event) { changed[event.className, default: []].insert(event.ref) }
        state.apply(pool: inventory.name, kind: .events(changed), inventory: inventory, at: now)
    }

    static func batch(_ value: XAPIValue) throws -> EventBatch {
        var decoder = XAPIValueDecoder(value)
        return try EventBatchReader().read(&decoder)
    }

    /// The inventory's records as the simulator's tables.
    static func database(_ inventory: PoolInventory) -> SimDatabase {
        var database = SimDatabase()
        func put<R: XAPIRecord>(_ store: RecordStore<R>) {
            var table = OrderedDictionary<String, XAPIStruct>()
            for (ref, record) in store.records {
                if case .structure(let fields) = record.toXAPIValue() { table[ref.rawValue] = fields }
            }
            database[R.xapiClassName] = table
        }
        put(inventory.pools)
        put(inventory.hosts)
        put(inventory.hostMetrics)
        put(inventory.vms)
        put(inventory.vmGuestMetrics)
        put(inventory.srs)
        put(inventory.vdis)
        put(inventory.vbds)
        put(inventory.vifs)
        put(inventory.networks)
        put(inventory.pifs)
        put(inventory.pbds)
        put(inventory.tasks)
        put(inventory.messages)
        return database
    }
}

/// The simulated pool's time, moved by the test.
final class TestClock: Sendable {
    private let time: Mutex<Double>
    init(_ start: Double) { time = Mutex(start) }
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}
