import Foundation
import Testing
import XAPI

@testable import Inventory

/// The cache's files: where they go, their modes, and every way a file can be unusable — each
/// a miss with a reason for one log line, never a crash or a wrong inventory.
@Suite struct InventoryCacheFileTests {
    private let url = "https://xen1.example"

    private func sample(_ name: String = "prod", vm: String = "web") -> PoolInventory {
        var inventory = PoolInventory(name: name)
        var record = VMRecord()
        record.uuid = "uuid-\(vm)"
        record.name_label = vm
        record.memory_static_max = 4 << 30
        inventory.vms.upsert(Ref("OpaqueRef:\(vm)"), record)
        var host = HostRecord()
        host.name_label = "xen1"
        inventory.hosts.upsert(Ref("OpaqueRef:h1"), host)
        var task = TaskRecord()
        task.name_label = "VM.start"
        inventory.tasks.upsert(Ref("OpaqueRef:t1"), task)
        inventory.state = .live
        inventory.token = "tok"
        return inventory
    }

    private func miss(_ folder: InventoryCacheFolder, pool: String = "prod", url: String? = nil) -> InventoryCacheMiss? {
        if case .failure(let miss) = folder.cache.load(pool: pool, url: url ?? self.url) { return miss }
        return nil
    }

    @Test func savedFileIsPrivateInAPrivateFolder() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try folder.cache.save(sample(), url: url)
        let file = folder.cache.path(pool: "prod", url: url)
        #expect(folder.mode(file) == 0o600)
        #expect(folder.mode(folder.path) == 0o700)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [(file as NSString).lastPathComponent])
        let loaded = try folder.cache.load(pool: "prod", url: url).get()
        #expect(loaded.inventory.vms[Ref("OpaqueRef:web")]?.name_label == "web")
        #expect(loaded.inventory.tasks.isEmpty)
        // Saving again replaces the file, keeping its mode.
        try folder.cache.save(sample(vm: "db"), url: url)
        #expect(folder.mode(file) == 0o600)
        #expect(try folder.cache.load(pool: "prod", url: url).get().inventory.vms.refs.map(\.rawValue) == ["OpaqueRef:db"])
    }

    @Test func samePoolNameAtTwoURLsKeepsTwoFiles() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try folder.cache.save(sample(vm: "a"), url: "https://a.example")
        try folder.cache.save(sample(vm: "b"), url: "https://b.example")
        #expect(folder.cache.path(pool: "prod", url: "https://a.example") != folder.cache.path(pool: "prod", url: "https://b.example"))
        let a = try folder.cache.load(pool: "prod", url: "https://a.example").get().inventory
        let b = try folder.cache.load(pool: "prod", url: "https://b.example").get().inventory
        #expect(a.vms.refs.map(\.rawValue) == ["OpaqueRef:a"])
        #expect(b.vms.refs.map(\.rawValue) == ["OpaqueRef:b"])
    }

    @Test func poolNameNeverBecomesAPath() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        for name in ["../../etc/passwd", "/abs/path", "..", "", "a/b", "prod\0x", "日本 pool", String(repeating: "x", count: 500)] {
            let path = folder.cache.path(pool: name, url: url)
            #expect((path as NSString).deletingLastPathComponent == folder.path, "\(name) escaped: \(path)")
            let file = (path as NSString).lastPathComponent
            #expect(file.count < 90 && !file.hasPrefix(".") && file.hasSuffix(".json"))
            try folder.cache.save(sample(name), url: url)
            #expect(try folder.cache.load(pool: name, url: url).get().inventory.name == name)
        }
    }

    @Test func noFileIsAQuietMiss() {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        let found = miss(folder)
        #expect(found?.reason == .missing && found?.isWorthLogging == false)
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("garbage \u{1} not json", "not an xentui inventory cache"),
        ("[1,2,3]", "not an xentui inventory cache"),
        (#"{"hello":"world"}"#, "not an xentui inventory cache"),
        (#"{"format":"something-else","version":1,"classes":{}}"#, "not an xentui inventory cache"),
        (#"{"format":"xentui-inventory-cache","version":1,"xentui":"0.1.0","saved":1,"pool":"prod","url":"https://xen1.example","classes":{"vm":{"OpaqueRef:x":{"name_label":12"#, "truncated"),
        (#"{"format":"xentui-inventory-cache","version":1,"xentui":"0.1.0","saved":1,"pool":"prod","url":"https://xen1.example"}"#, "missing"),
        (#"{"format":"xentui-inventory-cache","version":1,"classes":{}}"#, "missing"),
        (#"{"format":"xentui-inventory-cache","version":1,"xentui":"0.1.0","saved":1,"pool":"prod","url":"https://xen1.example","classes":{"vm":{"OpaqueRef:x":{"memory_static_max":"lots"}}}}"#, "vm"),
    ])
    func corruptFilesAreMissesWithAReason(text: String, expected: String) throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try folder.write(text)
        let found = try #require(miss(folder))
        guard case .corrupt = found.reason else {
            Issue.record("expected a corrupt-file miss, got \(found)")
            return
        }
        #expect(found.description.contains(expected), "\(found)")
        #expect(found.description.contains(folder.cache.path(pool: "prod", url: url)) && !found.description.contains("\n"))
        #expect(found.isWorthLogging)
    }

    @Test func everyTruncationOfARealFileIsAMiss() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try folder.cache.save(sample(), url: url)
        let whole = folder.bytes()
        #expect(!whole.isEmpty)
        for length in stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            try Data(whole[..<length]).write(to: URL(fileURLWithPath: folder.cache.path(pool: "prod", url: url)))
            #expect(miss(folder) != nil, "a file cut to \(length) of \(whole.count) bytes was used")
        }
    }

    @Test func otherFormatVersionIsAMissNamingIt() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        try folder.write(
            #"{"format":"xentui-inventory-cache","version":99,"xentui":"7.0","saved":1,"pool":"prod","url":"https://xen1.example","classes":{"vm":{}}}"#)
        let found = try #require(miss(folder))
        #expect(found.reason == .otherFormat(version: 99, xentui: "7.0"))
        #expect(found.description.contains("format 99 by xentui 7.0"))
    }

    @Test func fileOfAnotherPoolIsAMiss() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        // As if two keys hashed alike: the header names another pool.
        let other = InventoryCache(directory: folder.path, xentuiVersion: "x")
        try other.save(sample("lab"), url: "https://lab.example")
        try FileManager.default.moveItem(
            atPath: other.path(pool: "lab", url: "https://lab.example"), toPath: folder.cache.path(pool: "prod", url: url))
        #expect(miss(folder)?.reason == .otherPool(name: "lab", url: "https://lab.example"))
    }

    @Test func unreadableFileIsAMiss() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        // A folder where the file should be (permissions do not stop root, which runs the CI).
        try FileManager.default.createDirectory(atPath: folder.cache.path(pool: "prod", url: url), withIntermediateDirectories: true)
        let found = try #require(miss(folder))
        guard case .unreadable = found.reason else {
            Issue.record("expected an unreadable-file miss, got \(found)")
            return
        }
        #expect(found.description.contains("cannot read it"))
    }

    @Test func saveFailureIsReportedNotFatal() throws {
        let folder = InventoryCacheFolder()
        defer { folder.remove() }
        // The cache folder's parent is a file: nothing can be created there.
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/blocker"))
        let blocked = InventoryCache(directory: folder.path + "/blocker/xentui", xentuiVersion: "x")
        #expect(throws: InventoryCacheSaveError.self) { try blocked.save(sample(), url: url) }
        do {
            try blocked.save(sample(), url: url)
        } catch {
            #expect(error.description.hasPrefix("cannot save the inventory cache \(blocked.path(pool: "prod", url: url))"))
        }
        // Replacing a file that is a folder fails at the rename, and leaves no temporary behind.
        try FileManager.default.createDirectory(atPath: folder.cache.path(pool: "prod", url: url) + "/inner", withIntermediateDirectories: true)
        #expect(throws: InventoryCacheSaveError.self) { try folder.cache.save(sample(), url: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func cacheFolderFollowsXDGCacheHome() {
        let xdg = InventoryCache(paths: XentuiPaths(environment: ["XDG_CACHE_HOME": "/var/tmp/c", "HOME": "/home/u"]), xentuiVersion: "1")
        #expect(xdg?.directory == "/var/tmp/c/xentui")
        let home = InventoryCache(paths: XentuiPaths(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]), xentuiVersion: "1")
        #expect(home?.directory == "/home/u/.cache/xentui")
        #expect(InventoryCache(paths: XentuiPaths(environment: [:]), xentuiVersion: "1") == nil)
    }
}
