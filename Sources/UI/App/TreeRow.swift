import Inventory
import XAPI

/// What a tree row stands for. Together with the pool name and the ref it is a row's stable
/// identity, so folding and the cursor survive live updates and re-sorting.
public enum TreeNodeKind: String, Hashable, Sendable {
    case pool, host, vm, storageGroup, sr, networkGroup, network
}

/// A row's identity: pool name, kind, and the object's opaque ref (empty for groups).
public struct TreeNodeID: Hashable, Sendable, CustomStringConvertible {
    public var pool: String
    public var kind: TreeNodeKind
    public var ref: String

    public init(pool: String, kind: TreeNodeKind, ref: String = "") {
        self.pool = pool
        self.kind = kind
        self.ref = ref
    }

    public var description: String { "\(pool)/\(kind.rawValue)/\(ref)" }
}

/// Running and not-running VM counts shown next to hosts and folded nodes (`● 38  ◌ 4`).
public struct PowerCounts: Hashable, Sendable {
    public var running = 0
    public var halted = 0
    public init(running: Int = 0, halted: Int = 0) {
        self.running = running
        self.halted = halted
    }
    public var isEmpty: Bool { running == 0 && halted == 0 }
}

/// One visible line of the left pane: what the tree view draws, computed by `TreeRows`.
public struct TreeRow: Hashable, Sendable {
    public var id: TreeNodeID
    public var depth: Int
    public var name: String
    /// Nil for leaves; otherwise whether the node is folded.
    public var folded: Bool?
    /// For VM rows.
    public var power: VMPowerState?
    /// VM counts (hosts always, pools when folded); nil when not shown.
    public var counts: PowerCounts?
    /// Number of children for folded groups (SRs, networks).
    public var childCount: Int?
    /// An operation is running on the object (⟳).
    public var busy: Bool
    /// The pool's name after the object's, in the flat lists of `g h`, `g v`…
    public var poolSuffix: String?

    public init(id: TreeNodeID, depth: Int, name: String, folded: Bool? = nil, power: VMPowerState? = nil,
                counts: PowerCounts? = nil, childCount: Int? = nil, busy: Bool = false, poolSuffix: String? = nil) {
        self.id = id
        self.depth = depth
        self.name = name
        self.folded = folded
        self.power = power
        self.counts = counts
        self.childCount = childCount
        self.busy = busy
        self.poolSuffix = poolSuffix
    }
}
