import Foundation
import Synchronization

/// Saves one pool's inventory to the cache while it syncs: right after the first live load,
/// then at most once per `interval` while changes arrive, and once more on `flush()` (quit).
/// `offer` is cheap (a snapshot under a lock: `PoolInventory` is a value), so the sync calls
/// it on every change; encoding and writing run on a thread of their own, never on the sync's
/// actor or the cooperative pool.
public final class InventoryCacheWriter: Sendable {
    public let cache: InventoryCache
    /// The configured master URL, half of the file's key.
    public let url: String
    public let interval: Double
    private let onSave: @Sendable (Result<String, InventoryCacheSaveError>) -> Void

    private struct State {
        var latest: PoolInventory?
        var dirty = false
        var lastSave: ContinuousClock.Instant?
        /// The scheduled save (sleeping until its time, or writing).
        var pending: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// - Parameter onSave: told of every save, with the path or what went wrong (for the log).
    public init(
        cache: InventoryCache, url: String, interval: Double = 60,
        onSave: @escaping @Sendable (Result<String, InventoryCacheSaveError>) -> Void = { _ in }
    ) {
        self.cache = cache
        self.url = url
        self.interval = interval
        self.onSave = onSave
    }

    /// Takes the inventory after a change. Only live data is saved: a stale (cached) inventory
    /// or one not loaded yet is ignored.
    public func offer(_ inventory: PoolInventory) {
        guard !inventory.isStale, inventory.state == .live else { return }
        state.withLock { state in
            state.latest = inventory
            state.dirty = true
            schedule(&state)
        }
    }

    /// Saves the latest live inventory now if it changed since the last save, and returns when
    /// it is written (or failed). For quitting; the writer keeps working afterwards.
    @discardableResult
    public func flush() async -> InventoryCacheSaveError? {
        let pending = state.withLock { $0.pending }
        pending?.cancel()
        await pending?.value
        let snapshot: PoolInventory? = state.withLock { state in
            // A save that was already writing may have rescheduled itself; this one supersedes it.
            state.pending?.cancel()
            state.pending = nil
            guard state.dirty, let latest = state.latest else { return nil }
            state.dirty = false
            state.lastSave = .now
            return latest
        }
        guard let snapshot else { return nil }
        return await write(snapshot)
    }

    /// Under the lock: starts a save unless one is pending; the first at once, later ones
    /// `interval` after the previous.
    private func schedule(_ guarded: inout State) {
        guard guarded.pending == nil, guarded.dirty else { return }
        let delay = guarded.lastSave.map { max(0, interval - seconds(since: $0)) } ?? 0
        guarded.pending = Task.detached { [self] in
            if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
            guard !Task.isCancelled else { return }
            let snapshot: PoolInventory? = state.withLock { guarded in
                guard guarded.dirty, let latest = guarded.latest else { return nil }
                guarded.dirty = false
                guarded.lastSave = .now
                return latest
            }
            if let snapshot { await write(snapshot) }
            state.withLock { guarded in
                guard !Task.isCancelled else { return }
                guarded.pending = nil
                schedule(&guarded)
            }
        }
    }

    @discardableResult
    private func write(_ inventory: PoolInventory) async -> InventoryCacheSaveError? {
        let cache = cache
        let url = url
        let result: Result<String, InventoryCacheSaveError> = await onOwnThread {
            do throws(InventoryCacheSaveError) {
                try cache.save(inventory, url: url)
                return .success(cache.path(pool: inventory.name, url: url))
            } catch {
                return .failure(error)
            }
        }
        onSave(result)
        if case .failure(let error) = result { return error }
        return nil
    }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
