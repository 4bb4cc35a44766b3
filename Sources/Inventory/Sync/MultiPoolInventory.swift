import XAPI

/// Several pools at once, each with its own sync and connections; their changes merged into
/// one stream.
public final class MultiPoolInventory: Sendable {
    public let pools: [PoolSync]
    public let changes: AsyncStream<InventoryChange>
    private let continuation: AsyncStream<InventoryChange>.Continuation

    public init(pools: [PoolSync]) {
        self.pools = pools
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Runs every pool until cancelled; finishes `changes` when all have stopped.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for pool in pools {
                group.addTask { await pool.run() }
                group.addTask { [continuation] in
                    for await change in pool.changes { continuation.yield(change) }
                }
            }
        }
        continuation.finish()
    }

    /// Saves every pool's latest live inventory to the cache (the pools given a cache writer),
    /// for quitting; returns the failures, for the log.
    public func saveCaches() async -> [InventoryCacheSaveError] {
        var failures: [InventoryCacheSaveError] = []
        for pool in pools {
            if let failure = await pool.cacheWriter?.flush() { failures.append(failure) }
        }
        return failures
    }
}
