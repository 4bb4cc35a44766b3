import Foundation
import Inventory
import XAPI
import XAPISim

/// Scenario 5, first part: how many events per second the client applies. The simulator's
/// churn runs in this process for `churnSeconds` at `churnRate` changes per second; then one
/// `event.from` reply with the whole backlog (encoded by the simulator, not timed) is decoded
/// (JSON-RPC, xentui's default wire) and applied to the pool's inventory, which is what
/// `PoolSync` does with each batch. The live rate under `xapi-sim --churn` cannot show the
/// client's capacity: the simulator's churn walks every VM per change, far below 200,000/s.
struct EventsScenario {
    var vms: Int
    var hosts: Int
    var runs: Int
    var churnRate: Double
    var churnSeconds: Double

    func run() async throws -> [Figure] {
        progress("events: generating a pool of \(vms) VMs")
        guard let database = SimDatabase.generate(pools: 1, hosts: hosts, vms: vms, seed: 3).first else {
            throw BenchError.failed("the simulator generated no pool")
        }
        let pool = SimPool(database: database)
        guard case .success(.string(let session)) = pool.handle(XAPICall(
            method: "session.login_with_password", params: [.string(SimulatorProcess.user), .string(SimulatorProcess.password)]))
        else { throw BenchError.failed("cannot log in to the in-process simulator") }
        let classes = XAPIValue.array(PoolInventory.eventClasses.map { .string($0) })

        // The initial load as events: every object of every class, from an empty token.
        var inventory = PoolInventory(name: "events")
        let initial = try eventsFrom(pool, session: session, classes: classes, token: "")
        var initialRates: [Double] = []
        var token = ""
        for _ in 0..<runs {
            inventory = PoolInventory(name: "events")
            let (rate, batch) = try decodeAndApply(initial, into: &inventory)
            initialRates.append(rate)
            token = batch.token
        }

        var rates: [Double] = []
        var produced: [Double] = []
        var backlog = 0
        for run in 1...runs {
            progress("events: churn backlog, run \(run) of \(runs)")
            pool.startChurn(rate: churnRate, seed: UInt64(run))
            let churnStart = now()
            try await Task.sleep(for: .seconds(churnSeconds))
            pool.stopBackground()
            let churnTime = now() - churnStart
            let bytes = try eventsFrom(pool, session: session, classes: classes, token: token)
            let (rate, batch) = try decodeAndApply(bytes, into: &inventory)
            backlog = batch.events.count
            produced.append(Double(batch.events.count) / churnTime)
            rates.append(rate)
            token = batch.token
        }
        return [
            Figure(id: "events.applied", title: "events applied", unit: "/s", goal: .atLeast(200_000), samples: rates,
                   note: "a churn backlog of ~\(backlog) events (1 pool, \(vms) VMs), event.from reply decoded (JSON-RPC) and applied to PoolInventory"),
            Figure(id: "events.initial", title: "events applied, initial sync", unit: "/s", samples: initialRates,
                   note: "event.from with an empty token: every object as an add event (\(String(format: "%.1f", Double(initial.count) / 1e6)) MB reply)"),
            Figure(id: "sim.churn", title: "simulator churn, produced", unit: "changes/s", samples: produced,
                   note: "objects changed per second by the simulator's churn asked for \(Measured.format(churnRate))/s"),
        ]
    }

    /// The simulator's `event.from` reply as JSON-RPC bytes.
    private func eventsFrom(_ pool: SimPool, session: String, classes: XAPIValue, token: String) throws -> [UInt8] {
        let reply = pool.handle(XAPICall(method: "event.from", params: [.string(session), classes, .string(token), .double(0)]))
        if case .failure(let description) = reply { throw BenchError.failed("event.from failed: \(description)") }
        return JSONRPC.encodeReply(reply, id: .int(1), version: .v2)
    }

    /// Decodes a reply and applies its events as `PoolSync` does; events per second, and the batch.
    private func decodeAndApply(_ bytes: [UInt8], into inventory: inout PoolInventory) throws -> (Double, EventBatch) {
        let start = now()
        let reader = EventBatchReader()
        guard case .success(let batch) = try JSONRPC.decodeReply(bytes, { try reader.read(&$0) }) else {
            throw BenchError.failed("event.from reply did not decode as a success")
        }
        var changed: [String: Set<String>] = [:]
        for event in batch.events where inventory.apply(event) {
            changed[event.className, default: []].insert(event.ref)
        }
        inventory.token = batch.token
        let seconds = now() - start
        return (Double(batch.events.count) / seconds, batch)
    }
}
