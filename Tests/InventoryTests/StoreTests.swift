import Testing
import XAPI

@testable import Inventory

@Suite("Inventory stores")
struct StoreTests {
    func vm(_ name: String, power: VMPowerState = .halted) -> VMRecord {
        var vm = VMRecord()
        vm.name_label = name
        vm.power_state = power
        return vm
    }

    @Test func addModDelApply() {
        var inventory = PoolInventory(name: "lab")
        let changed1 = inventory.apply(XAPIEvent(id: "1", className: "vm", operation: .add, ref: "OpaqueRef:a", snapshot: .vm(vm("a"))))
        #expect(changed1)
        #expect(inventory.vms.count == 1)
        let changed2 = inventory.apply(XAPIEvent(id: "2", className: "vm", operation: .mod, ref: "OpaqueRef:a", snapshot: .vm(vm("a", power: .running))))
        #expect(changed2)
        #expect(inventory.vms[Ref("OpaqueRef:a")]?.power_state == .running)
        // The same record again changes nothing.
        let changed3 = inventory.apply(XAPIEvent(id: "3", className: "vm", operation: .mod, ref: "OpaqueRef:a", snapshot: .vm(vm("a", power: .running))))
        #expect(!changed3)
        let changed4 = inventory.apply(XAPIEvent(id: "4", className: "vm", operation: .del, ref: "OpaqueRef:a", snapshot: nil))
        #expect(changed4)
        #expect(inventory.vms.isEmpty)
        let changed5 = inventory.apply(XAPIEvent(id: "5", className: "vm", operation: .del, ref: "OpaqueRef:a", snapshot: nil))
        #expect(!changed5)
    }

    @Test func eventsGoToTheirClassStore() {
        var inventory = PoolInventory(name: "lab")
        var host = HostRecord()
        host.name_label = "h1"
        host.address = "10.0.0.1"
        inventory.apply(XAPIEvent(id: "1", className: "host", operation: .add, ref: "OpaqueRef:h", snapshot: .host(host)))
        inventory.apply(XAPIEvent(id: "2", className: "vm_metrics", operation: .add, ref: "OpaqueRef:m", snapshot: .vmMetrics(VMMetricsRecord())))
        inventory.apply(XAPIEvent(id: "3", className: "task", operation: .add, ref: "OpaqueRef:t", snapshot: .task(TaskRecord())))
        #expect(inventory.hosts.count == 1 && inventory.vmMetrics.count == 1 && inventory.tasks.count == 1)
        #expect(inventory.vms.isEmpty)
        #expect(inventory.hostAddresses == ["10.0.0.1"])
        let changed6 = inventory.apply(XAPIEvent(id: "4", className: "VM_metrics", operation: .del, ref: "OpaqueRef:m", snapshot: nil))
        #expect(changed6)
        #expect(inventory.vmMetrics.isEmpty)
        // Classes not kept are ignored.
        let changed7 = inventory.apply(XAPIEvent(id: "5", className: "vbd_metrics", operation: .del, ref: "OpaqueRef:x", snapshot: nil))
        #expect(!changed7)
    }

    @Test func replaceAllKeepsTheHostsOrder() {
        var store = RecordStore<VMRecord>()
        store.replaceAll([Ref("OpaqueRef:2"): vm("b"), Ref("OpaqueRef:1"): vm("a")])
        #expect(store.refs.map(\.rawValue) == ["OpaqueRef:2", "OpaqueRef:1"])
        let changed8 = store.upsert(Ref("OpaqueRef:3"), vm("c"))
        #expect(changed8)
        #expect(store.count == 3)
    }

    @Test func subscribesToEveryKeptClassInLowercase() {
        #expect(PoolInventory.eventClasses.count == 17)
        #expect(PoolInventory.eventClasses.contains("vm_guest_metrics"))
        #expect(PoolInventory.eventClasses.allSatisfy { $0 == $0.lowercased() })
    }
}
