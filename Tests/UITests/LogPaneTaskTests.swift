import Foundation
import Inventory
import Testing
import XAPI
@testable import UI

/// The log pane's task model: one entry per task updated in place, objects resolved, unread
/// errors, and batches that only touch tasks leave the tree's rows alone.
@Suite("Log pane: XAPI tasks")
struct LogPaneTaskTests {
    static let web01 = TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-01")
    static let web02 = TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-02")

    static func task(_ name: String, status: TaskStatusType = .pending, progress: Double = 0, appliesTo: String? = nil,
                     error: [String] = []) -> TaskRecord {
        var task = TaskRecord()
        task.name_label = name
        task.status = status
        task.progress = progress
        task.created = XAPIDateTime(secondsSinceEpoch: Int64(AppFixture.time.timeIntervalSince1970))
        task.error_info = error
        if let appliesTo { task.other_config = ["applies_to": appliesTo] }
        task.subtask_of = .null
        return task
    }

    static func select(_ id: TreeNodeID, in state: inout AppState) {
        state.handle("nav.top")
        while state.cursor != id, state.cursorIndex != state.rows.count - 1 { state.handle("nav.down") }
    }

    /// A task without `applies_to` (as xapi creates them) is named by the VM whose
    /// `current_operations` holds it, even when the VM's event comes in the same batch.
    @Test func objectFromTheVMsCurrentOperations() {
        var state = AppFixture.state()
        var prod = AppFixture.prod
        prod.tasks.upsert(Ref("OpaqueRef:t1"), Self.task("Async.VM.clean_reboot", progress: 0.25))
        var web = prod.vms[Ref("OpaqueRef:web-01")] ?? VMRecord()
        web.current_operations = ["OpaqueRef:t1": .cleanReboot]
        prod.vms.upsert(Ref("OpaqueRef:web-01"), web)
        state.apply(pool: "prod", kind: .events(["task": ["OpaqueRef:t1"], "vm": ["OpaqueRef:web-01"]]), inventory: prod, at: AppFixture.time)
        let entry = state.logPane.task(pool: "prod", ref: "OpaqueRef:t1")
        #expect(entry?.task?.object == Self.web01)
        #expect(entry?.text == "VM.clean_reboot web-01: 25%")
        #expect(state.logPane.runningTasks == [Self.web01: 1])
        #expect(state.logPane.tasks(concerning: Self.web01).count == 1)
        #expect(state.logPane.tasks(concerning: TreeNodeID(pool: "prod", kind: .pool)).count == 1)
        #expect(state.logPane.tasks(concerning: Self.web02).isEmpty)
    }

    /// 20,000 VMs: a task's start, a hundred progress events and its end update one entry in
    /// place and rebuild no row; a VM's pause patches its row and the counts in place (the same
    /// rows as a full build); only a move to another host rebuilds the rows.
    @Test func taskOnlyBatchesRebuildNoRows() {
        var big = PoolInventory(name: "big")
        big.state = .live
        for h in 0..<10 { big.hosts.upsert(Ref("OpaqueRef:h\(h)"), AppFixture.host("host-\(h)", address: "10.0.0.\(h)")) }
        for n in 0..<20_000 {
            big.vms.upsert(Ref("OpaqueRef:vm\(n)"), AppFixture.vm("vm-\(n)", .running, on: "OpaqueRef:h\(n % 10)"))
        }
        var state = AppState(pools: [PoolEntry(inventory: big)])
        let builds = state.rowBuilds
        let rowsBefore = state.rows
        big.tasks.upsert(Ref("OpaqueRef:t"), Self.task("Async.VM.pool_migrate", appliesTo: "OpaqueRef:vm7"))
        state.apply(pool: "big", kind: .events(["task": ["OpaqueRef:t"]]), inventory: big, at: AppFixture.time)
        for step in 1...100 {
            big.tasks.upsert(Ref("OpaqueRef:t"), Self.task("Async.VM.pool_migrate", progress: Double(step) / 101, appliesTo: "OpaqueRef:vm7"))
            state.apply(pool: "big", kind: .events(["task": ["OpaqueRef:t"]]), inventory: big, at: AppFixture.time)
        }
        big.tasks.upsert(Ref("OpaqueRef:t"), Self.task("Async.VM.pool_migrate", status: .success, progress: 1, appliesTo: "OpaqueRef:vm7"))
        state.apply(pool: "big", kind: .events(["task": ["OpaqueRef:t"]]), inventory: big, at: AppFixture.time)
        #expect(state.rowBuilds == builds)
        #expect(state.rows == rowsBefore)
        #expect(state.log.count == 1 && state.log.first?.level == .success)
        #expect(state.log.first?.text == "VM.pool_migrate vm-7: done")

        var vm = big.vms[Ref("OpaqueRef:vm7")] ?? VMRecord()
        vm.power_state = .paused
        vm.current_operations = ["OpaqueRef:t2": .unpause]
        big.vms.upsert(Ref("OpaqueRef:vm7"), vm)
        state.apply(pool: "big", kind: .events(["vm": ["OpaqueRef:vm7"]]), inventory: big, at: AppFixture.time)
        #expect(state.rowBuilds == builds)
        let row = state.rows.first { $0.id.ref == "OpaqueRef:vm7" }
        #expect(row?.power == .paused && row?.busy == true)
        #expect(state.rows == AppState(pools: [PoolEntry(inventory: big)]).rows)
        #expect(state.pools[0].counts == PowerCounts(running: 19_999, halted: 1))

        vm.resident_on = Ref("OpaqueRef:h3")
        big.vms.upsert(Ref("OpaqueRef:vm7"), vm)
        state.apply(pool: "big", kind: .events(["vm": ["OpaqueRef:vm7"]]), inventory: big, at: AppFixture.time)
        #expect(state.rowBuilds == builds + 1)
        #expect(state.rows == AppState(pools: [PoolEntry(inventory: big)]).rows)
    }

