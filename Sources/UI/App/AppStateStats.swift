import Foundation
import Inventory
import XAPI

/// The stats the UI shows: what the poller brings in, and which hosts it must poll.
extension AppState {
    /// A reply or a failure from the stats poller.
    public mutating func applyStats(_ event: StatsEvent, at time: Date = Date()) {
        switch event {
        case .updated(let host, let range, let updates):
            stats.record(updates, range: range, pool: host.pool)
            // Objects that are gone (VMs destroyed, hosts removed) are forgotten, so the store
            // stays the size of the inventory.
            if range == .tenMinutes, let inventory = pool(named: host.pool)?.inventory {
                let uuids = Set(inventory.vms.records.values.map(\.uuid)).union(inventory.hosts.records.values.map(\.uuid))
                stats.prune(pool: host.pool, keeping: uuids)
            }
        case .failed(let host, let message):
            let inventory = pool(named: host.pool)?.inventory
            let name = inventory?.hosts.records.values.first { $0.uuid == host.uuid }?.name_label ?? host.uuid
            appendLog(LogPaneEntry(time: time, level: .warning, kind: .error, pool: host.pool,
                                   text: "stats of \(PrintableText.escaped(name)) unavailable: \(PrintableText.escaped(message))"))
        }
    }

    /// The hosts whose stats are on screen: the details pane's object (a VM stands for the host
    /// it runs on, a pool for all its hosts) and, while sparklines show, the tree's visible rows.
    /// `treeHeight` is the number of rows the tree shows.
    public func statsHosts(treeHeight: Int) -> Set<StatsHost> {
        var hosts: Set<StatsHost> = []
        if let row = selectedRow { hosts.formUnion(statsHosts(for: row.id, wholePool: true)) }
        if showSparklines, !rows.isEmpty {
            let first = TreeView.visibleScroll(self, height: max(treeHeight, 1))
            for row in rows[first..<min(rows.count, first + max(treeHeight, 1))] {
                hosts.formUnion(statsHosts(for: row.id, wholePool: false))
            }
        }
        return hosts
    }

    /// What the poller must fetch: the last 10 minutes of every host on screen, and the Stats
    /// tab's range for the hosts of the selection while that tab is open.
    public func statsWanted(treeHeight: Int) -> [StatsHost: Set<StatsRange>] {
        var wanted: [StatsHost: Set<StatsRange>] = [:]
        for host in statsHosts(treeHeight: treeHeight) { wanted[host] = [.tenMinutes] }
        if let row = selectedRow {
            let tabs = DetailsTab.tabs(for: row.id.kind)
            if tabs[min(detailsTab, tabs.count - 1)] == .stats {
                for host in statsHosts(for: row.id, wholePool: true) { wanted[host, default: []].insert(statsRange) }
            }
        }
        return wanted
    }

    private func statsHosts(for id: TreeNodeID, wholePool: Bool) -> [StatsHost] {
        guard let entry = pool(named: id.pool) else { return [] }
        let inventory = entry.inventory
        let master = entry.tree.pool.flatMap { inventory.pools[$0]?.master }
        func host(_ ref: Ref<HostRecord>) -> StatsHost? {
            guard let record = inventory.hosts[ref] else { return nil }
            return StatsHost(pool: id.pool, uuid: record.uuid, address: record.address, isMaster: ref == master)
        }
        switch id.kind {
        case .vm:
            guard let vm = inventory.vms[Ref(id.ref)], vm.power_state == .running || vm.power_state == .paused else { return [] }
            return host(vm.resident_on).map { [$0] } ?? []
        case .host: return host(Ref(id.ref)).map { [$0] } ?? []
        case .pool: return wholePool ? entry.tree.hosts.compactMap { host($0.ref) } : []
        case .sr, .network, .storageGroup, .networkGroup: return []
        }
    }

    /// The uuid the stats know an object by (hosts and VMs).
    func statsUUID(_ id: TreeNodeID) -> String? {
        guard let inventory = pool(named: id.pool)?.inventory else { return nil }
        switch id.kind {
        case .vm: return inventory.vms[Ref(id.ref)]?.uuid
        case .host: return inventory.hosts[Ref(id.ref)]?.uuid
        default: return nil
        }
    }
}
