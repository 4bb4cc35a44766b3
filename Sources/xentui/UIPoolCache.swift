import Foundation
import Inventory
import UI
import XAPI

/// The inventory cache for the UI (PRODUCT §5): every pool's last inventory read at start, so
/// the tree appears before the pools answer (marked stale), and saved while it runs. The demo
/// pools are not cached: their addresses change every run.
struct UIPoolCache: Sendable {
    let cache: InventoryCache
    /// Save failures while the UI runs, for the log pane.
    let failures: AsyncStream<LogPaneEntry>
    private let continuation: AsyncStream<LogPaneEntry>.Continuation

    init?(paths: XentuiPaths = XentuiPaths()) {
        guard let cache = InventoryCache(paths: paths, xentuiVersion: XentuiVersion.current) else { return nil }
        self.cache = cache
        (failures, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(100))
    }

    /// Reads every pool's cache at once, each on a thread of its own (big files take a while
    /// to decode). Misses worth knowing about (a corrupt file) come back as log entries.
    func load(_ pools: [UIPool]) async -> (cached: [String: CachedInventory], messages: [LogPaneEntry]) {
        await withTaskGroup(of: (String, Result<CachedInventory, InventoryCacheMiss>).self) { group in
            for pool in pools {
                group.addTask { [cache] in
                    (pool.name, await cache.loadOnOwnThread(pool: pool.name, url: pool.host.description))
                }
            }
            var cached: [String: CachedInventory] = [:]
            var messages: [LogPaneEntry] = []
            for await (name, result) in group {
                switch result {
                case .success(let inventory): cached[name] = inventory
                case .failure(let miss) where miss.isWorthLogging:
                    messages.append(LogPaneEntry(time: Date(), level: .warning, kind: .error, pool: name,
                                                 text: PrintableText.escaped(miss.description)))
                case .failure: break
                }
            }
            return (cached, messages)
        }
    }

    func writer(for pool: UIPool) -> InventoryCacheWriter {
        InventoryCacheWriter(cache: cache, url: pool.host.description) { [continuation] result in
            if case .failure(let error) = result {
                continuation.yield(LogPaneEntry(time: Date(), level: .warning, kind: .error, pool: pool.name,
                                                text: PrintableText.escaped(error.description)))
            }
        }
    }
}
