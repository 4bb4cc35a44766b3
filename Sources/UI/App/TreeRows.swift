import Inventory
import XAPI

/// What the left pane lists: the tree (default) or a flat list of one class across all pools
/// (XO 5's `g h`, `g p`, `g v`, `g s`, `g n`).
public enum LeftView: String, Hashable, Sendable {
    case tree, hosts, pools, vms, srs, networks

    public var title: String {
        switch self {
        case .tree: "Tree"
        case .hosts: "Hosts"
        case .pools: "Pools"
        case .vms: "VMs"
        case .srs: "SRs"
        case .networks: "Networks"
        }
    }
}

/// Flattens pools into visible rows. Linear in the number of shown objects.
enum TreeRows {
    /// Nodes folded unless the user unfolded them: the storage and network groups.
    static func foldedByDefault(_ id: TreeNodeID) -> Bool {
        id.kind == .storageGroup || id.kind == .networkGroup
    }

    static func isFolded(_ id: TreeNodeID, _ folds: [TreeNodeID: Bool]) -> Bool {
        folds[id] ?? foldedByDefault(id)
    }

    /// `matches` holds, per pool, what the filter lets through (nil: no filter): VMs in every
    /// view, the other classes in their flat lists only (the tree keeps them as context).
    static func build(_ view: LeftView, pools: [PoolEntry], folds: [TreeNodeID: Bool], matches: [String: PoolFilterMatches]?) -> [TreeRow] {
        var rows: [TreeRow] = []
        for entry in pools {
            let poolMatches = matches.map { $0[entry.name] ?? PoolFilterMatches() }
            let shown = { (ref: Ref<VMRecord>) in poolMatches?.vms.contains(ref) ?? true }
            switch view {
            case .tree: appendTree(entry, folds: folds, shown: shown, to: &rows)
            case .pools: if poolMatches?.pool ?? true { rows.append(poolRow(entry, depth: 0, folded: nil)) }
            case .hosts:
                for node in entry.tree.hosts where poolMatches?.hosts.contains(node.ref) ?? true {
                    rows.append(hostRow(entry, node, depth: 0, folded: nil, pool: true))
                }
            case .vms:
                let all = entry.tree.hosts.flatMap(\.vms) + entry.tree.unplacedVMs
                let sorted = all.map { (ref: $0, key: (entry.inventory.vms.withRecord($0) { $0.name_label } ?? "").lowercased()) }
                    .sorted { ($0.key, $0.ref.rawValue) < ($1.key, $1.ref.rawValue) }.map(\.ref)
                for ref in sorted where shown(ref) { rows.append(vmRow(entry, ref, depth: 0, pool: true)) }
            case .srs:
                for ref in entry.tree.srs where poolMatches?.srs.contains(ref) ?? true { rows.append(srRow(entry, ref, depth: 0, pool: true)) }
            case .networks:
                for ref in entry.tree.networks where poolMatches?.networks.contains(ref) ?? true {
                    rows.append(networkRow(entry, ref, depth: 0, pool: true))
                }
            }
        }
        return rows
    }

    private static func appendTree(_ entry: PoolEntry, folds: [TreeNodeID: Bool], shown: (Ref<VMRecord>) -> Bool, to rows: inout [TreeRow]) {
        let poolID = TreeNodeID(pool: entry.name, kind: .pool)
        let poolFolded = isFolded(poolID, folds)
        rows.append(poolRow(entry, depth: 0, folded: poolFolded))
        if poolFolded { return }
        for node in entry.tree.hosts {
            let id = TreeNodeID(pool: entry.name, kind: .host, ref: node.ref.rawValue)
            let folded = isFolded(id, folds)
            rows.append(hostRow(entry, node, depth: 1, folded: folded, pool: false))
            if folded { continue }
            for ref in node.vms where shown(ref) { rows.append(vmRow(entry, ref, depth: 2, pool: false)) }
        }
        for ref in entry.unplaced where shown(ref) { rows.append(vmRow(entry, ref, depth: 1, pool: false)) }
        let storageID = TreeNodeID(pool: entry.name, kind: .storageGroup)
        let storageFolded = isFolded(storageID, folds)
        rows.append(TreeRow(id: storageID, depth: 1, name: "Storage", folded: storageFolded, childCount: entry.tree.srs.count))
        if !storageFolded {
            for ref in entry.tree.srs { rows.append(srRow(entry, ref, depth: 2, pool: false)) }
        }
        let networkID = TreeNodeID(pool: entry.name, kind: .networkGroup)
        let networkFolded = isFolded(networkID, folds)
        rows.append(TreeRow(id: networkID, depth: 1, name: "Networks", folded: networkFolded, childCount: entry.tree.networks.count))
        if !networkFolded {
            for ref in entry.tree.networks { rows.append(networkRow(entry, ref, depth: 2, pool: false)) }
        }
    }

    private static func poolRow(_ entry: PoolEntry, depth: Int, folded: Bool?) -> TreeRow {
        let busy = entry.tree.pool.flatMap { entry.inventory.pools[$0] }.map { !$0.current_operations.isEmpty } ?? false
        return TreeRow(id: TreeNodeID(pool: entry.name, kind: .pool), depth: depth, name: entry.displayName, folded: folded,
                       counts: folded == false ? nil : entry.counts, busy: busy)
    }

    private static func hostRow(_ entry: PoolEntry, _ node: InventoryTree.HostNode, depth: Int, folded: Bool?, pool: Bool) -> TreeRow {
        let busy = !(entry.inventory.hosts[node.ref]?.current_operations.isEmpty ?? true)
        return TreeRow(id: TreeNodeID(pool: entry.name, kind: .host, ref: node.ref.rawValue), depth: depth, name: node.name,
                       folded: folded, counts: pool ? nil : entry.hostCounts[node.ref] ?? PowerCounts(), busy: busy,
                       poolSuffix: pool ? entry.displayName : nil)
    }

    /// Reads the VM in place (a copy of the whole record per row is what made big trees slow).
    private static func vmRow(_ entry: PoolEntry, _ ref: Ref<VMRecord>, depth: Int, pool: Bool) -> TreeRow {
        let (name, power, busy) = entry.inventory.vms.withRecord(ref) { vm in
            (vm.name_label, vm.power_state, !vm.current_operations.isEmpty)
        } ?? ("", .halted, false)
        return TreeRow(id: TreeNodeID(pool: entry.name, kind: .vm, ref: ref.rawValue), depth: depth, name: name,
                       power: power, busy: busy, poolSuffix: pool ? entry.displayName : nil)
    }

    private static func srRow(_ entry: PoolEntry, _ ref: Ref<SRRecord>, depth: Int, pool: Bool) -> TreeRow {
        let sr = entry.inventory.srs[ref]
        return TreeRow(id: TreeNodeID(pool: entry.name, kind: .sr, ref: ref.rawValue), depth: depth, name: sr?.name_label ?? "",
                       busy: !(sr?.current_operations.isEmpty ?? true), poolSuffix: pool ? entry.displayName : nil)
    }

    private static func networkRow(_ entry: PoolEntry, _ ref: Ref<NetworkRecord>, depth: Int, pool: Bool) -> TreeRow {
        TreeRow(id: TreeNodeID(pool: entry.name, kind: .network, ref: ref.rawValue), depth: depth,
                name: entry.inventory.networks[ref]?.name_label ?? "", poolSuffix: pool ? entry.displayName : nil)
    }
}
