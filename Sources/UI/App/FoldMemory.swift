import Foundation

/// The tree's folding, remembered across runs (PRODUCT §2 "Folding state is remembered"):
/// a small JSON file of node → folded, keyed by configured pool name, kind and opaque ref
/// (refs are stable for the life of a pool's database). A missing or damaged file is an
/// empty memory; a failed save loses only the folding.
public struct FoldMemory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_STATE_HOME/xentui/folds.json` (or `XENTUI_STATE_DIR`), beside the log.
    public init?(stateDirectory: String?) {
        guard let stateDirectory else { return nil }
        self.init(path: stateDirectory + "/folds.json")
    }

    public func load() -> [TreeNodeID: Bool] {
        guard let data = FileManager.default.contents(atPath: path),
              let stored = try? JSONDecoder().decode([String: Bool].self, from: data)
        else { return [:] }
        var folds: [TreeNodeID: Bool] = [:]
        for (key, folded) in stored {
            if let id = Self.id(from: key) { folds[id] = folded }
        }
        return folds
    }

    /// Writes through a temporary file, so a crash never leaves half a file behind.
    @discardableResult
    public func save(_ folds: [TreeNodeID: Bool]) -> Bool {
        let stored = Dictionary(uniqueKeysWithValues: folds.map { (Self.key(for: $0.key), $0.value) })
        guard let data = try? JSONEncoder().encode(stored) else { return false }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return false }
        return rename(temporary, path) == 0
    }

    /// `kind\tref\tpool`: the pool name last, since it is the one part that may hold anything.
    static func key(for id: TreeNodeID) -> String { "\(id.kind.rawValue)\t\(id.ref)\t\(id.pool)" }

    static func id(from key: String) -> TreeNodeID? {
        let parts = key.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let kind = TreeNodeKind(rawValue: String(parts[0])) else { return nil }
        return TreeNodeID(pool: String(parts[2]), kind: kind, ref: String(parts[1]))
    }
}

extension AppState {
    /// The folding the user chose (nodes left at their default are not listed).
    public var foldState: [TreeNodeID: Bool] { folds }

    /// Restores remembered folding (before the first frame).
    public mutating func restoreFolds(_ remembered: [TreeNodeID: Bool]) {
        for (id, folded) in remembered where folds[id] == nil { folds[id] = folded }
        rebuildRows()
    }
}
