import Inventory
import Terminal
import XAPI

/// One configured pool as the UI sees it: its inventory, its accent colour, and what the tree
/// needs from it, computed once per inventory change (not per key press).
public struct PoolEntry: Sendable {
    /// The configured name (`[[pool]] name`), the pool's identity in the UI.
    public var name: String { inventory.name }
    public private(set) var inventory: PoolInventory
    public var accent: TerminalColor?
    public private(set) var tree: InventoryTree
    /// Halted VMs by their home host (affinity), for the host's VMs tab; the tree shows them under the pool.
    private(set) var haltedByHost: [Ref<HostRecord>: [Ref<VMRecord>]] = [:]
    /// Not resident on any host: directly under the pool, after its hosts.
    private(set) var unplaced: [Ref<VMRecord>] = []
    private(set) var hostCounts: [Ref<HostRecord>: PowerCounts] = [:]
    public private(set) var counts = PowerCounts()

    public init(inventory: PoolInventory, accent: TerminalColor? = nil) {
        self.inventory = inventory
        self.accent = accent
        self.tree = InventoryTree(inventory)
        index()
    }

    public mutating func update(_ inventory: PoolInventory) {
        self.inventory = inventory
        tree = InventoryTree(inventory)
        index()
    }

    /// A batch that touches nothing the tree shows (tasks, alerts, metrics): the tree stays.
    public mutating func updateRecords(_ inventory: PoolInventory) {
        self.inventory = inventory
    }

    /// VM changes that leave the tree's shape alone (power between running and paused, current
    /// operations, memory…): the inventory and the counts are updated without rebuilding the
    /// tree. False, changing nothing, when a VM appeared, went, moved, was renamed or changed
    /// whether it is shown: the caller then rebuilds with `update`.
    mutating func updateVMsInPlace(_ inventory: PoolInventory, changed: some Sequence<Ref<VMRecord>>) -> Bool {
        var deltas: [Ref<HostRecord>: Int] = [:]
        for ref in changed {
            guard let old = self.inventory.vms[ref], let new = inventory.vms[ref], old.resident_on == new.resident_on,
                  old.affinity == new.affinity, old.name_label == new.name_label,
                  InventoryTree.isShown(old) == InventoryTree.isShown(new)
            else { return false }
            let host = new.resident_on
            // Only VMs resident on a known host count as running; the others count as halted whatever their state.
            guard InventoryTree.isShown(new), !host.isNull, inventory.hosts[host] != nil else { continue }
            let delta = (new.power_state == .running ? 1 : 0) - (old.power_state == .running ? 1 : 0)
            if delta != 0 { deltas[host, default: 0] += delta }
        }
        self.inventory = inventory
        for (host, delta) in deltas {
            hostCounts[host, default: PowerCounts()].running += delta
            hostCounts[host, default: PowerCounts()].halted -= delta
            counts.running += delta
            counts.halted -= delta
        }
        return true
    }

    /// A connection state change alone: nothing the tree shows is recomputed.
    public mutating func updateState(_ state: ConnectionState) {
        inventory.state = state
    }

    private mutating func index() {
        haltedByHost = [:]
        unplaced = []
        hostCounts = [:]
        counts = PowerCounts()
        for node in tree.hosts {
            var c = PowerCounts()
            for ref in node.vms where inventory.vms[ref]?.power_state == .running { c.running += 1 }
            c.halted = node.vms.count - c.running
            hostCounts[node.ref] = c
        }
        // PRODUCT §2: a VM not resident on a host sits under its pool in the tree; its home
        // host (affinity) still lists it in that host's VMs tab.
        for ref in tree.unplacedVMs {
            unplaced.append(ref)
            let affinity = inventory.vms[ref]?.affinity ?? .null
            if !affinity.isNull, inventory.hosts[affinity] != nil { haltedByHost[affinity, default: []].append(ref) }
        }
        for c in hostCounts.values {
            counts.running += c.running
            counts.halted += c.halted
        }
        counts.halted += unplaced.count
    }

    /// The pool's display name: the pool record's name, or the configured one.
    public var displayName: String { tree.poolName }
    public var vmCount: Int { counts.running + counts.halted }
}
