import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

/// `enter` on a log pane entry: the detail popup of a failed task, an alert and a connection
/// failure, as whole screens.
@MainActor @Suite("Golden screens: log entry details")
struct LogDetailScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The fixture's prod pool with uuids on web-02 and its host.
    static var prod: PoolInventory {
        var prod = AppFixture.prod
        if var vm = prod.vms[Ref("OpaqueRef:web-02")] {
            vm.uuid = "4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81"
            prod.vms.upsert(Ref("OpaqueRef:web-02"), vm)
        }
        return prod
    }

    /// The 80×24 popup scrolls; at 120×40 the whole detail fits, down to the xe line.
    /// VM.start on a running VM, refused with VM_BAD_POWER_STATE, as the pane's only entry.
    static func failedStart() -> AppState {
        var state = AppFixture.state()
        var prod = Self.prod
        prod.tasks.upsert(Ref("OpaqueRef:f1"), LogPaneTaskTests.task("Async.VM.start", status: .failure, appliesTo: "OpaqueRef:web-02",
                                                                     error: ["VM_BAD_POWER_STATE", "OpaqueRef:web-02", "halted", "running"]))
        state.apply(pool: "prod", kind: .events(["task": ["OpaqueRef:f1"]]), inventory: prod, at: AppFixture.time.addingTimeInterval(2))
        return state
    }

    @Test func failedTaskAt80x24() {
        var state = Self.failedStart()
        let screen = AppFixture.screen(&state, keys: ["g", "t", "enter"])
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │┌ Task VM.start ─────────────────────────────────────────────────────────────┐│
            ││ Task           VM.start                                                    ││
            ││ Object         VM web-02 (4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81)            ││
            ││ Pool           prod                                                        ││
            ││ Call           Async.VM.start                                              ││
            ││ Status         failed: VM_BAD_POWER_STATE                                  ││
            ││ Created        2025-11-24 16:00:00 UTC                                     ││
            ││ Finished       2025-11-24 16:00:02 UTC                                     ││
            ││ Duration       2s                                                          ││
            ││                                                                            ││
            ││ Error          VM_BAD_POWER_STATE: The VM is not in the right power state  ││
            ││   vm           web-02                                                      ││
            ││   expected     halted                                                      ││
            ││   actual       running                                                     ││
            ││ Reported by    the pool (XAPI refused or failed the call)                  ││
            ││ What happened  The VM is running, but start needs it halted. XAPI checks   ││
            ├│                the power state before each lifecycle operation; it may     │┤
            ││                have changed since the screen was drawn (another user, a    ││
            ││                task, or the guest itself).                                 ││
            ││ Try            Shut it down first (or reboot it, if a restart is what you  ││
            ││                want).                                                      ││
            │└ j/k scroll  esc close  1-20/21 ────────────────────────────────────────────┘│
            └ q cancel ────────────────────────────────────────────────────────────────────┘
            """))
        #expect(state.popup == .logDetail(entry: 0, scroll: 0))
        // The rest scrolls into view; esc closes and the log pane keeps the keyboard.
        let end = AppFixture.screen(&state, keys: ["end"])
        #expect(end[21] == "││ xe             xe vm-start uuid=4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81       ││")
        #expect(end[22].contains("2-21/21"))
        _ = AppFixture.screen(&state, keys: ["esc"])
        #expect(state.popup == nil)
        #expect(state.focus == .log)
    }

    @Test func failedTaskAt120x40() {
        var state = Self.failedStart()
        let screen = AppFixture.screen(&state, keys: ["g", "t", "enter"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ────────────────────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab   ┌ Task VM.start ───────────────────────────────────────────────────────────────────────────────────┐ · 3 VMs │
            │   ▾ xcp-│ Task           VM.start                                                                          │         │
            │     ● la│ Object         VM web-02 (4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81)                                  │         │
            │     ◐ la│ Pool           prod                                                                              │         │
            │   ◑ lab-│ Call           Async.VM.start                                                                    │         │
            │   ▸ Stor│ Status         failed: VM_BAD_POWER_STATE                                                        │         │
            │   ▸ Netw│ Created        2025-11-24 16:00:00 UTC                                                           │         │
            │ ▾ prod  │ Finished       2025-11-24 16:00:02 UTC                                                           │         │
            │   ▾ xcp-│ Duration       2s                                                                                │         │
            │     ● ap│                                                                                                  │         │
            │     ● 報│ Error          VM_BAD_POWER_STATE: The VM is not in the right power state                        │         │
            │   ▾ xcp-│   vm           web-02                                                                            │         │
            │     ● we│   expected     halted                                                                            │         │
            │     ● we│   actual       running                                                                           │         │
            │   ◌ arch│ Reported by    the pool (XAPI refused or failed the call)                                        │         │
            │   ◌ db-o│ What happened  The VM is running, but start needs it halted. XAPI checks the power state before  │         │
            │   ▸ Stor│                each lifecycle operation; it may have changed since the screen was drawn (another │         │
            │   ▸ Netw│                user, a task, or the guest itself).                                               │         │
            │         │ Try            Shut it down first (or reboot it, if a restart is what you want).                 │         │
            │         │ xe             xe vm-start uuid=4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81                             │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            ├ Tasks & │                                                                                                  │─────────┤
            │ 16:00:00│                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         │                                                                                                  │         │
            │         └ j/k scroll  esc close ───────────────────────────────────────────────────────────────────────────┘         │
            └ q cancel ────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func alert() {
        var state = AppFixture.state()
        var prod = Self.prod
        var message = MessageRecord()
        message.name = "VM_CRASHED"
        message.priority = 2
        message.cls = .vm
        message.obj_uuid = "4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81"
        message.body = "The VM crashed; its actions_after_crash is restart, so it was restarted on xcp-host-02."
        prod.messages.upsert(Ref("OpaqueRef:m1"), message)
        state.apply(pool: "prod", kind: .events(["message": ["OpaqueRef:m1"]]), inventory: prod, at: AppFixture.time)
        let screen = AppFixture.screen(&state, keys: ["g", "t", "enter"])
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │┌ Alert VM_CRASHED ──────────────────────────────────────────────────────────┐│
            ││ Alert          VM_CRASHED                                                  ││
            ││ Priority       P2 (service loss imminent)                                  ││
            ││ Object         VM web-02 (4e1b13ab-9c1d-4f0e-8a77-0c2d5e6f7a81)            ││
            ││ Pool           prod                                                        ││
            ││ Time           2025-11-24 16:00:00 UTC                                     ││
            ││ Body           The VM crashed; its actions_after_crash is restart, so it   ││
            ││                was restarted on xcp-host-02.                               ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ├│                                                                            │┤
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            │└ j/k scroll  esc close ─────────────────────────────────────────────────────┘│
            └ q cancel ────────────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func connectionFailure() {
        var state = AppFixture.state()
        var lab = AppFixture.lab
        lab.state = .failed(error: "cannot connect to https://10.0.9.11: Connection refused")
        lab.connectionProblem = .cannotConnect(host: "10.0.9.11", port: 443, reason: "Connection refused")
        state.apply(pool: "lab", kind: .state, inventory: lab, at: AppFixture.time)
        let screen = AppFixture.screen(&state, keys: ["g", "t", "enter"])
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ───────────┬───────── lab ✗ failed  2 pools · 3 hosts · 9 VMs ─┐
            │┌ Connection lab ────────────────────────────────────────────────────────────┐│
            ││ Connection     lab                                                         ││
            ││ Time           2025-11-24 16:00:00 UTC                                     ││
            ││ State          lab: failed: cannot connect to https://10.0.9.11:           ││
            ││                Connection refused                                          ││
            ││                                                                            ││
            ││ Error          cannot-connect: Cannot connect to 10.0.9.11                 ││
            ││   host         10.0.9.11                                                   ││
            ││   port         443                                                         ││
            ││   reason       Connection refused                                          ││
            ││ Reported by    xentui (the pool was not reached or its reply was unusable) ││
            ││ What happened  xentui could not open a connection to 10.0.9.11 on port     ││
            ││                443: Connection refused. Nothing answered there: the host   ││
            ││                may be down, the address wrong, or a firewall in the way.   ││
            ││ Try            Check the pool's url in the config and that port 443 on     ││
            ││                10.0.9.11 is reachable from here (nc -vz 10.0.9.11 443).    ││
            ├│ Retry          likely to work if tried again later                         │┤
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            ││                                                                            ││
            │└ j/k scroll  esc close ─────────────────────────────────────────────────────┘│
            └ q cancel ────────────────────────────────────────────────────────────────────┘
            """))
    }

    /// Hostile text (escape sequences, newlines) is shown escaped; long words are cut at the
    /// line's end and the rest wraps at spaces.
    @Test func controlCharactersAreEscapedAndLongLinesWrap() {
        var entry = LogPaneEntry(time: AppFixture.time, level: .error, kind: .alert, pool: "prod", text: "prod: P1 X")
        entry.alertName = "X"
        entry.priority = 1
        entry.message = "line one\nline \u{1B}[31mred " + String(repeating: "a", count: 30)
        let detail = LogEntryDetail(entry)
        let body = detail.rows.first { $0.label == "Body" }
        #expect(body?.value == "line one\\nline \\u{1B}[31mred " + String(repeating: "a", count: 30))
        let lines = LogDetailView.lines(detail, width: 40, theme: .builtInDark).map { $0.map(\.text).joined() }
        #expect(lines.suffix(4) == [
            "Body          line one\\nline",
            "              \\u{1B}[31mred",
            "              " + String(repeating: "a", count: 26),
            "              aaaa",
        ])
        #expect(WordWrap.lines("ab cd " + String(repeating: "x", count: 12), width: 5) == ["ab cd", "xxxxx", "xxxxx", "xx"])
        #expect(WordWrap.lines("", width: 5) == [""])
    }
}
