/// What the keys typed so far mean in a context.
public enum KeyResolution: Hashable, Sendable {
    /// Run this action.
    case action(ActionID)
    /// More keys must follow; show the which-key popup.
    case prefix(WhichKey)
    /// Bound, but nothing bound here is available for the selection (a VM that cannot pause):
    /// the UI can say so instead of staying silent.
    case unavailable([ActionID])
    /// Not bound: the UI forgets the keys typed so far.
    case none
}

/// The which-key popup after a prefix (helix): its title and what can follow.
public struct WhichKey: Hashable, Sendable {
    public let prefix: KeySequence
    /// "go to", "actions".
    public let title: String
    public let entries: [WhichKeyEntry]
}

public struct WhichKeyEntry: Hashable, Sendable {
    public let key: KeyStroke
    /// The action's description, or the name of a deeper prefix.
    public let description: String
    /// The action this key runs, nil when it leads to more keys.
    public let action: ActionID?
}

/// One item of the hint bar: "g h hosts".
public struct KeyHint: Hashable, Sendable {
    public let keys: KeySequence
    public let label: String
}

/// One group of the help screen (`?`).
public struct HelpSection: Hashable, Sendable {
    public let group: ActionGroup
    public let title: String
    public let entries: [HelpEntry]
}

public struct HelpEntry: Hashable, Sendable {
    public let action: ActionID
    public let description: String
    /// Every sequence bound to the action, in the contexts where it is bound.
    public let keys: [KeySequence]
    public let contexts: [KeyContext]
    public let dangerous: Bool
}
