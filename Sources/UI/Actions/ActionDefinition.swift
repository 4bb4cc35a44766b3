/// One row of the action table: everything help, hints, which-key, read-only mode
/// and the actions menu need to know about an action.
public struct ActionDefinition: Hashable, Sendable {
    public let id: ActionID
    /// A short sentence for help and which-key ("Start the VM").
    public let description: String
    public let group: ActionGroup
    /// Where the action can be bound; `.global` means in every context.
    public let contexts: Set<KeyContext>
    /// Changes something on a pool: hidden and refused in read-only mode.
    public let mutating: Bool
    public let danger: ActionDanger
    public let target: ActionTarget
    /// The XAPI `allowed_operations` value that permits it (`clean_shutdown`, `pool_migrate`), if any.
    public let xapiOperation: String?
    /// A word or two for the hint bar ("hosts", "filter"); nil keeps the action out of it.
    public let hint: String?
    /// Order in the hint bar, lower first.
    public let hintRank: Int
    /// The contexts whose hint bar shows it; nil: wherever it is bound.
    public let hintContexts: Set<KeyContext>?

    public init(
        _ id: ActionID, _ description: String, group: ActionGroup, contexts: Set<KeyContext>,
        mutating: Bool = false, danger: ActionDanger = .none, target: ActionTarget = .none,
        xapiOperation: String? = nil, hint: String? = nil, hintRank: Int = 1000, hintContexts: Set<KeyContext>? = nil
    ) {
        self.id = id
        self.description = description
        self.group = group
        self.contexts = contexts
        self.mutating = mutating
        self.danger = danger
        self.target = target
        self.xapiOperation = xapiOperation
        self.hint = hint
        self.hintRank = hintRank
        self.hintContexts = hintContexts
    }

    /// Whether the hint bar of `context` shows it.
    public func hinted(in context: KeyContext) -> Bool {
        hint != nil && (hintContexts?.contains(context) ?? true)
    }

    /// Asks for confirmation naming its targets whatever their number.
    public var dangerous: Bool { danger == .always }

    /// Whether a keymap may bind it in `context`. `[global]` takes any action of a pane
    /// (tree, details, log); each pane then sees only the global bindings that apply in it.
    public func applies(in context: KeyContext) -> Bool {
        if contexts.contains(.global) || contexts.contains(context) { return true }
        return context == .global && contexts.contains(where: \.fallsBackToGlobal)
    }
}
