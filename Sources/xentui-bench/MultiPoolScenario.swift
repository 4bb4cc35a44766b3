import Foundation
import Inventory
import XAPI

/// Scenario 2, second part: `pools` pools of `vmsPerPool` VMs connected at once, the way the UI
/// connects them (one `PoolSync` per pool in a `MultiPoolInventory`, every class the UI keeps),
/// timed from the start until every pool is live. The last run's inventories are kept: the keys
/// scenario draws them.
struct MultiPoolScenario {
    var pools: Int
    var vmsPerPool: Int
    var hosts: Int
    var runs: Int

    func run() async throws -> (Figure, [PoolInventory]) {
        progress("load: starting xapi-sim with \(pools) pools of \(vmsPerPool) VMs")
        let simulator = try SimulatorProcess(pools: pools, arguments: ["--hosts", "\(hosts)", "--vms", "\(vmsPerPool)"])
        defer { simulator.stop() }
        var samples: [Double] = []
        var inventories: [PoolInventory] = []
        for run in 1...runs {
            progress("load: \(pools) pools at once, run \(run) of \(runs)")
            let (seconds, loaded) = try await loadAll(urls: simulator.urls)
            samples.append(seconds)
            inventories = loaded
        }
        let vms = inventories.reduce(0) { $0 + $1.vms.count }
        let figure = Figure(id: "load.pools", title: "\(pools) pools × \(Measured.format(Double(vmsPerPool))) VMs, all loaded",
                            unit: "s", goal: .atMost(2), samples: samples,
                            note: "PoolSync per pool in a MultiPoolInventory, every class the UI keeps (\(vms) VM records incl. control domains and templates)")
        return (figure, inventories)
    }

    private func loadAll(urls: [String]) async throws -> (Double, [PoolInventory]) {
        var syncs: [PoolSync] = []
        for (index, url) in urls.enumerated() {
            let address = try HostURL(parsing: url)
            syncs.append(PoolSync(name: "pool-\(index + 1)", address: address, makeSession: { host in
                XAPISession(host: host, user: SimulatorProcess.user, password: .value(SimulatorProcess.password))
            }))
        }
        let multi = MultiPoolInventory(pools: syncs)
        let start = now()
        let running = Task { await multi.run() }
        defer { running.cancel() }
        let timeout = Task {
            try? await Task.sleep(for: .seconds(300))
            running.cancel()
        }
        defer { timeout.cancel() }
        var live: [String: PoolInventory] = [:]
        for await change in multi.changes {
            if change.inventory.state == .live { live[change.pool] = change.inventory }
            if case .failed(let error) = change.inventory.state { throw BenchError.failed("\(change.pool) failed: \(error)") }
            if live.count == urls.count { break }
        }
        let seconds = now() - start
        guard live.count == urls.count else { throw BenchError.failed("only \(live.count) of \(urls.count) pools loaded within 300 s") }
        return (seconds, syncs.indices.compactMap { live["pool-\($0 + 1)"] })
    }
}
