import Foundation

/// The inventory cache: the last inventory of each pool, saved in `$XDG_CACHE_HOME/xentui/`
/// so the tree appears at once on start, marked stale until live data replaces it.
/// One file per pool, keyed by the configured pool name and master URL. Loading never fails
/// loudly: an unusable file is a miss with a reason for one log line. Saving reports failures
/// (a read-only disk) and the program carries on.
public struct InventoryCache: Sendable, Hashable {
    /// The folder holding the files (created 0700 on the first save).
    public let directory: String
    /// Recorded in each file, for the log line when a file is turned away.
    public let xentuiVersion: String

    public init(directory: String, xentuiVersion: String) {
        self.directory = directory
        self.xentuiVersion = xentuiVersion
    }

    /// The cache in the XDG cache folder; nil when neither `XDG_CACHE_HOME` nor `HOME` is set.
    public init?(paths: XentuiPaths = XentuiPaths(), xentuiVersion: String) {
        guard let directory = paths.cacheDirectory else { return nil }
        self.init(directory: directory, xentuiVersion: xentuiVersion)
    }

    /// The file of one pool (a hash of name and URL: a pool name never becomes a path).
    public func path(pool name: String, url: String) -> String {
        directory + "/" + InventoryCacheFileName.make(pool: name, url: url)
    }

    /// Writes the cached classes of `inventory` (tasks are not kept), atomically: a temporary
    /// file, mode 0600, renamed over the old one. `inventory.name` must be the configured name.
    public func save(_ inventory: PoolInventory, url: String, now: Date = Date()) throws(InventoryCacheSaveError) {
        let path = path(pool: inventory.name, url: url)
        let header = InventoryCacheHeader(
            formatVersion: InventoryCacheDocument.formatVersion, xentuiVersion: xentuiVersion, savedAt: now,
            pool: inventory.name, url: url)
        let bytes = InventoryCacheDocument.encode(inventory, header: header)
        try createDirectory(for: path)
        try CacheFileIO.replace(path, with: bytes)
    }

    /// The pool's cached inventory, or why there is none usable. The inventory comes back with
    /// `cachedAt` set, state `.connecting` and no event token: only a live load makes it current.
    public func load(pool name: String, url: String) -> Result<CachedInventory, InventoryCacheMiss> {
        let path = path(pool: name, url: url)
        let bytes: [UInt8]
        switch CacheFileIO.read(path) {
        case .success(let read): bytes = read
        case .failure(let reason): return .failure(InventoryCacheMiss(reason, path: path))
        }
        guard !bytes.isEmpty else { return .failure(InventoryCacheMiss(.corrupt("the file is empty"), path: path)) }
        do {
            let (header, records) = try InventoryCacheDocument.decode(bytes)
            guard header.pool == name, header.url == url else {
                return .failure(InventoryCacheMiss(.otherPool(name: header.pool, url: header.url), path: path))
            }
            var inventory = records
            inventory.name = name
            inventory.cachedAt = header.savedAt
            return .success(CachedInventory(inventory: inventory, header: header, path: path))
        } catch {
            switch error {
            case .notACache: return .failure(InventoryCacheMiss(.corrupt("not an xentui inventory cache"), path: path))
            case .otherFormat(let version, let xentui):
                return .failure(InventoryCacheMiss(.otherFormat(version: version, xentui: xentui), path: path))
            case .malformed(let problem): return .failure(InventoryCacheMiss(.corrupt(problem), path: path))
            }
        }
    }

    /// Creates the cache folder and missing parents, private to the user (0700).
    private func createDirectory(for path: String) throws(InventoryCacheSaveError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw InventoryCacheSaveError(path: path, problem: "cannot create the folder \(prefix): \(CacheFileIO.errnoText())")
            }
        }
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw InventoryCacheSaveError(path: path, problem: "\(directory) is not a folder")
        }
    }
}

/// A pool's inventory as the cache had it.
public struct CachedInventory: Sendable {
    /// Stale: `cachedAt` is the time it was saved.
    public var inventory: PoolInventory
    public var header: InventoryCacheHeader
    public var path: String

    public var savedAt: Date { header.savedAt }
}
