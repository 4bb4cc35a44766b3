/// A compiled keymap: per context a trie of the context's own bindings over `[global]`.
/// Help, hints and which-key are derived from it and the one action table.
public struct Keymap: Sendable {
    public let name: String
    /// True once `readOnly()` has removed every mutating action.
    public let isReadOnly: Bool
    /// Bindings per context as written (after merging files), `.unbound` entries included.
    let bindings: [KeyContext: [KeySequence: KeyBinding]]
    let prefixNames: [KeySequence: String]
    let tries: [KeyContext: KeyTrieNode]

    init(name: String, bindings: [KeyContext: [KeySequence: KeyBinding]], prefixNames: [KeySequence: String], isReadOnly: Bool = false) {
        self.name = name
        self.isReadOnly = isReadOnly
        self.bindings = bindings
        self.prefixNames = prefixNames
        var tries: [KeyContext: KeyTrieNode] = [:]
        for context in KeyContext.allCases {
            tries[context] = KeyTrieNode.build(Self.effectiveBindings(bindings, in: context, readOnly: isReadOnly))
        }
        self.tries = tries
    }

    /// What is bound in `context`: its own bindings over the `[global]` ones that apply there.
    static func effectiveBindings(_ bindings: [KeyContext: [KeySequence: KeyBinding]], in context: KeyContext, readOnly: Bool) -> [KeySequence: [ActionID]] {
        var layered = bindings[context] ?? [:]
        if context.fallsBackToGlobal {
            let global = (bindings[.global] ?? [:]).compactMapValues { binding -> KeyBinding? in
                guard case .actions(let ids) = binding else { return nil }
                let applying = ids.filter { ActionTable.definition($0)?.applies(in: context) ?? false }
                return applying.isEmpty ? nil : .actions(applying)
            }
            layered = BindingTable.overlay(layered, on: global)
        }
        return layered.compactMapValues { binding -> [ActionID]? in
            guard case .actions(let ids) = binding else { return nil }
            let kept = readOnly ? ids.filter { !(ActionTable.definition($0)?.mutating ?? true) } : ids
            return kept.isEmpty ? nil : kept
        }
    }

    /// The same keymap without any action that changes a pool (read-only mode, k9s's ClearDanger).
    public func readOnly() -> Keymap {
        Keymap(name: name, bindings: bindings, prefixNames: prefixNames, isReadOnly: true)
    }

    // MARK: Resolution

    /// What `keys` (canonical key names, as the Terminal's decoder spells them) mean in `context`.
    /// `isAvailable` says whether an action can run on the current selection (its class and
    /// `allowed_operations`); of a binding to several actions the first available one wins.
    public func resolve(_ keys: [String], in context: KeyContext, isAvailable: (ActionID) -> Bool = { _ in true }) -> KeyResolution {
        guard !keys.isEmpty, let strokes = Self.strokes(keys), let node = tries[context]?.node(at: strokes) else { return .none }
        switch node {
        case .leaf(let actions):
            if let first = actions.first(where: isAvailable) { return .action(first) }
            return .unavailable(actions)
        case .branch:
            guard let popup = whichKey(after: keys, in: context, isAvailable: isAvailable) else { return .none }
            if popup.entries.isEmpty { return .unavailable(node.actions) }
            return .prefix(popup)
        }
    }

    /// The which-key popup after `prefix` in `context`, listing only available actions
    /// (and deeper prefixes leading to some); nil when `prefix` is not a prefix there.
    public func whichKey(after prefix: [String], in context: KeyContext, isAvailable: (ActionID) -> Bool = { _ in true }) -> WhichKey? {
        guard let strokes = Self.strokes(prefix), !strokes.isEmpty,
              case .branch(let children)? = tries[context]?.node(at: strokes) else { return nil }
        var entries: [(order: Int, entry: WhichKeyEntry)] = []
        for (key, child) in children {
            switch child {
            case .leaf(let actions):
                guard let id = actions.first(where: isAvailable), let definition = ActionTable.definition(id) else { continue }
                entries.append((ActionTable.index(of: id), WhichKeyEntry(key: key, description: definition.description, action: id)))
            case .branch:
                guard child.actions.contains(where: isAvailable) else { continue }
                let title = prefixTitle(KeySequence(strokes + [key]), node: child)
                entries.append((Int.max, WhichKeyEntry(key: key, description: title, action: nil)))
            }
        }
        entries.sort { ($0.order, $0.entry.key) < ($1.order, $1.entry.key) }
        let sequence = KeySequence(strokes)
        return WhichKey(prefix: sequence, title: prefixTitle(sequence, node: .branch(children)), entries: entries.map(\.entry))
    }

