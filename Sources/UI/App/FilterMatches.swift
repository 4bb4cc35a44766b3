import Inventory
import XAPI

/// What the active filter lets through in one pool, per class. VMs are narrowed in every
/// view; hosts, SRs, networks and the pool are narrowed in their flat lists (`g h`, `g s`…)
/// and stay in the tree as context, marked as matches when they match themselves.
struct PoolFilterMatches: Sendable {
    var vms: Set<Ref<VMRecord>> = []
    var hosts: Set<Ref<HostRecord>> = []
    var srs: Set<Ref<SRRecord>> = []
    var networks: Set<Ref<NetworkRecord>> = []
    var pool = false

    init() {}

    /// Tests every shown object of `entry` once (on a new filter or a pool's change, never per key).
    init(_ entry: PoolEntry, filter: Filter) {
        let inventory = entry.inventory
        for (ref, vm) in inventory.vms.records where InventoryTree.isShown(vm) && filter.matches(vm.toXAPIValue()) {
            vms.insert(ref)
        }
        for node in entry.tree.hosts where inventory.hosts[node.ref].map({ filter.matches($0.toXAPIValue()) }) ?? false {
            hosts.insert(node.ref)
        }
        for ref in entry.tree.srs where inventory.srs[ref].map({ filter.matches($0.toXAPIValue()) }) ?? false { srs.insert(ref) }
        for ref in entry.tree.networks where inventory.networks[ref].map({ filter.matches($0.toXAPIValue()) }) ?? false {
            networks.insert(ref)
        }
        pool = entry.tree.pool.flatMap { inventory.pools[$0] }.map { filter.matches($0.toXAPIValue()) } ?? false
    }

    var count: Int { vms.count + hosts.count + srs.count + networks.count + (pool ? 1 : 0) }

    func contains(_ id: TreeNodeID) -> Bool {
        switch id.kind {
        case .vm: vms.contains(Ref(id.ref))
        case .host: hosts.contains(Ref(id.ref))
        case .sr: srs.contains(Ref(id.ref))
        case .network: networks.contains(Ref(id.ref))
        case .pool: pool
        case .storageGroup, .networkGroup: false
        }
    }
}

/// Every node of the tree in the order the tree shows it, as if nothing were folded (VMs the
/// filter hides left out): `n` and `N` walk it, so that a match inside a folded node is found.
enum TreeOrder {
    static func nodes(_ pools: [PoolEntry], matches: [String: PoolFilterMatches]?) -> [TreeNodeID] {
        var nodes: [TreeNodeID] = []
        for entry in pools {
            let shown = { (ref: Ref<VMRecord>) in matches.map { $0[entry.name]?.vms.contains(ref) ?? false } ?? true }
            let vm = { (ref: Ref<VMRecord>) in TreeNodeID(pool: entry.name, kind: .vm, ref: ref.rawValue) }
            nodes.append(TreeNodeID(pool: entry.name, kind: .pool))
            for node in entry.tree.hosts {
                nodes.append(TreeNodeID(pool: entry.name, kind: .host, ref: node.ref.rawValue))
                nodes += node.vms.filter(shown).map(vm)
            }
            nodes += entry.unplaced.filter(shown).map(vm)
            nodes.append(TreeNodeID(pool: entry.name, kind: .storageGroup))
            nodes += entry.tree.srs.map { TreeNodeID(pool: entry.name, kind: .sr, ref: $0.rawValue) }
            nodes.append(TreeNodeID(pool: entry.name, kind: .networkGroup))
            nodes += entry.tree.networks.map { TreeNodeID(pool: entry.name, kind: .network, ref: $0.rawValue) }
        }
        return nodes
    }
}
