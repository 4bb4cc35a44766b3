import Inventory
import XAPI

/// The tree's badges: running tasks (`⟳`, `⟳3`) and unread errors (`✗1`) per row. A row shows its
/// own; a folded row adds those of everything under it. Computed per frame from the log pane's
/// per-object counts, which hold only the few objects with tasks or errors, so its cost does
/// not grow with the inventory, and a task-only change needs no row rebuilt.
struct TreeBadges {
    struct Badge: Hashable {
        var tasks = 0
        var errors = 0
    }

    private var own: [TreeNodeID: Badge] = [:]
    private var below: [TreeNodeID: Badge] = [:]

    init(_ state: AppState) {
        for (id, count) in state.logPane.runningTasks { add(id, state: state) { $0.tasks += count } }
        for (id, count) in state.logPane.unreadErrors { add(id, state: state) { $0.errors += count } }
    }

    private mutating func add(_ id: TreeNodeID, state: AppState, _ change: (inout Badge) -> Void) {
        change(&own[id, default: Badge()])
        for ancestor in Self.ancestors(of: id, in: state.pool(named: id.pool)) { change(&below[ancestor, default: Badge()]) }
    }

    /// Where the tree puts an object: a VM under its host (resident, or home host when halted),
    /// SRs and networks under their groups, everything under its pool.
    static func ancestors(of id: TreeNodeID, in entry: PoolEntry?) -> [TreeNodeID] {
        let pool = TreeNodeID(pool: id.pool, kind: .pool)
        switch id.kind {
        case .pool: return []
        case .host, .storageGroup, .networkGroup: return [pool]
        case .sr: return [TreeNodeID(pool: id.pool, kind: .storageGroup), pool]
        case .network: return [TreeNodeID(pool: id.pool, kind: .networkGroup), pool]
        case .vm:
            guard let inventory = entry?.inventory, let vm = inventory.vms[Ref(id.ref)] else { return [pool] }
            let host = vm.resident_on.isNull || inventory.hosts[vm.resident_on] == nil ? vm.affinity : vm.resident_on
            guard !host.isNull, inventory.hosts[host] != nil else { return [pool] }
            return [TreeNodeID(pool: id.pool, kind: .host, ref: host.rawValue), pool]
        }
    }

    /// What a row shows: its own badge, plus its descendants' when folded.
    func badge(for row: TreeRow) -> Badge {
        var badge = own[row.id] ?? Badge()
        if row.folded == true, let more = below[row.id] {
            badge.tasks += more.tasks
            badge.errors += more.errors
        }
        return badge
    }
}
