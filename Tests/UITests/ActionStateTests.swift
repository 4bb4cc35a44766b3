import Foundation
import Inventory
import Testing
import XAPI
@testable import UI

/// Object actions through the reducer, run on an in-process simulated pool: `a s`, `:vm`,
/// marks and bulk actions, confirmations, read-only refusals, task cancel.
@Suite struct ActionStateTests {
    let keymap = Keymap.builtInDefault

    /// The fixture's prod pool in a simulator, the state over it with `id` selected.
    func simulated(selecting ref: String, opSeconds: Double = 10) throws -> (SimTaskDriver, AppState, SimActionPerformer) {
        let driver = try SimTaskDriver(ActionFixture.prod, opSeconds: opSeconds)
        var state = AppState(pools: [PoolEntry(inventory: driver.inventory)])
        state.select(ActionFixture.id(ref))
        return (driver, state, SimActionPerformer(pool: driver.pool))
    }

    func press(_ keys: [String], _ state: inout AppState, keymap: Keymap? = nil) {
        for key in keys { state.press(key, keymap: keymap ?? self.keymap, at: AppFixture.time) }
    }

    /// Hands every queued request to the performer and its answer back to the state.
    func perform(_ state: inout AppState, _ performer: SimActionPerformer, at time: Date) async -> [QueuedAction] {
        let queued = state.takeRequests()
        for item in queued {
            switch await performer.perform(item.request) {
            case .started(let task): state.actionStarted(item.id, task: task, at: time)
            case .failed(let error): state.actionFailed(item.id, error: error, at: time)
            case .cancelled: break
            }
        }
        return queued
    }

    @Test func startOnAHaltedVMRunsItAndItsLineEndsDone() async throws {
        var (driver, state, performer) = try simulated(selecting: "db-old")
        press(["a", "s"], &state)
        #expect(state.popup == nil)
        #expect(state.pendingRequests.map(\.request.action) == [.start])
        #expect(state.pendingRequests.first?.request.targetRef == "OpaqueRef:db-old")
        #expect(state.log.last?.kind == .action)
        #expect(state.log.last?.task?.name == "VM.start")

        let queued = await perform(&state, performer, at: driver.now)
        #expect(queued.count == 1)
        let ref = try #require(state.log.last?.task?.ref)
        #expect(ref.hasPrefix("OpaqueRef:"))
        let lines = state.log.count
        driver.advance(3)
        try driver.sync(into: &state)
        #expect(state.log.count == lines, "the action's line is the task's line, not a second one")
        #expect(state.logPane.runningTasks[ActionFixture.id("db-old")] == 1)
        driver.advance(10)
        try driver.sync(into: &state)
        #expect(driver.inventory.vms[Ref("OpaqueRef:db-old")]?.power_state == .running)
        #expect(state.log.count == lines)
        #expect(state.log.last?.task?.outcome == .succeeded)
        #expect(state.log.last?.text == "VM.start db-old: done")
    }

    @Test func whenTheTaskLineArrivesFirstTheActionLineSaysWhichTaskItStarted() async throws {
        var (driver, state, performer) = try simulated(selecting: "db-old")
        press(["a", "s"], &state)
        let actionLine = state.log.count - 1
        #expect(state.actionRequests[actionLine]?.targetRef == "OpaqueRef:db-old")
        let queued = state.takeRequests()
        let result = await performer.perform(queued[0].request)
        driver.advance(1)
        try driver.sync(into: &state)  // the event stream brings the task before the answer
        guard case .started(let ref) = result else {
            Issue.record("not started: \(result)")
            return
        }
        state.actionStarted(queued[0].id, task: ref, at: driver.now)
        #expect(state.log[actionLine].kind == .action)
        #expect(state.log[actionLine].task == nil)
        #expect(state.log[actionLine].text == "VM.start db-old: started, task \(ref.suffix(8))")
        #expect(state.logPane.task(pool: "prod", ref: ref)?.task?.isRunning == true)
    }

