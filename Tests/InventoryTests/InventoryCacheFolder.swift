import Foundation

@testable import Inventory

/// A fresh cache folder under the temporary directory, removed by `remove()`.
struct InventoryCacheFolder {
    let path: String
    let cache: InventoryCache

    init() {
        path = FileManager.default.temporaryDirectory.path + "/xentui-cache-test-\(UUID().uuidString)/xentui"
        cache = InventoryCache(directory: path, xentuiVersion: "9.9.9-test")
    }

    func remove() { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    func write(_ text: String, pool: String = "prod", url: String = "https://xen1.example") throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: cache.path(pool: pool, url: url)))
    }

    func bytes(pool: String = "prod", url: String = "https://xen1.example") -> [UInt8] {
        (FileManager.default.contents(atPath: cache.path(pool: pool, url: url))).map { [UInt8]($0) } ?? []
    }

    func mode(_ file: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int) ?? -1
    }
}
