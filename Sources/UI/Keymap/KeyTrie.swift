/// The bindings of one context as a trie (helix): a key leads to actions or to more keys.
indirect enum KeyTrieNode: Hashable, Sendable {
    case leaf([ActionID])
    case branch([KeyStroke: KeyTrieNode])

    /// A trie from conflict-free bindings (see `BindingTable.overlay`).
    static func build(_ bindings: [KeySequence: [ActionID]]) -> KeyTrieNode {
        var root = KeyTrieNode.branch([:])
        for (sequence, actions) in bindings where !actions.isEmpty {
            root.insert(sequence.strokes[...], actions)
        }
        return root
    }

    private mutating func insert(_ strokes: ArraySlice<KeyStroke>, _ actions: [ActionID]) {
        guard let first = strokes.first else {
            self = .leaf(actions)
            return
        }
        var children: [KeyStroke: KeyTrieNode] = [:]
        if case .branch(let existing) = self { children = existing }
        var child = children[first] ?? .branch([:])
        child.insert(strokes.dropFirst(), actions)
        children[first] = child
        self = .branch(children)
    }

    func node(at strokes: [KeyStroke]) -> KeyTrieNode? {
        var node = self
        for stroke in strokes {
            guard case .branch(let children) = node, let child = children[stroke] else { return nil }
            node = child
        }
        return node
    }

    /// Every action reachable from here.
    var actions: [ActionID] {
        switch self {
        case .leaf(let actions): return actions
        case .branch(let children): return children.sorted { $0.key < $1.key }.flatMap(\.value.actions)
        }
    }

    /// Every (sequence, actions) below here, `prefix` included in the sequences.
    func leaves(prefix: [KeyStroke] = []) -> [(KeySequence, [ActionID])] {
        switch self {
        case .leaf(let actions): return [(KeySequence(prefix), actions)]
        case .branch(let children): return children.flatMap { $0.value.leaves(prefix: prefix + [$0.key]) }
        }
    }
}

/// Merging of binding tables: a user file over a built-in, a keymap over what it inherits,
/// a pane's own bindings over `[global]`.
enum BindingTable {
    /// `top` over `base`: a sequence of `top` replaces the same sequence of `base`, and also
    /// any base sequence that it starts or that starts it (so `g` over `g h` wins, and the other
    /// way round). `.unbound` entries remove and stay, so they can hide another layer later.
    static func overlay(_ top: [KeySequence: KeyBinding], on base: [KeySequence: KeyBinding]) -> [KeySequence: KeyBinding] {
        var result = base.filter { baseSequence, _ in
            !top.contains { topSequence, binding in
                if topSequence == baseSequence { return true }
                if binding == .unbound { return false }
                return baseSequence.starts(with: topSequence) || topSequence.starts(with: baseSequence)
            }
        }
        for (sequence, binding) in top { result[sequence] = binding }
        return result
    }
}

extension KeySequence {
    /// Whether `other` is a proper prefix of this sequence.
    func starts(with other: KeySequence) -> Bool {
        other.count < count && Array(strokes.prefix(other.count)) == other.strokes
    }
}