    @Test func vmStartOfARunningVMIsRefusedUnlessForcedThenXAPISaysWhy() async throws {
        var (driver, state, performer) = try simulated(selecting: "db-old")
        state.run("vm start web-01", at: AppFixture.time)
        #expect(state.pendingRequests.isEmpty)
        #expect(state.log.last?.level == .error)
        #expect(state.log.last?.text == "cannot start web-01: not allowed while running")

        state.run("vm start --force web-01", at: AppFixture.time)
        #expect(state.pendingRequests.map(\.request.target.name) == ["web-01"])
        _ = await perform(&state, performer, at: driver.now)
        // XAPI takes an Async call and fails its task: the error arrives with the task.
        driver.advance(1)
        try driver.sync(into: &state)
        let entry = try #require(state.log.last)
        #expect(entry.level == .error)
        guard case .failed(let code, let params)? = entry.task?.outcome else {
            Issue.record("not a failure: \(entry)")
            return
        }
        #expect(code == "VM_BAD_POWER_STATE")
        #expect(params.first == "web-01", "the VM's ref is shown by its name")
        #expect(params.dropFirst().contains("halted"))
        #expect(entry.text.hasPrefix("VM.start web-01: VM_BAD_POWER_STATE web-01"))
    }

    @Test func aCallRefusedBeforeAnyTaskEndsItsLineWithTheCodeAndNamedParameters() {
        var state = ActionFixture.state()
        state.select(ActionFixture.id("db-old"))
        press(["a", "s"], &state)
        let queued = state.takeRequests()
        #expect(queued.count == 1)
        let error = XAPIError(code: "VM_BAD_POWER_STATE", params: ["OpaqueRef:db-old", "halted", "running"], call: "VM.start", object: "db-old")
        state.actionFailed(queued[0].id, error: error, at: AppFixture.time.addingTimeInterval(1))
        let entry = state.log.last
        #expect(entry?.kind == .error)
        #expect(entry?.level == .error)
        #expect(entry?.task?.outcome == .failed(code: "VM_BAD_POWER_STATE", params: ["db-old", "halted", "running"]))
        #expect(entry?.text == "VM.start db-old: VM_BAD_POWER_STATE db-old halted running")
    }

    @Test func marksMakeVMActionsBulkAndTheConfirmationSaysWhatIsSkipped() async throws {
        var (driver, state, performer) = try simulated(selecting: "db-old")
        press(["x"], &state)
        state.select(ActionFixture.id("archive"))
        press(["space"], &state)
        state.select(ActionFixture.id("web-01"))
        press(["x"], &state)
        #expect(state.marks.count == 3)
        #expect(state.isAvailable("vm.start"), "start is offered: some marked VM allows it")
        press(["a", "s"], &state)
        let flow = try #require(state.actionFlow)
        #expect(state.popup == .action)
        #expect(flow.stage == .confirm)
        #expect(flow.targets.map(\.name) == ["archive", "db-old"])
        #expect(flow.skipped == [SkippedTarget(name: "web-01", reason: "not allowed while running")])
        press(["y"], &state)
        #expect(state.popup == nil)
        #expect(state.pendingRequests.map(\.request.target.name) == ["archive", "db-old"])
        #expect(state.log.last?.text == "start: skipped web-01 (not allowed while running)")
        _ = await perform(&state, performer, at: driver.now)
        driver.advance(15)
        try driver.sync(into: &state)
        #expect(driver.inventory.vms[Ref("OpaqueRef:db-old")]?.power_state == .running)
        #expect(driver.inventory.vms[Ref("OpaqueRef:archive")]?.power_state == .running)
        #expect(state.log.filter { $0.task?.outcome == .succeeded }.count == 2)

        press(["esc"], &state)
        #expect(state.marks.isEmpty, "esc clears the marks")
    }

    @Test func starMarksEveryVMTheFilterMatches() throws {
        var state = ActionFixture.state()
        state.setFilter("power_state:halted")
        press(["*"], &state)
        // lab-vm-3 is suspended, the template is not shown.
        #expect(Set(state.marks.map(\.ref)) == ["OpaqueRef:db-old", "OpaqueRef:archive"])
        #expect(state.log.last?.text == "marked 2 VMs matching power_state:halted (2 marked)")
    }

    @Test func destroyAsksForConfirmationAndNCancels() throws {
        var state = ActionFixture.state()
        state.select(ActionFixture.id("db-old"))
        press(["a", "X"], &state)
        #expect(state.popup == .action)
        #expect(state.actionFlow?.stage == .confirm)
        #expect(state.pendingRequests.isEmpty)
        press(["n"], &state)
        #expect(state.popup == nil)
        #expect(state.pendingRequests.isEmpty)
        #expect(state.log.last?.text == "destroy of db-old cancelled")
        press(["a", "X", "y"], &state)
        #expect(state.pendingRequests.map(\.request.action) == [.destroy])
    }

