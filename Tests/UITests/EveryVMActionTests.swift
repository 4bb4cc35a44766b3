import Foundation
import Inventory
import Testing
import XAPI
@testable import UI

/// Every VM action of the `a` menu, by its keys, run on an in-process simulated pool and
/// checked in the simulator's own state (issue 4): the task line ends ✓ and the VM is where
/// the action says it should be.
@Suite struct EveryVMActionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var vm: String
        /// Key presses, one batch per action (pause then unpause is two actions).
        var batches: [[String]]
        var check: @Sendable (PoolInventory) -> Bool
        var testDescription: String { "\(vm): " + batches.map { $0.joined(separator: " ") }.joined(separator: ", then ") }
    }

    static func vm(_ inventory: PoolInventory, _ ref: String) -> VMRecord? { inventory.vms[Ref("OpaqueRef:\(ref)")] }

    static let cases: [Case] = [
        Case(vm: "db-old", batches: [["a", "s"]]) { vm($0, "db-old")?.power_state == .running },
        Case(vm: "db-old", batches: [["a", "S", "enter"]]) { inventory in
            guard let vm = vm(inventory, "db-old") else { return false }
            return vm.power_state == .running && inventory.hosts[vm.resident_on] != nil
        },
        Case(vm: "web-01", batches: [["a", "d"]]) { vm($0, "web-01")?.power_state == .halted },
        Case(vm: "web-01", batches: [["a", "D", "y"]]) { vm($0, "web-01")?.power_state == .halted },
        Case(vm: "web-01", batches: [["a", "r"]]) { vm($0, "web-01")?.power_state == .running },
        Case(vm: "web-01", batches: [["a", "R", "y"]]) { vm($0, "web-01")?.power_state == .running },
        Case(vm: "web-01", batches: [["a", "p"]]) { vm($0, "web-01")?.power_state == .paused },
        Case(vm: "web-01", batches: [["a", "p"], ["a", "p"]]) { vm($0, "web-01")?.power_state == .running },
        Case(vm: "web-01", batches: [["a", "z"]]) { vm($0, "web-01")?.power_state == .suspended },
        Case(vm: "web-01", batches: [["a", "z"], ["a", "z"]]) { vm($0, "web-01")?.power_state == .running },
        Case(vm: "web-01", batches: [["a", "m", "enter"]]) { inventory in
            guard let vm = vm(inventory, "web-01") else { return false }
            return vm.power_state == .running && inventory.hosts[vm.resident_on]?.name_label == "xcp-host-01"
        },
        Case(vm: "web-01", batches: [["a", "n", "enter"]]) { inventory in
            inventory.vms.records.contains { $0.value.is_a_snapshot && $0.value.snapshot_of == Ref("OpaqueRef:web-01") }
        },
        Case(vm: "db-old", batches: [["a", "c", "enter"]]) { inventory in
            inventory.vms.records.contains { !$0.value.is_a_snapshot && $0.value.name_label.hasPrefix("db-old-") }
        },
        Case(vm: "db-old", batches: [["a", "X", "y"]]) { vm($0, "db-old") == nil },
    ]

    @Test(arguments: cases)
    func actionRunsOnTheSimulator(_ test: Case) async throws {
        let driver = try SimTaskDriver(ActionFixture.prod, opSeconds: 1)
        var state = AppState(pools: [PoolEntry(inventory: driver.inventory)])
        state.select(ActionFixture.id(test.vm))
        let performer = SimActionPerformer(pool: driver.pool)
        for keys in test.batches {
            for key in keys { state.press(key, keymap: .builtInDefault, at: driver.now) }
            let queued = state.takeRequests()
            #expect(queued.count == 1, "\(keys) queued \(queued.count) actions")
            for item in queued {
                switch await performer.perform(item.request) {
                case .started(let task): state.actionStarted(item.id, task: task, at: driver.now)
                case .failed(let error): Issue.record("\(item.request.action) failed to start: \(error)")
                case .cancelled: Issue.record("\(item.request.action) was cancelled")
                }
            }
            driver.advance(3)
            try driver.sync(into: &state)
            #expect(state.log.last?.task?.outcome == .succeeded, "\(keys): \(state.log.last?.text ?? "no line")")
        }
        #expect(test.check(driver.inventory), "the simulator's state is not what \(test.testDescription) should give")
    }
}
