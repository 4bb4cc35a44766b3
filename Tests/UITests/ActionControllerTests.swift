import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

/// The controller hands the reducer's queued actions to the injected performer and its answers
/// back to the state; and `:vm` completes action words and VM names.
@MainActor @Suite struct ActionControllerTests {
    @Test func aSHandsTheRequestToThePerformerAndTheLineBecomesTheTask() async throws {
        let driver = try SimTaskDriver(ActionFixture.prod)
        var state = AppState(pools: [PoolEntry(inventory: driver.inventory)])
        state.select(ActionFixture.id("db-old"))
        let controller = UIController(screen: MemoryScreen(width: 80, height: 24), keymap: .builtInDefault, theme: .builtInDark,
                                      state: state, performer: SimActionPerformer(pool: driver.pool))
        controller.key(.char("a"))
        controller.key(.char("s"))
        #expect(controller.state.pendingRequests.isEmpty, "handed over at once")
        await controller.waitForPerformer()
        let task = try #require(controller.state.log.last?.task)
        #expect(task.ref.hasPrefix("OpaqueRef:"))
        #expect(controller.state.logPane.task(pool: "prod", ref: task.ref) != nil)
        #expect(driver.pool.database["task"][task.ref] != nil, "the simulator has the task")
    }

    @Test func withoutAPerformerTheActionEndsAsAnErrorSayingSo() async {
        var state = ActionFixture.state()
        state.select(ActionFixture.id("db-old"))
        let controller = UIController(screen: MemoryScreen(width: 80, height: 24), keymap: .builtInDefault, theme: .builtInDark, state: state)
        controller.key(.char("a"))
        controller.key(.char("s"))
        await controller.waitForPerformer()
        #expect(controller.state.log.last?.text == "VM.start db-old: NO_PERFORMER this UI cannot run actions")
    }

    @Test func vmCompletesActionsThenVMNames() {
        var state = ActionFixture.state()
        let keymap = Keymap.builtInDefault
        for key in [":", "v", "m", "space", "h", "a", "r", "d", "tab"] { state.press(key, keymap: keymap) }
        #expect(state.command?.text == "vm hard-")
        #expect(state.command?.candidates == ["hard-reboot", "hard-shutdown"])
        for key in ["s", "tab", "space", "w", "e", "b", "tab"] { state.press(key, keymap: keymap) }
        #expect(state.command?.text == "vm hard-shutdown web-0")
        #expect(state.command?.candidates == ["web-01", "web-02"])
    }

    @Test func hostAndSRActionsFollowTheirRecords() {
        var prod = ActionFixture.prod
        if var host = prod.hosts[Ref("OpaqueRef:h1")] {
            host.allowed_operations = [.reboot, .shutdown]
            prod.hosts.upsert(Ref("OpaqueRef:h1"), host)
        }
        var state = AppState(pools: [PoolEntry(inventory: prod)])
        state.select(TreeNodeID(pool: "prod", kind: .host, ref: "OpaqueRef:h1"))
        #expect(state.isAvailable("host.disable"))
        #expect(!state.isAvailable("host.enable"), "the host is enabled already")
        #expect(state.isAvailable("host.reboot"))
        #expect(!state.isAvailable("vm.start"))
        state.press("a", keymap: .builtInDefault)
        state.press("r", keymap: .builtInDefault)
        #expect(state.actionFlow?.stage == .confirm, "rebooting a host is dangerous")
        #expect(state.actionFlow?.targets.map(\.name) == ["xcp-host-01"])
        state.select(TreeNodeID(pool: "prod", kind: .sr, ref: "OpaqueRef:sr-nfs"))
        #expect(!state.isAvailable("sr.scan"), "the fixture's SR allows nothing")
    }
}