    @Test func migrateOpensTheHostPickerThenRequestsTheChosenHost() throws {
        var state = ActionFixture.state()
        state.select(ActionFixture.id("web-02"))
        press(["a", "m"], &state)
        guard case .pickHost(let hosts, _)? = state.actionFlow?.stage else {
            Issue.record("no host picker: \(String(describing: state.actionFlow))")
            return
        }
        #expect(hosts.map(\.name) == ["xcp-host-01"], "the VM's own host is left out")
        #expect(hosts.first?.freeMemory == 64 << 30)
        press(["enter"], &state)
        let request = try #require(state.pendingRequests.first?.request)
        #expect(request.host == ActionHost(ref: "OpaqueRef:h1", name: "xcp-host-01"))
        #expect(request.parameters.count == 3)
    }

    @Test func snapshotPromptsForANamePrefilledWithTheDate() throws {
        var state = ActionFixture.state()
        state.select(ActionFixture.id("web-01"))
        press(["a", "n"], &state)
        guard case .name(let editor)? = state.actionFlow?.stage else {
            Issue.record("no name prompt")
            return
        }
        #expect(editor.text == "web-01-snap-20251124-1600")
        #expect(state.keyContext == .command)
        press(["backspace", "backspace", "backspace", "backspace", "x", "enter"], &state)
        #expect(state.pendingRequests.first?.request.newName == "web-01-snap-20251124-x")
        #expect(state.pendingRequests.first?.request.parameters.last == .string("web-01-snap-20251124-x"))
    }

    @Test func readOnlyOffersNoMutatingActionAndRefusesVMCommands() {
        var state = ActionFixture.state(readOnly: true)
        state.select(ActionFixture.id("db-old"))
        let readOnlyKeymap = keymap.readOnly()
        press(["a"], &state, keymap: readOnlyKeymap)
        #expect(!state.pending.isWaiting, "no `a` menu at all")
        #expect(readOnlyKeymap.whichKey(after: ["a"], in: .tree, isAvailable: state.isAvailable) == nil)
        state.run("vm start db-old", at: AppFixture.time)
        #expect(state.pendingRequests.isEmpty)
        #expect(state.log.last?.text == ":vm start refused: xentui runs read-only (--read-only), nothing that changes a pool runs")
    }

    @Test func aReadOnlyPoolOffersNothingOnItsObjects() {
        var state = ActionFixture.state()
        state.readOnlyPools = ["prod"]
        state.select(ActionFixture.id("db-old"))
        #expect(!state.isAvailable("vm.start"))
        #expect(keymap.whichKey(after: ["a"], in: .tree, isAvailable: state.isAvailable)?.entries.isEmpty ?? true)
        state.run("vm start db-old", at: AppFixture.time)
        #expect(state.pendingRequests.isEmpty)
        #expect(state.log.last?.text == ":vm start refused: pool prod is read-only (read_only = true in the config), nothing that changes it runs")
        state.select(TreeNodeID(pool: "lab", kind: .vm, ref: "OpaqueRef:lab-v1"))
        #expect(!state.isAvailable("vm.start"), "the lab VM has no allowed_operations in the fixture")
    }

    @Test func cancelOnARunningTaskLineCallsTaskCancel() async throws {
        var (driver, state, performer) = try simulated(selecting: "db-old", opSeconds: 30)
        press(["a", "s"], &state)
        _ = await perform(&state, performer, at: driver.now)
        driver.advance(2)
        try driver.sync(into: &state)
        #expect(!state.isAvailable("task.cancel"), "only in the focused log pane")
        press(["g", "t"], &state)
        #expect(state.focus == .log)
        #expect(state.isAvailable("task.cancel"))
        press(["a", "c"], &state)
        let cancels = state.takeCancels()
        #expect(cancels.count == 1)
        #expect(cancels.first?.task == state.log.last?.task?.ref)
        for cancel in cancels { #expect(await performer.cancel(cancel) == .cancelled) }
        driver.advance(1)
        try driver.sync(into: &state)
        #expect(state.log.last?.task?.outcome == .cancelled)
        #expect(!state.isAvailable("task.cancel"), "an ended task cannot be cancelled")
    }
}
