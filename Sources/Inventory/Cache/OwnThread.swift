import Foundation

/// Runs blocking file work (decoding or writing a big cache) on a thread of its own and
/// returns its result, so that it never holds one of the cooperative pool's few threads.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

extension InventoryCache {
    /// `load(pool:url:)` on a thread of its own (a 10,000-VM cache takes seconds in a debug build).
    public func loadOnOwnThread(pool name: String, url: String) async -> Result<CachedInventory, InventoryCacheMiss> {
        await onOwnThread { [self] in load(pool: name, url: url) }
    }
}
