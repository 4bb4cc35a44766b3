import Foundation
import Inventory
import Terminal
import Testing
import UI
import XAPI

/// The `xentui ls` renderers on a hand-built inventory: tree order, unplaced VMs, alignment
/// by display width, escaping, JSON shape, filters and `--all`.
struct ListingRendererTests {
    static func inventory() -> PoolInventory {
        var inventory = PoolInventory(name: "configured")
        var pool = PoolRecord()
        pool.name_label = "prod"
        pool.uuid = "pool-uuid"
        pool.master = Ref("OpaqueRef:h2")
        inventory.pools.upsert(Ref("OpaqueRef:p"), pool)
        for (ref, name) in [("OpaqueRef:h1", "host-10"), ("OpaqueRef:h2", "host-2")] {
            var host = HostRecord()
            host.name_label = name
            host.uuid = name + "-uuid"
            host.enabled = true
            inventory.hosts.upsert(Ref(ref), host)
        }
        func vm(_ ref: String, _ name: String, _ power: VMPowerState, on host: String?, template: Bool = false,
                dom0: Bool = false, created: Int64 = 0) {
            var record = VMRecord()
            record.name_label = name
            record.uuid = name + "-uuid"
            record.power_state = power
            record.resident_on = host.map { Ref($0) } ?? .null
            record.is_a_template = template
            record.is_control_domain = dom0
            record.VCPUs_at_startup = 2
            record.memory_static_max = 2 << 30
            inventory.vms.upsert(Ref(ref), record)
        }
        vm("OpaqueRef:v1", "web-10", .running, on: "OpaqueRef:h2")
        vm("OpaqueRef:v2", "web-9", .running, on: "OpaqueRef:h2")
        vm("OpaqueRef:v3", "数据库", .paused, on: "OpaqueRef:h1")
        vm("OpaqueRef:v4", "backup", .halted, on: nil)
        vm("OpaqueRef:v5", "evil\u{1B}[31mred", .suspended, on: nil)
        vm("OpaqueRef:v6", "Debian 12", .halted, on: nil, template: true)
        vm("OpaqueRef:v7", "Control domain", .running, on: "OpaqueRef:h1", dom0: true)
        vm("OpaqueRef:v8", "gone-host", .running, on: "OpaqueRef:nowhere")
        return inventory
    }

    func render(_ listing: InventoryListing, _ format: ListingFormat) -> String {
        ListingRenderer.render(
            listing.pools([Self.inventory()]), kind: listing.kind, format: format, filtered: listing.filter != nil)
    }

    @Test func treeGroupsVMsUnderHostsInNaturalOrder() {
        let text = render(InventoryListing(), .tree)
        #expect(text == """
            prod
              host-2
                web-9   Running
                web-10  Running
              host-10
                数据库  Paused
              (no host)
                backup             Halted
                evil\\u{1B}[31mred  Suspended
                gone-host          Running

            """)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func treeWithFilterKeepsOnlyMatchesAndTheirAncestors() throws {
        let text = render(InventoryListing(filter: try Filter("power_state:paused")), .tree)
        #expect(text == "prod\n  host-10\n    数据库  Paused\n")
        let none = render(InventoryListing(filter: try Filter("name_label:nothing-like-this")), .tree)
        #expect(none == "")
    }

    @Test func allIncludesTemplatesAndControlDomains() {
        let text = render(InventoryListing(all: true), .tree)
        #expect(text.contains("Debian 12"))
        #expect(text.contains("    Control domain  Running"))
        #expect(!render(InventoryListing(), .tree).contains("Debian 12"))
    }

    @Test func tableAlignsWideCharactersByDisplayWidth() {
        let text = render(InventoryListing(), .table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.count == 7)
        // The POWER column starts at the same cell on every line.
        let starts = lines.map { line -> Int in
            let name = line.prefix { $0 != " " }
            let rest = line.dropFirst(name.count).prefix { $0 == " " }
            return displayWidth(of: name) + rest.count
        }
        #expect(Set(starts).count == 1, "\(text)")
        #expect(text.contains("2.0 GiB"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func jsonHasXAPIFieldNamesPlusPoolAndHost() throws {
        let text = render(InventoryListing(), .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 6)
        let web = try #require(parsed.first { $0["name_label"] as? String == "web-9" })
        #expect(web["pool"] as? String == "prod")
        #expect(web["host"] as? String == "host-2")
        #expect(web["power_state"] as? String == "Running")
        #expect(web["resident_on"] as? String == "OpaqueRef:h2")
        #expect(web["VCPUs_at_startup"] as? Int == 2)
        let backup = try #require(parsed.first { $0["name_label"] as? String == "backup" })
        #expect(backup["host"] is NSNull)
        #expect(parsed.first { $0["name_label"] as? String == "evil\u{1B}[31mred" } != nil)
        #expect(text.split(separator: "\n").count == 8)  // "[", one line per element, "]"
    }

    @Test func jsonOfAnEmptyListIsAnEmptyArray() throws {
        let text = render(InventoryListing(filter: try Filter("nothing-like-this")), .json)
        #expect(text == "[]\n")
    }

    @Test func hostAndPoolClasses() {
        let hosts = render(InventoryListing(kind: .host), .table)
        #expect(hosts.contains("host-2   prod"))
        let lines = hosts.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("host-2 "))  // natural order: 2 before 10
        let pools = render(InventoryListing(kind: .pool), .table)
        #expect(pools.contains("prod  host-2"))
        let json = render(InventoryListing(kind: .host), .json)
        #expect(json.contains("\"pool\":\"prod\"") && !json.contains("\"host\":"))
    }
}
