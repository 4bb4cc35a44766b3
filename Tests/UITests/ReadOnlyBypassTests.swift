import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

/// Issue 6, security: read-only mode cannot be bypassed. Each path to a mutating call (the `a`
/// menu, marked bulk actions, command mode, the console key and `:console`) is tried with
/// `--read-only` and with a pool configured `read_only = true`; nothing reaches the performer,
/// no console is opened, and each refusal says why.
@MainActor @Suite(.timeLimit(.minutes(1))) struct ReadOnlyBypassTests {
    /// Whose read-only rule applies: the whole program, or one configured pool.
    enum Mode: String, CaseIterable, Sendable {
        case flag, configuredPool
    }

    /// The action fixture (allowed operations set) plus a text console on web-01.
    static func state(_ mode: Mode) -> AppState {
        var prod = ActionFixture.prod
        var console = ConsoleRecord()
        console.protocol = .vt100
        console.VM = Ref("OpaqueRef:web-01")
        console.location = "https://10.0.4.12/console?ref=OpaqueRef:c-web-text"
        prod.consoles.upsert(Ref("OpaqueRef:c-web-text"), console)
        var state = AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod)], readOnly: mode == .flag)
        if mode == .configuredPool { state.readOnlyPools = ["prod"] }
        return state
    }

    /// The keymaps a read-only state may meet: the stripped one `--read-only` installs, and the
    /// full one (a configured read-only pool, or a keymap reloaded at run time).
    static func keymaps(_ mode: Mode) -> [Keymap] {
        mode == .flag ? [Keymap.builtInDefault.readOnly(), .builtInDefault] : [.builtInDefault]
    }

    static func type(_ text: String, into state: inout AppState, keymap: Keymap) {
        for character in text { state.press(character == " " ? "space" : String(character), keymap: keymap) }
    }

    /// Presses `keys` on the VM `ref` (in prod) and checks that nothing was queued or opened.
    static func expectRefused(_ keys: [String], on ref: String, mode: Mode, mark: Bool = false,
                              _ what: String) {
        for keymap in keymaps(mode) {
            var state = state(mode)
            state.select(ActionFixture.id(ref))
            if mark { state.press("x", keymap: keymap) }
            for key in keys {
                if key.count > 1, key != "enter", key != "escape" {
                    type(key, into: &state, keymap: keymap)
                } else {
                    state.press(key, keymap: keymap)
                }
            }
            // Whatever popup or confirmation might be up, `y` and enter would run it.
            state.press("y", keymap: keymap)
            state.press("enter", keymap: keymap)
            #expect(state.pendingRequests.isEmpty, "\(mode) \(what): queued \(state.pendingRequests.map(\.request.action))")
            #expect(state.takeConsoleRequest() == nil, "\(mode) \(what): a console would open")
            #expect(state.actionFlow == nil, "\(mode) \(what): an action is waiting to run")
        }
    }

    @Test(arguments: Mode.allCases) func theActionMenuRunsNothing(_ mode: Mode) {
        Self.expectRefused(["a", "s"], on: "db-old", mode: mode, "start a halted VM")
        Self.expectRefused(["a", "D", "y"], on: "web-01", mode: mode, "hard shutdown")
        Self.expectRefused(["a", "n", "enter"], on: "web-01", mode: mode, "snapshot")
    }

    @Test(arguments: Mode.allCases) func markedBulkActionsRunNothing(_ mode: Mode) {
        Self.expectRefused(["a", "s"], on: "db-old", mode: mode, mark: true, "start the marked VM")
        Self.expectRefused(["a", "d"], on: "web-01", mode: mode, mark: true, "shut down the marked VM")
    }

    @Test(arguments: Mode.allCases) func commandModeRunsNothingAndSaysWhy(_ mode: Mode) throws {
        Self.expectRefused([":", "vm start db-old", "enter"], on: "web-01", mode: mode, ":vm start")
        Self.expectRefused([":", "vm destroy db-old --force", "enter"], on: "web-01", mode: mode, ":vm destroy --force")
        var state = Self.state(mode)
        state.press(":", keymap: .builtInDefault)
        Self.type("vm start db-old", into: &state, keymap: .builtInDefault)
        state.press("enter", keymap: .builtInDefault)
        let line = try #require(state.log.last?.text)
        #expect(line.contains("refused") && line.contains("read-only"), "\(line)")
    }

    @Test(arguments: Mode.allCases) func theConsoleIsNotOpened(_ mode: Mode) throws {
        // The console of web-01 exists: without read-only, `c` asks for it.
        var writable = Self.state(mode)
        writable.readOnly = false
        writable.readOnlyPools = []
        writable.select(ActionFixture.id("web-01"))
        writable.press("c", keymap: .builtInDefault)
        #expect(writable.takeConsoleRequest() != nil, "the fixture has a text console on web-01")

        Self.expectRefused(["c"], on: "web-01", mode: mode, "console key")
        Self.expectRefused([":", "console", "enter"], on: "web-01", mode: mode, ":console")
        var state = Self.state(mode)
        state.select(ActionFixture.id("web-01"))
        state.press(":", keymap: .builtInDefault)
        Self.type("console", into: &state, keymap: .builtInDefault)
        state.press("enter", keymap: .builtInDefault)
        let line = try #require(state.log.last?.text)
        #expect(line.contains("read-only"), "\(line)")
    }

    /// Through the controller: whatever keys are pressed, the performer is never called.
    @Test(arguments: Mode.allCases) func thePerformerIsNeverCalled(_ mode: Mode) async {
        let performer = RecordingPerformer()
        var state = Self.state(mode)
        state.select(ActionFixture.id("db-old"))
        let controller = UIController(screen: MemoryScreen(width: 100, height: 30),
                                      keymap: mode == .flag ? Keymap.builtInDefault.readOnly() : .builtInDefault,
                                      theme: .builtInDark, state: state, performer: performer)
        var keys: [String] = ["a", "s", "y", "x", "a", "s", "y", "a", "D", "y"]
        keys += [":"] + "vm destroy db-old --force".map(String.init) + ["enter"]
        for key in keys {
            switch key {
            case " ": controller.key(.char(" "))
            case "enter": controller.key(.key(.enter))
            default: controller.key(.char(Character(key)))
            }
        }
        await controller.waitForPerformer()
        #expect(performer.calls.isEmpty, "\(mode): performed \(performer.calls)")
    }
}

/// Records what it is asked to run, and runs nothing.
final class RecordingPerformer: ActionPerforming, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    var calls: [String] { lock.withLock { recorded } }

    func perform(_ request: ActionRequest) async -> ActionPerformResult {
        lock.withLock { recorded.append(request.action.call) }
        return .started(task: "OpaqueRef:recorded")
    }

    func cancel(_ request: TaskCancelRequest) async -> ActionPerformResult {
        lock.withLock { recorded.append("task.cancel") }
        return .cancelled
    }
}
