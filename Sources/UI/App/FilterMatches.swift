import Dispatch
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

    /// Tests every shown object of `entry` once (on a new filter or a pool's change, never per
    /// key), or only the matches of `within`: the previous filter's, when the new one narrows it.
    init(_ entry: PoolEntry, filter: Filter, within previous: PoolFilterMatches? = nil) {
        let inventory = entry.inventory
        var vms: Set<Ref<VMRecord>> = []
        if let previous {
            for ref in previous.vms where inventory.vms.withRecord(ref, { filter.matches($0) }) ?? false { vms.insert(ref) }
        } else {
            inventory.vms.forEachRecord { ref, vm in
                if InventoryTree.isShown(vm) && filter.matches(vm) { vms.insert(ref) }
            }
        }
        self.vms = vms
        for node in entry.tree.hosts where inventory.hosts[node.ref].map({ filter.matches($0) }) ?? false {
            hosts.insert(node.ref)
        }
        for ref in entry.tree.srs where inventory.srs[ref].map({ filter.matches($0) }) ?? false { srs.insert(ref) }
        for ref in entry.tree.networks where inventory.networks[ref].map({ filter.matches($0) }) ?? false {
            networks.insert(ref)
        }
        pool = entry.tree.pool.flatMap { inventory.pools[$0] }.map { filter.matches($0) } ?? false
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

/// The matches of the filters typed lately, per pool, for the pools as they are now: typing
/// one more character tests only the previous matches, and backspace finds the earlier result
/// again. Any change to what the tree shows empties it.
struct FilterMatchHistory: Sendable {
    private var recent: [(filter: Filter, matches: [String: PoolFilterMatches])] = []
    static let limit = 32

    /// The matches of `filter` in `pools`, from the history, or narrowed from the latest result
    /// that it narrows, or tested afresh.
    mutating func matches(_ filter: Filter, pools: [PoolEntry]) -> [String: PoolFilterMatches] {
        if let index = recent.lastIndex(where: { $0.filter.expression == filter.expression }) {
            let found = recent.remove(at: index)
            recent.append(found)
            return found.matches
        }
        let base = recent.last { filter.narrows($0.filter) }?.matches
        let found = Self.test(filter, pools: pools, within: base)
        var matches: [String: PoolFilterMatches] = [:]
        for (entry, poolMatches) in zip(pools, found) { matches[entry.name] = poolMatches }
        remember(filter, matches)
        return matches
    }

    /// The pools are tested side by side, one per core: a key press waits for the slowest.
    private static func test(_ filter: Filter, pools: [PoolEntry], within base: [String: PoolFilterMatches]?) -> [PoolFilterMatches] {
        if pools.count < 2 { return pools.map { PoolFilterMatches($0, filter: filter, within: base?[$0.name]) } }
        let results = PoolFilterResults(count: pools.count)
        DispatchQueue.concurrentPerform(iterations: pools.count) { index in
            results.set(index, PoolFilterMatches(pools[index], filter: filter, within: base?[pools[index].name]))
        }
        return results.values
    }

    /// The matches of the filter in use, made afresh after the pools changed.
    mutating func remember(_ filter: Filter, _ matches: [String: PoolFilterMatches]) {
        recent.append((filter, matches))
        if recent.count > Self.limit { recent.removeFirst() }
    }

    /// The pools changed: earlier results no longer hold.
    mutating func forget() { recent = [] }
}

/// Where the concurrent tests leave their results, one slot each.
private final class PoolFilterResults: @unchecked Sendable {
    // @unchecked: each slot is written by one iteration only, and read after all have ended.
    private let slots: UnsafeMutableBufferPointer<PoolFilterMatches>
    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: PoolFilterMatches()) }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ index: Int, _ value: PoolFilterMatches) { slots[index] = value }
    var values: [PoolFilterMatches] { Array(slots) }
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
