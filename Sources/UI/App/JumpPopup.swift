import Inventory
import XAPI

/// One object `ctrl-p` can jump to.
public struct JumpCandidate: Sendable {
    public let id: TreeNodeID
    public let name: String
    /// "pool", "host", "VM", "SR", "network".
    public let kind: String
    /// The pool's display name.
    public let pool: String
    let folded: [UInt32]

    init(id: TreeNodeID, name: String, kind: String, pool: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.pool = pool
        self.folded = FuzzyMatch.fold(name)
    }
}

/// A ranked result: which candidate and which of its characters matched.
public struct JumpResult: Hashable, Sendable {
    public let candidate: Int
    public let score: Int
    public let positions: [Int]
}

/// The `ctrl-p` popup: every pool, host, VM, SR and network of every pool, gathered once when
/// it opens; each key scores them all and keeps the best `limit` (no full sort), so it stays
/// instant with tens of thousands of VMs.
public struct JumpPopup: Sendable {
    public let candidates: [JumpCandidate]
    public var input = LineEditor()
    public private(set) var results: [JumpResult] = []
    /// How many candidates match the input.
    public private(set) var matchCount = 0
    /// Index into `results`.
    public var selected = 0

    public static let limit = 50

    public init(pools: [PoolEntry]) {
        var candidates: [JumpCandidate] = []
        for entry in pools {
            let inventory = entry.inventory
            let pool = entry.displayName
            candidates.append(JumpCandidate(id: TreeNodeID(pool: entry.name, kind: .pool), name: pool, kind: "pool", pool: pool))
            for node in entry.tree.hosts {
                candidates.append(JumpCandidate(id: TreeNodeID(pool: entry.name, kind: .host, ref: node.ref.rawValue), name: node.name, kind: "host", pool: pool))
            }
            for (ref, vm) in inventory.vms.records where InventoryTree.isShown(vm) {
                candidates.append(JumpCandidate(id: TreeNodeID(pool: entry.name, kind: .vm, ref: ref.rawValue), name: vm.name_label, kind: "VM", pool: pool))
            }
            for ref in entry.tree.srs {
                candidates.append(JumpCandidate(id: TreeNodeID(pool: entry.name, kind: .sr, ref: ref.rawValue), name: inventory.srs[ref]?.name_label ?? "", kind: "SR", pool: pool))
            }
            for ref in entry.tree.networks {
                candidates.append(JumpCandidate(id: TreeNodeID(pool: entry.name, kind: .network, ref: ref.rawValue), name: inventory.networks[ref]?.name_label ?? "", kind: "network", pool: pool))
            }
        }
        self.candidates = candidates
        search()
    }

    public var selectedCandidate: JumpCandidate? {
        results.indices.contains(selected) ? candidates[results[selected].candidate] : nil
    }

    /// Re-ranks after the input changed; the first result is selected.
    public mutating func search() {
        let query = FuzzyMatch.fold(input.text)
        var best: [JumpResult] = []
        best.reserveCapacity(Self.limit + 1)
        var count = 0
        var positions: [Int] = []
        for (index, candidate) in candidates.enumerated() {
            guard let score = FuzzyMatch.score(query, in: candidate.folded, positions: &positions) else { continue }
            count += 1
            if best.count == Self.limit, let last = best.last,
               !ranks(JumpResult(candidate: index, score: score, positions: []), before: last) { continue }
            let result = JumpResult(candidate: index, score: score, positions: positions)
            // Binary insertion keeps the `limit` best in order.
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if ranks(best[middle], before: result) { low = middle + 1 } else { high = middle }
            }
            best.insert(result, at: low)
            if best.count > Self.limit { best.removeLast() }
        }
        results = best
        matchCount = count
        selected = 0
    }

    /// Higher score first, then the shorter name, then by name, then the gathering order.
    func ranks(_ a: JumpResult, before b: JumpResult) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let (x, y) = (candidates[a.candidate], candidates[b.candidate])
        if x.folded.count != y.folded.count { return x.folded.count < y.folded.count }
        if x.folded != y.folded { return x.folded.lexicographicallyPrecedes(y.folded) }
        return a.candidate < b.candidate
    }

    public mutating func move(by offset: Int) {
        guard !results.isEmpty else { return }
        selected = (selected + offset + results.count) % results.count
    }
}
