import Testing
import XAPI

@testable import Inventory

@Suite("Inventory tree")
struct TreeTests {
    var inventory = PoolInventory(name: "configured-name")

    mutating func host(_ ref: String, _ name: String) {
        var host = HostRecord()
        host.name_label = name
        inventory.hosts.upsert(Ref(ref), host)
    }

    mutating func vm(
        _ ref: String, _ name: String, on host: String? = nil, power: VMPowerState = .running,
        template: Bool = false, dom0: Bool = false, snapshot: Bool = false
    ) {
        var vm = VMRecord()
        vm.name_label = name
        vm.power_state = host == nil ? .halted : power
        vm.resident_on = host.map { Ref($0) } ?? .null
        vm.is_a_template = template
        vm.is_control_domain = dom0
        vm.is_a_snapshot = snapshot
        inventory.vms.upsert(Ref(ref), vm)
    }

    @Test mutating func hostsAndTheirVMsAreSortedByName() {
        host("OpaqueRef:h2", "xen-b")
        host("OpaqueRef:h1", "xen-a")
        vm("OpaqueRef:v1", "web-10", on: "OpaqueRef:h1")
        vm("OpaqueRef:v2", "web-2", on: "OpaqueRef:h1")
        vm("OpaqueRef:v3", "DB", on: "OpaqueRef:h1")
        vm("OpaqueRef:v4", "app", on: "OpaqueRef:h2", power: .paused)
        let tree = InventoryTree(inventory)
        #expect(tree.hosts.map(\.name) == ["xen-a", "xen-b"])
        #expect(tree.hosts[0].vms.map(\.rawValue) == ["OpaqueRef:v3", "OpaqueRef:v2", "OpaqueRef:v1"])
        #expect(tree.hosts[1].vms.map(\.rawValue) == ["OpaqueRef:v4"])
        #expect(tree.unplacedVMs.isEmpty)
    }

    @Test mutating func haltedVMsAreUnderThePool() {
        host("OpaqueRef:h1", "xen-a")
        vm("OpaqueRef:v1", "stopped-z")
        vm("OpaqueRef:v2", "stopped-a")
        vm("OpaqueRef:v3", "running", on: "OpaqueRef:h1")
        vm("OpaqueRef:v4", "orphan", on: "OpaqueRef:gone")
        let tree = InventoryTree(inventory)
        #expect(tree.unplacedVMs.map(\.rawValue) == ["OpaqueRef:v4", "OpaqueRef:v2", "OpaqueRef:v1"])
        #expect(tree.hosts[0].vms.map(\.rawValue) == ["OpaqueRef:v3"])
    }

    @Test mutating func templatesControlDomainsAndSnapshotsAreHidden() {
        host("OpaqueRef:h1", "xen-a")
        vm("OpaqueRef:dom0", "Control domain on host: xen-a", on: "OpaqueRef:h1", dom0: true)
        vm("OpaqueRef:t", "Debian 12", template: true)
        vm("OpaqueRef:s", "web before upgrade", snapshot: true)
        vm("OpaqueRef:v", "web", on: "OpaqueRef:h1")
        let tree = InventoryTree(inventory)
        #expect(tree.hosts[0].vms.map(\.rawValue) == ["OpaqueRef:v"])
        #expect(tree.unplacedVMs.isEmpty)
        #expect(inventory.vms.count == 4)  // still in the store
    }

    @Test mutating func poolNameSRsAndNetworks() {
        var pool = PoolRecord()
        pool.name_label = "Production"
        inventory.pools.upsert(Ref("OpaqueRef:p"), pool)
        for (ref, name) in [("OpaqueRef:s1", "NFS"), ("OpaqueRef:s2", "Local storage")] {
            var sr = SRRecord()
            sr.name_label = name
            inventory.srs.upsert(Ref(ref), sr)
        }
        var network = NetworkRecord()
        network.name_label = "Pool-wide network"
        inventory.networks.upsert(Ref("OpaqueRef:n"), network)
        let tree = InventoryTree(inventory)
        #expect(tree.poolName == "Production")
        #expect(tree.pool == Ref("OpaqueRef:p"))
        #expect(tree.srs.map(\.rawValue) == ["OpaqueRef:s2", "OpaqueRef:s1"])
        #expect(tree.networks.map(\.rawValue) == ["OpaqueRef:n"])
        #expect(InventoryTree(PoolInventory(name: "configured-name")).poolName == "configured-name")
    }
}