    /// A failed task is an unread error on its object until the object is selected; an error
    /// about the object already selected is read at once. Error alerts count too.
    @Test func unreadErrorsClearWhenTheObjectIsSelected() {
        var state = AppFixture.state()
        var prod = AppFixture.prod
        prod.tasks.upsert(Ref("OpaqueRef:f1"), Self.task("Async.VM.start", status: .failure, appliesTo: "OpaqueRef:web-02",
                                                         error: ["VM_BAD_POWER_STATE", "OpaqueRef:web-02", "halted", "running"]))
        state.apply(pool: "prod", kind: .events(["task": ["OpaqueRef:f1"]]), inventory: prod, at: AppFixture.time)
        #expect(state.logPane.unreadErrors == [Self.web02: 1])
        #expect(state.log.first?.text == "VM.start web-02: VM_BAD_POWER_STATE web-02 halted running")
        Self.select(Self.web02, in: &state)
        #expect(state.cursor == Self.web02)
        #expect(state.logPane.unreadErrors.isEmpty)

        prod.tasks.upsert(Ref("OpaqueRef:f2"), Self.task("Async.VM.pause", status: .failure, appliesTo: "OpaqueRef:web-02", error: ["X"]))
        state.apply(pool: "prod", kind: .events(["task": ["OpaqueRef:f2"]]), inventory: prod, at: AppFixture.time)
        #expect(state.logPane.unreadErrors.isEmpty)

        var web = prod.vms[Ref("OpaqueRef:web-01")] ?? VMRecord()
        web.uuid = "0b1e6c1f-web-01"
        prod.vms.upsert(Ref("OpaqueRef:web-01"), web)
        var alert = MessageRecord()
        alert.name = "VM_CRASHED"
        alert.priority = 1
        alert.cls = .vm
        alert.obj_uuid = "0b1e6c1f-web-01"
        prod.messages.upsert(Ref("OpaqueRef:m1"), alert)
        state.apply(pool: "prod", kind: .events(["message": ["OpaqueRef:m1"], "vm": ["OpaqueRef:web-01"]]), inventory: prod, at: AppFixture.time)
        #expect(state.logPane.unreadErrors == [Self.web01: 1])
        Self.select(Self.web01, in: &state)
        #expect(state.logPane.unreadErrors.isEmpty)
    }

    /// A reload (after a reconnection) without a task that was pending ends it as unknown; a
    /// finished task that disappears stays as it was.
    @Test func reloadWithoutAPendingTaskEndsIt() {
        var state = AppFixture.state()
        var prod = AppFixture.prod
        prod.tasks.upsert(Ref("OpaqueRef:p"), Self.task("Async.VM.suspend", progress: 0.5, appliesTo: "OpaqueRef:web-01"))
        prod.tasks.upsert(Ref("OpaqueRef:d"), Self.task("Async.VM.snapshot", status: .success, progress: 1, appliesTo: "OpaqueRef:web-01"))
        state.apply(pool: "prod", kind: .reloaded, inventory: prod, at: AppFixture.time)
        #expect(state.log.map(\.level) == [.success, .progress])  // same `created`: by ref
        #expect(state.logPane.hasRunningTasks)
        prod.tasks.remove(Ref("OpaqueRef:p"))
        prod.tasks.remove(Ref("OpaqueRef:d"))
        state.apply(pool: "prod", kind: .reloaded, inventory: prod, at: AppFixture.time.addingTimeInterval(30))
        #expect(state.logPane.task(pool: "prod", ref: "OpaqueRef:p")?.task?.outcome == .endedUnknown)
        #expect(state.logPane.task(pool: "prod", ref: "OpaqueRef:d")?.task?.outcome == .succeeded)
        #expect(!state.logPane.hasRunningTasks && state.logPane.runningTasks.isEmpty)
        #expect(state.log.count == 2)
    }

    /// Durations: tenths under ten seconds, then seconds, minutes, hours.
    @Test func durations() {
        #expect(LogView.duration(0) == "0s")
        #expect(LogView.duration(1.24) == "1.2s")
        #expect(LogView.duration(12) == "12s")
        #expect(LogView.duration(185) == "3m05s")
        #expect(LogView.duration(3720) == "1h02m")
        #expect(LogTask.displayName("Async.VM.start") == "VM.start")
        #expect(LogTask.displayName("SR.scan") == "SR.scan")
    }
}
