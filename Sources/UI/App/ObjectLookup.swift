import Inventory
import XAPI

/// Finds objects of every pool by name or uuid, for `:goto` and its completion.
enum ObjectLookup {
    /// Names of hosts, VMs, SRs and networks of every pool (pools are named by their entries).
    static func names(in pools: [PoolEntry]) -> [String] {
        var names: [String] = []
        for entry in pools {
            let inventory = entry.inventory
            names += entry.tree.hosts.map(\.name)
            names += inventory.vms.records.values.filter(InventoryTree.isShown).map(\.name_label)
            names += entry.tree.srs.compactMap { inventory.srs[$0]?.name_label }
            names += entry.tree.networks.compactMap { inventory.networks[$0]?.name_label }
        }
        return names
    }

    /// Every object named `text` exactly (else ignoring case), or with that uuid, in tree
    /// order: pools first, then per pool hosts, VMs, SRs, networks.
    static func find(_ text: String, in pools: [PoolEntry]) -> [TreeNodeID] {
        let exact = search(in: pools) { name, uuid in name == text || (!uuid.isEmpty && uuid == text) }
        if !exact.isEmpty { return exact }
        let lowered = text.lowercased()
        return search(in: pools) { name, uuid in name.lowercased() == lowered || (!uuid.isEmpty && uuid == lowered) }
    }

    private static func search(in pools: [PoolEntry], _ matches: (String, String) -> Bool) -> [TreeNodeID] {
        var found: [TreeNodeID] = []
        for entry in pools {
            let uuid = entry.tree.pool.flatMap { entry.inventory.pools[$0]?.uuid } ?? ""
            if matches(entry.displayName, uuid) || matches(entry.name, uuid) { found.append(TreeNodeID(pool: entry.name, kind: .pool)) }
        }
        for entry in pools {
            let inventory = entry.inventory
            for node in entry.tree.hosts where matches(node.name, inventory.hosts[node.ref]?.uuid ?? "") {
                found.append(TreeNodeID(pool: entry.name, kind: .host, ref: node.ref.rawValue))
            }
            let vms = InventoryTree.sorted(inventory.vms.records.filter { InventoryTree.isShown($0.value) }.map(\.key),
                                           name: { inventory.vms[$0]?.name_label ?? "" })
            for ref in vms where inventory.vms[ref].map({ matches($0.name_label, $0.uuid) }) ?? false {
                found.append(TreeNodeID(pool: entry.name, kind: .vm, ref: ref.rawValue))
            }
            for ref in entry.tree.srs where inventory.srs[ref].map({ matches($0.name_label, $0.uuid) }) ?? false {
                found.append(TreeNodeID(pool: entry.name, kind: .sr, ref: ref.rawValue))
            }
            for ref in entry.tree.networks where inventory.networks[ref].map({ matches($0.name_label, $0.uuid) }) ?? false {
                found.append(TreeNodeID(pool: entry.name, kind: .network, ref: ref.rawValue))
            }
        }
        return found
    }
}
