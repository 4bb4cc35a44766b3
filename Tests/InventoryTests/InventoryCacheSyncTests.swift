import Foundation
import Testing
import XAPI

@testable import Inventory

/// The sync starts from the cached inventory (stale) and replaces it with the live one; the
/// cache writer saves after the first live load, then at most once per interval, and on flush.
@Suite(.timeLimit(.minutes(1))) struct InventoryCacheSyncTests {
    private let url = "https://10.0.0.1"

    private func cachedInventory(_ folder: InventoryCacheFolder) throws -> CachedInventory {
        var old = PoolInventory(name: "lab")
        var vm = VMRecord()
        vm.name_label = "from-the-cache"
        old.vms.upsert(Ref("OpaqueRef:old"), vm)
        try folder.cache.save(old, url: url, now: Date(timeIntervalSince1970: 1_764_000_000))
        return try folder.cache.load(pool: "lab", url: url).get()
    }

    private func renames(_ count: Int) -> [@Sendable (inout FakePool.World) throws -> EventBatch] {
        (1...count).map { index in
            { _ in
                EventBatch(events: [FakePool.event(.mod, vm: "OpaqueRef:v2", "db-\(index)")], token: "t\(index)", validRefCounts: [:])
            }
        }
    }

    private func sync(_ pool: FakePool, cached: CachedInventory?, writer: InventoryCacheWriter?) throws -> SyncRun {
        SyncRun(
            sync: PoolSync(
                name: "lab", address: try HostURL(parsing: url), makeSession: { pool.session(at: $0) }, eventTimeout: 1,
                cached: cached, cacheWriter: writer))
    }

    @Test func cachedInventoryIsPublishedFirstThenReplacedByTheLiveOne() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let cached = try cachedInventory(folder)
        let run = try sync(FakePool(EventLoopTests.world()), cached: cached, writer: nil)
        let live = await run.waitFor { $0.kind == .reloaded && !$0.inventory.isStale }
        await run.stop()
        let changes = run.changes.withLock { $0 }
        let first = try #require(changes.first)
        #expect(first.kind == .reloaded && first.pool == "lab")
        #expect(first.inventory.isStale && first.inventory.cachedAt == Date(timeIntervalSince1970: 1_764_000_000))
        #expect(first.inventory.vms.records.values.map(\.name_label) == ["from-the-cache"])
        #expect(first.inventory.state == .connecting && first.inventory.token.isEmpty)
        // Stale until the live load, never after it.
        let liveIndex = try #require(changes.firstIndex { !$0.inventory.isStale })
        #expect(changes[..<liveIndex].allSatisfy { $0.inventory.isStale })
        #expect(changes[liveIndex...].allSatisfy { !$0.inventory.isStale })
        #expect(changes[liveIndex].kind == .reloaded)
        #expect(live?.inventory.vms.count == 2 && live?.inventory.vms[Ref("OpaqueRef:old")] == nil)
        #expect(live?.inventory.state == .live)
    }

    @Test func withoutACacheNothingStaleIsPublished() async throws {
        let run = try sync(FakePool(EventLoopTests.world()), cached: nil, writer: nil)
        _ = await run.waitFor { $0.kind == .reloaded }
        await run.stop()
        #expect(run.changes.withLock { $0 }.allSatisfy { !$0.inventory.isStale })
    }

    @Test func syncOffersItsLiveInventoryToTheWriter() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let saves = Locked<Int>(0)
        let writer = InventoryCacheWriter(cache: folder.cache, url: url, interval: 3600) { _ in saves.withLock { $0 += 1 } }
        var world = EventLoopTests.world()
        world.steps = renames(5)
        let run = try sync(FakePool(world), cached: try cachedInventory(folder), writer: writer)
        _ = await run.waitFor { $0.inventory.token == "t5" }
        #expect(await waitUntil { saves.withLock { $0 } >= 1 })
        // The stale cached inventory is never written back: the file holds live data.
        let afterLoad = try folder.cache.load(pool: "lab", url: url).get().inventory
        #expect(afterLoad.vms.count == 2 && afterLoad.vms[Ref("OpaqueRef:old")] == nil)
        // Quit: the latest live inventory is in the file after the flush.
        #expect(await run.sync.cacheWriter?.flush() == nil)
        #expect(try folder.cache.load(pool: "lab", url: url).get().inventory.vms[Ref("OpaqueRef:v2")]?.name_label == "db-5")
        await run.stop()
    }

    @Test func writerSavesAtOnceThenOncePerIntervalAndOnFlush() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let saves = Locked<Int>(0)
        // An interval no test outlives: only the first save and the flush may write.
        let writer = InventoryCacheWriter(cache: folder.cache, url: url, interval: 3600) { result in
            if case .success = result { saves.withLock { $0 += 1 } }
        }
        var live = EventLoopTests.liveInventory()
        writer.offer(live)
        #expect(await waitUntil { saves.withLock { $0 } == 1 })
        for index in 1...5 {
            live.vms.upsert(Ref("OpaqueRef:v\(index)"), VMRecord())
            writer.offer(live)
        }
        try? await Task.sleep(for: .milliseconds(100))
        #expect(saves.withLock { $0 } == 1, "changes were saved before the interval passed")
        #expect(try folder.cache.load(pool: "lab", url: url).get().inventory.vms.count == 0)
        #expect(await writer.flush() == nil)
        #expect(saves.withLock { $0 } == 2)
        #expect(try folder.cache.load(pool: "lab", url: url).get().inventory.vms.count == 5)
        #expect(await writer.flush() == nil)
        #expect(saves.withLock { $0 } == 2, "a flush with nothing new wrote again")
    }

    @Test func writerSavesChangesAgainOnceTheIntervalHasPassed() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let writer = InventoryCacheWriter(cache: folder.cache, url: url, interval: 0.05)
        var world = EventLoopTests.world()
        world.steps = renames(3)
        let run = try sync(FakePool(world), cached: nil, writer: writer)
        _ = await run.waitFor { $0.inventory.token == "t3" }
        let saved = await waitUntil {
            (try? folder.cache.load(pool: "lab", url: url).get())?.inventory.vms[Ref("OpaqueRef:v2")]?.name_label == "db-3"
        }
        #expect(saved, "the last change never reached the cache without a flush")
        await run.stop()
    }

    @Test func writerIgnoresStaleAndUnloadedInventories() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let writer = InventoryCacheWriter(cache: folder.cache, url: url)
        writer.offer(try cachedInventory(folder).inventory)
        try FileManager.default.removeItem(atPath: folder.cache.path(pool: "lab", url: url))
        writer.offer(PoolInventory(name: "lab"))  // still connecting: nothing loaded
        #expect(await writer.flush() == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.cache.path(pool: "lab", url: url)))
    }

    @Test func saveFailureReachesTheCallbackAndFlush() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/blocker"))
        let failures = Locked<[String]>([])
        let writer = InventoryCacheWriter(
            cache: InventoryCache(directory: folder.path + "/blocker", xentuiVersion: "x"), url: url, interval: 3600
        ) { result in
            if case .failure(let error) = result { failures.withLock { $0.append(error.description) } }
        }
        var live = EventLoopTests.liveInventory()
        writer.offer(live)
        #expect(await waitUntil { failures.withLock { $0.count } == 1 })
        live.token = "changed"
        writer.offer(live)
        let failure = await writer.flush()
        #expect(failure?.description.hasPrefix("cannot save the inventory cache") == true)
        #expect(failures.withLock { $0.count } == 2)
    }

    @Test func multiPoolSaveCachesFlushesEveryPool() async throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let writer = InventoryCacheWriter(cache: folder.cache, url: url, interval: 3600)
        let pool = FakePool(EventLoopTests.world())
        let sync = PoolSync(
            name: "lab", address: try HostURL(parsing: url), makeSession: { pool.session(at: $0) }, eventTimeout: 1,
            cacheWriter: writer)
        let multi = MultiPoolInventory(pools: [sync])
        let task = Task { await multi.run() }
        var live = false
        for await change in multi.changes where change.kind == .reloaded {
            live = true
            break
        }
        #expect(live)
        #expect(await multi.saveCaches().isEmpty)
        task.cancel()
        await task.value
        #expect(try folder.cache.load(pool: "lab", url: url).get().inventory.vms.count == 2)
    }

    private func waitUntil(_ condition: @Sendable () -> Bool) async -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

extension EventLoopTests {
    /// A loaded, empty inventory of the pool `lab`.
    static func liveInventory() -> PoolInventory {
        var inventory = PoolInventory(name: "lab")
        inventory.state = .live
        return inventory
    }
}
