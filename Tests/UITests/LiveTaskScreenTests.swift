import Foundation
import Terminal
import Testing
@testable import UI

/// XAPI tasks in the tasks & log pane and as tree badges, driven through a simulated pool
/// (`SimTaskDriver`: the fixture's prod pool in a `SimPool` whose clock the test moves; VM
/// operations take 10 s).
@MainActor @Suite("Golden screens: live tasks")
struct LiveTaskScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// A clean shutdown at 40 % after 4 s, and a start refused at once with its error code and
    /// parameters (refs shown as names); the VMs' badges follow.
    @Test func runningAndFailedTask() throws {
        var state = AppFixture.state()
        let sim = try SimTaskDriver()
        _ = try sim.start("clean_shutdown", vm: "OpaqueRef:web-01")
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        sim.advance(4)
        try sim.sync(into: &state)
        let screen = AppFixture.screen(&state)
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Hosts  SRs  Tasks                        │
            │     ● lab-vm-1 !pv       │ Master     xcp-lab-01                             │
            │     ◐ lab-vm-2 !pv       │ HA         disabled                               │
            │   ◑ lab-vm-3             │ Default SR none                                   │
            │   ▸ Storage  1           │ Hosts      1                                      │
            │   ▸ Networks  0          │ VMs        ● 1 running  ◌ 2 not running           │
            │ ▾ prod                   │ SRs        1                                      │
            │   ▾ xcp-host-01  ● 2     │ Networks   0                                      │
            │     ● app-01 !pv         │ Tasks      none running                           │
            │     ● 報告-サーバ 🚀 !pv │ Connection live                                   │
            │   ▾ xcp-host-02  ● 2     │                                                   │
            │     ● web-01 ⟳           │                                                   │
            │     ● web-02 ✗1 !pv      │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02…│
            │ 16:00:00 ⟳ VM.clean_shutdown web-01         prod  ████░░░░░░  40%  4s        │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """))
    }

    /// A task that succeeded and was then destroyed (as XO does) stays as finished, with its
    /// duration; a task destroyed while pending ends as "result unknown". The shut-down VM is halted.
    @Test func finishedThenDestroyedTasksStay() throws {
        var state = AppFixture.state()
        let sim = try SimTaskDriver()
        let shutdown = try sim.start("clean_shutdown", vm: "OpaqueRef:web-01")
        sim.advance(3)
        try sim.sync(into: &state)
        sim.advance(8)
        let start = try sim.start("start", vm: "OpaqueRef:db-old", [.bool(false), .bool(false)])
        sim.advance(2)
        try sim.sync(into: &state)
        #expect(state.log.map(\.level) == [.success, .progress])
        try sim.destroyTask(shutdown)
        try sim.destroyTask(start)
        sim.advance(1)
        try sim.sync(into: &state)
        #expect(state.log.count == 2)
        #expect(state.logPane.runningTasks.isEmpty)
        let screen = AppFixture.screen(&state)
        #expect(screen == Self.lines("""
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Hosts  SRs  Tasks                        │
            │     ● lab-vm-1 !pv       │ Master     xcp-lab-01                             │
            │     ◐ lab-vm-2 !pv       │ HA         disabled                               │
            │   ◑ lab-vm-3             │ Default SR none                                   │
            │   ▸ Storage  1           │ Hosts      1                                      │
            │   ▸ Networks  0          │ VMs        ● 1 running  ◌ 2 not running           │
            │ ▾ prod                   │ SRs        1                                      │
            │   ▾ xcp-host-01  ● 2     │ Networks   0                                      │
            │     ● app-01 !pv         │ Tasks      none running                           │
            │     ● 報告-サーバ 🚀 !pv │ Connection live                                   │
            │   ▾ xcp-host-02  ● 1     │                                                   │
            │     ● web-02 !pv         │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old ⟳             │                                                   │
            │   ◌ web-01               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.clean_shutdown web-01         prod  11s                        │
            │ 16:00:11 ? VM.start          db-old         prod  ended (result unknown)     │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """))
    }

    /// After a failed start on web-02 and a running task on app-01, folding both hosts: each
    /// folded host shows its VMs' badges (`⟳`, `✗1`); the selected host has no error of its own.
    @Test func badgesOnFoldedHosts() throws {
        var state = AppFixture.state()
        let sim = try SimTaskDriver()
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        _ = try sim.start("clean_reboot", vm: "OpaqueRef:app-01")
        sim.advance(1)
        try sim.sync(into: &state)
        let keys = Array(repeating: "j", count: 8) + ["h", "j", "h"]
        let screen = AppFixture.screen(&state, keys: keys)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ──────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ xcp-host-02                               enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  VMs  Network  Storage             │
            │     ● lab-vm-1 !pv       │ Address    10.0.4.12                              │
            │     ◐ lab-vm-2 !pv       │ Role       pool master                            │
            │   ◑ lab-vm-3             │ State      enabled                                │
            │   ▸ Storage  1           │ CPUs       unknown                                │
            │   ▸ Networks  0          │ Memory     11 GiB / 64 GiB                        │
            │ ▾ prod                   │ Software   unknown                                │
            │   ▸ xcp-host-01 ⟳  ● 2   │ VMs        ● 2 running  ◌ 0 not running           │
            │   ▸ xcp-host-02 ✗1  ● 2  │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 ⟳ VM.clean_reboot   app-01         prod  █░░░░░░░░░  10%  1s        │
            │ 16:00:00 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02…│
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    /// The roles: the error badge in status.error, the bar in progress.done/progress.todo, the
    /// glyphs in task.running/task.failure. And the elapsed time moves on with the clock's ticks.
    @Test func rolesAndTicks() throws {
        var state = AppFixture.state()
        let sim = try SimTaskDriver()
        _ = try sim.start("clean_shutdown", vm: "OpaqueRef:web-01")
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        sim.advance(4)
        try sim.sync(into: &state)
        let theme = Theme.builtInDark
        let size = Size(width: 80, height: 24)
        state.fit(to: size, keymap: .builtInDefault)
        let frame = AppView.render(state, keymap: .builtInDefault, theme: theme, size: size)
        let text = AppFixture.screen(&state)
        func find(_ needle: String, row: Int) -> Int? {
            let line = Array(text[row])
            guard let start = (0..<line.count).first(where: { String(line[$0...]).hasPrefix(needle) }) else { return nil }
            return displayWidth(of: String(line[..<start]))
        }
        let badge = try #require(find("✗1", row: 14))
        #expect(frame[badge, 14].style == theme.style(.statusError))
        let bar = try #require(find("█", row: 19))
        #expect(frame[bar, 19].style == theme.style(.progressDone))
        #expect(frame[bar + 4, 19].style == theme.style(.progressTodo))
        #expect(frame[11, 19].style == theme.style(.taskRunning))
        #expect(frame[11, 18].style == theme.style(.taskFailure))
        #expect(text[19].contains("40%  4s"))

        state.tick(at: sim.now.addingTimeInterval(3))
        #expect(AppFixture.screen(&state)[19].contains("40%  7s"))
    }
}
