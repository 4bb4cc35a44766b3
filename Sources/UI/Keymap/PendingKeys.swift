/// The keys typed so far towards a sequence (`g` waiting for `h`): feed it every key press of
/// a context, it answers what the keys mean and forgets them once they have meant something.
public struct PendingKeys: Hashable, Sendable {
    public private(set) var keys: [String] = []

    public init() {}

    /// Whether a prefix is waiting (the which-key popup is showing).
    public var isWaiting: Bool { !keys.isEmpty }

    /// Adds `key` and resolves. After `.action`, `.unavailable` or `.none` the keys are forgotten;
    /// `esc` while waiting cancels the prefix and resolves to `.none` (it must not also go back).
    public mutating func press(_ key: String, keymap: Keymap, context: KeyContext, isAvailable: (ActionID) -> Bool = { _ in true }) -> KeyResolution {
        if isWaiting, KeyStroke(parsing: key)?.name == "esc" {
            keys = []
            return .none
        }
        keys.append(key)
        let resolution = keymap.resolve(keys, in: context, isAvailable: isAvailable)
        if case .prefix = resolution { return resolution }
        keys = []
        return resolution
    }

    public mutating func reset() { keys = [] }
}
