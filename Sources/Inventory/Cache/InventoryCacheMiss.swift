/// Why a cached inventory was not used, worded as one log line.
public struct InventoryCacheMiss: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Error, Sendable, Hashable {
        /// No cache yet for this pool (the first start): nothing worth logging.
        case missing
        /// The file exists but cannot be read (permissions, I/O).
        case unreadable(String)
        /// Empty, truncated or not ours.
        case corrupt(String)
        /// Written in another cache format (by another xentui version).
        case otherFormat(version: Int64, xentui: String)
        /// The file is for another pool (a configured name or URL changed, or a hash collision).
        case otherPool(name: String, url: String)
    }

    public var reason: Reason
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// False for a first start with no cache, which is not news.
    public var isWorthLogging: Bool { reason != .missing }

    public var description: String {
        switch reason {
        case .missing: "no cached inventory in \(path)"
        case .unreadable(let problem): "cached inventory \(path) not used: cannot read it: \(problem)"
        case .corrupt(let problem): "cached inventory \(path) not used: \(problem)"
        case .otherFormat(let version, let xentui):
            "cached inventory \(path) not used: written in cache format \(version) by xentui \(xentui.isEmpty ? "?" : xentui), "
                + "this xentui reads format \(InventoryCacheDocument.formatVersion)"
        case .otherPool(let name, let url):
            "cached inventory \(path) not used: it belongs to pool \(name) at \(url)"
        }
    }
}

/// Why saving a pool's inventory to the cache failed (the program carries on without it).
public struct InventoryCacheSaveError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "cannot save the inventory cache \(path): \(problem)" }
}