    /// The prefix's name from `[prefixes]`, else the title of the one group its actions share.
    func prefixTitle(_ prefix: KeySequence, node: KeyTrieNode) -> String {
        if let name = prefixNames[prefix] { return name }
        let groups = Set(node.actions.compactMap { ActionTable.definition($0)?.group })
        if groups.count == 1, let group = groups.first { return group.title.lowercased() }
        return "more"
    }

    static func strokes(_ keys: [String]) -> [KeyStroke]? {
        var strokes: [KeyStroke] = []
        for key in keys {
            guard let stroke = KeyStroke(parsing: key) else { return nil }
            strokes.append(stroke)
        }
        return strokes
    }

    // MARK: Derived views

    /// Every sequence bound to `action` in `context` (own bindings over global), shortest first.
    public func sequences(for action: ActionID, in context: KeyContext) -> [KeySequence] {
        (tries[context]?.leaves() ?? []).filter { $0.1.contains(action) }.map(\.0).sorted(by: Self.displayOrder)
    }

    /// Shorter first, then single characters before named keys ("q" before "ctrl-c").
    static func displayOrder(_ a: KeySequence, _ b: KeySequence) -> Bool {
        let aLength = a.names.reduce(0) { $0 + $1.count }, bLength = b.names.reduce(0) { $0 + $1.count }
        if a.count != b.count { return a.count < b.count }
        if aLength != bLength { return aLength < bLength }
        return a.description < b.description
    }

    /// The hint bar for `context`: actions with a hint label by rank, and named prefixes whose
    /// actions have none of their own ("a actions"). Views cut the list to the width.
    public func hints(for context: KeyContext, readOnly: Bool = false, isAvailable: (ActionID) -> Bool = { _ in true }) -> [KeyHint] {
        if readOnly && !isReadOnly { return self.readOnly().hints(for: context, isAvailable: isAvailable) }
        guard let trie = tries[context] else { return [] }
        var ranked: [(rank: Int, hint: KeyHint)] = []
        var seen: Set<ActionID> = []
        for (_, actions) in trie.leaves() {
            guard let id = actions.first(where: isAvailable), let definition = ActionTable.definition(id),
                  definition.hinted(in: context), let label = definition.hint else { continue }
            if seen.contains(id) { continue }
            seen.insert(id)
            guard let best = sequences(for: id, in: context).first else { continue }
            ranked.append((definition.hintRank, KeyHint(keys: best, label: label)))
        }
        for (prefix, name) in prefixNames {
            guard let node = trie.node(at: prefix.strokes), case .branch = node else { continue }
            let available = node.actions.filter(isAvailable)
            guard !available.isEmpty, !available.contains(where: { ActionTable.definition($0)?.hinted(in: context) ?? false }) else { continue }
            ranked.append((Self.prefixHintRank, KeyHint(keys: prefix, label: name)))
        }
        return ranked.sorted { ($0.rank, $0.hint.keys.description) < ($1.rank, $1.hint.keys.description) }.map(\.hint)
    }

    /// Where a named prefix such as "a actions" sits in the hint bar: after ": command", before "? help".
    static let prefixHintRank = 45

    /// Every binding of the keymap grouped by action group, in action-table order (the `?` screen).
    public func helpSections(readOnly: Bool = false) -> [HelpSection] {
        if readOnly && !isReadOnly { return self.readOnly().helpSections() }
        var keysByAction: [ActionID: [KeySequence]] = [:]
        var contextsByAction: [ActionID: [KeyContext]] = [:]
        for context in KeyContext.allCases {
            guard let own = bindings[context] else { continue }
            for (sequence, binding) in own.sorted(by: { Self.displayOrder($0.key, $1.key) }) {
                guard case .actions(let ids) = binding else { continue }
                for id in ids {
                    guard let definition = ActionTable.definition(id), !(isReadOnly && definition.mutating) else { continue }
                    if !(keysByAction[id]?.contains(sequence) ?? false) { keysByAction[id, default: []].append(sequence) }
                    if !(contextsByAction[id]?.contains(context) ?? false) { contextsByAction[id, default: []].append(context) }
                }
            }
        }
        return ActionGroup.allCases.compactMap { group in
            let entries = ActionTable.all.filter { $0.group == group }.compactMap { definition -> HelpEntry? in
                guard let keys = keysByAction[definition.id] else { return nil }
                return HelpEntry(action: definition.id, description: definition.description, keys: keys,
                                 contexts: contextsByAction[definition.id] ?? [], dangerous: definition.danger != .none)
            }
            return entries.isEmpty ? nil : HelpSection(group: group, title: group.title, entries: entries)
        }
    }

    /// Every action some key reaches in some context.
    public var boundActions: Set<ActionID> {
        Set(tries.values.flatMap(\.actions))
    }
}

extension Keymap {
    /// The built-in `default` keymap, as the binary carries it.
    public static let builtInDefault: Keymap = KeymapLoader.builtInDefault(BuiltInFiles.keymaps)
}
