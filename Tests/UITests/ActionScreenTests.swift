import Foundation
import Testing
@testable import UI

/// Whole-screen goldens (80×24) of the object actions: the `a` menu per power state, the host
/// picker, the name prompt, confirmations, marks, and an action's task line run on a simulator.
@MainActor @Suite struct ActionScreenTests {
    func screen(_ ref: String, keys: [String], readOnly: Bool = false) -> [String] {
        var state = ActionFixture.state(readOnly: readOnly)
        state.select(ActionFixture.id(ref))
        return AppFixture.screen(&state, keys: keys)
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// `a` on a halted VM: start, start on, snapshot, clone, destroy (its allowed_operations).
    @Test func haltedVMMenu() {
        #expect(screen("db-old", keys: ["a"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ db-old ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ db-old                                   ◌ Halted │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        none reported                          │
            │     ● app-01 !pv         │ Tags       none                                   │
            │     ● 報告-サーバ 🚀 !pv │ Operations clone, copy, destroy, export,          │
            │   ▾ xcp-host-02  ● 2     │            snapshot, start, start_on              │
            │     ● web-01             │                                                   │
            │     ● web-02 !pv         │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │               ┌ a actions ───────────────────────┐│
            ├ Tasks & log ─────────────┴───────────────│ s  Start the VM                  │┤
            │ No events yet                            │ S  Start the VM on a chosen host ││
            │                                          │ n  Snapshot the VM               ││
            │                                          │ c  Clone the VM                  ││
            │                                          │ X  Destroy the VM and its disks  ││
            │                                          └──────────────────────────────────┘│
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    /// `a` on a running VM: shutdowns, reboots, pause, suspend, migrate, snapshot; no start.
    @Test func runningVMMenu() {
        #expect(screen("web-01", keys: ["a"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ web-01                   ● Running on xcp-host-02 │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         Debian 12 (6.1.0-18)                   │
            │   ▸ Storage  1           │ PV drivers 9.3.1                                  │
            │   ▸ Networks  0          │ vCPUs      4                                      │
            │ ▾ prod                   │ Memory     8 GiB / 8 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        10.0.4.21, fe80::1                     │
            │     ● app-01 !pv         │ Tags       prod, frontend                         │
            │     ● 報告-サーバ 🚀 !pv │ Operations clean_reboot, clean_shutdown,          │
            │   ▾ xcp-host-02  ● 2     │            hard_reboot, hard_shutdown, pause,     │
            │     ● web-01             │            pool_migrate and 2 more                │
            │     ● web-02 !pv         │                                                   │
            │   ◌ archive              │            ┌ a actions ──────────────────────────┐│
            │   ◌ db-old               │            │ d  Shut the VM down cleanly         ││
            │   ▸ Storage  1           │            │ D  Power the VM off (hard shutdown) ││
            │   ▸ Networks  1          │            │ r  Reboot the VM cleanly            ││
            ├ Tasks & log ─────────────┴────────────│ R  Reset the VM (hard reboot)       │┤
            │ No events yet                         │ p  Pause the VM                     ││
            │                                       │ z  Suspend the VM to disk           ││
            │                                       │ m  Migrate the VM to another host   ││
            │                                       │ n  Snapshot the VM                  ││
            │                                       └─────────────────────────────────────┘│
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    /// `a m`: the enabled hosts of the pool but the VM's own, with free memory.
    @Test func migrateHostPicker() {
        #expect(screen("web-02", keys: ["a", "m"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-02 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ web-02                   ● Running on xcp-host-02 │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        none reported                          │
            │     ● app-01 !pv         │ Tags       none                                   │
            │     ● 報告-サーバ 🚀┌ Choose a host ───────────────────┐n_shutdown,          │
            │   ▾ xcp-host-02  ● 2│ Migrate web-02 to:               │shutdown, pause,     │
            │     ● web-01        │  xcp-host-01  64 GiB free        │ more                │
            │     ● web-02 !pv    └ enter choose  esc cancel ────────┘                     │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ y confirm  q cancel ─────────────────────────────────────────────────────────┘
            """))
    }

    /// `a n`: the name prompt, prefilled with the VM's name and the time.
    @Test func snapshotNamePrompt() {
        #expect(screen("web-01", keys: ["a", "n"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ web-01                   ● Running on xcp-host-02 │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         Debian 12 (6.1.0-18)                   │
            │   ▸ Storage  1           │ PV drivers 9.3.1                                  │
            │   ▸ Networks  0          │ vCPUs      4                                      │
            │ ▾ prod                   │ Memory     8 GiB / 8 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        10.0.4.21, fe80::1                     │
            │     ● app-01 !pv    ┌ Snapshot ────────────────────────┐                     │
            │     ● 報告-サーバ 🚀│ Snapshot web-01                  │n_shutdown,          │
            │   ▾ xcp-host-02  ● 2│ Name of the new VM:              │shutdown, pause,     │
            │     ● web-01        │ web-01-snap-20251124-1600▏       │ more                │
            │     ● web-02 !pv    └ enter ok  esc cancel ────────────┘                     │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ enter accept  tab complete  esc cancel ──────────────────────────────────────┘
            """))
    }

    /// `a X`: destroy names its target and waits for `y`.
    @Test func destroyConfirmation() {
        #expect(screen("db-old", keys: ["a", "X"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ db-old ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ db-old                                   ◌ Halted │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        none reported                          │
            │     ● app-01 !pv         │ Tags       none                                   │
            │     ● 報告-サーバ  ┌ Confirm: destroy ──────────────────┐y, export,          │
            │   ▾ xcp-host-02  ● │ Destroy this VM?                   │art_on              │
            │     ● web-01       │   db-old  prod                     │                    │
            │     ● web-02 !pv   └ y confirm  any other key cancels ──┘                    │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ y confirm  q cancel ─────────────────────────────────────────────────────────┘
            """))
    }

    /// Any key but `y` cancels, and the log says so.
    @Test func destroyCancelled() {
        #expect(screen("db-old", keys: ["a", "X", "n"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ db-old ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ db-old                                   ◌ Halted │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        none reported                          │
            │     ● app-01 !pv         │ Tags       none                                   │
            │     ● 報告-サーバ 🚀 !pv │ Operations clone, copy, destroy, export,          │
            │   ▾ xcp-host-02  ● 2     │            snapshot, start, start_on              │
            │     ● web-01             │                                                   │
            │     ● web-02 !pv         │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 • destroy of db-old cancelled                                       │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    /// Three marked VMs (`*`, `3 marked`): start runs on the two halted ones, the running one is skipped with why.
    @Test func bulkStartConfirmation() {
        #expect(screen("db-old", keys: ["x", "k", "x", "k", "x", "a", "s"]) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-02 ─ 3 marked  2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ web-02                   ● Running on xcp-host-02 │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ●┌ Confirm: start ─────────────────────┐                    │
            │     ● app-01 !pv  │ Start these 2 VMs?                  │                    │
            │     ● 報告-サーバ │   archive  prod                     │_shutdown,          │
            │   ▾ xcp-host-02  ●│   db-old  prod                      │hutdown, pause,     │
            │     ● web-01      │ Skipped 1:                          │more                │
            │*    ● web-02 !pv  │   web-02: not allowed while running │                    │
            │*  ◌ archive       └ y confirm  any other key cancels ───┘                    │
            │*  ◌ db-old               │                                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ y confirm  q cancel ─────────────────────────────────────────────────────────┘
            """))
    }

    /// `a s` on a halted VM and `:vm start --force` on a running one, run on a simulated pool:
    /// the action's line is its task's line (progress, then ✓ with the duration); XAPI's refusal
    /// is a ✗ line with the code and the VM's name for its ref.
    @Test func startAndForcedStartOnTheSimulator() async throws {
        let driver = try SimTaskDriver(ActionFixture.prod, opSeconds: 10)
        var state = AppState(pools: [PoolEntry(inventory: driver.inventory)])
        state.select(ActionFixture.id("db-old"))
        let performer = SimActionPerformer(pool: driver.pool)
        for key in ["a", "s", ":"] + "vm start --force web-01".map({ $0 == " " ? "space" : String($0) }) + ["enter"] {
            state.press(key, keymap: .builtInDefault, at: driver.now)
        }
        for item in state.takeRequests() {
            if case .started(let task) = await performer.perform(item.request) { state.actionStarted(item.id, task: task, at: driver.now) }
        }
        driver.advance(4)
        try driver.sync(into: &state)
        #expect(AppFixture.screen(&state) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ db-old ──────────── 1 pool · 2 hosts · 6 VMs ─┐
            │ ▾ prod                   │ db-old                                   ◌ Halted │
            │   ▾ xcp-host-01  ● 2     │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │     ● app-01 !pv         │ OS         unknown                                │
            │     ● 報告-サーバ 🚀 !pv │ PV drivers not detected                           │
            │   ▾ xcp-host-02  ● 2     │ vCPUs      2                                      │
            │     ● web-01 ✗1          │ Memory     2 GiB / 2 GiB                          │
            │     ● web-02 !pv         │ IPs        none reported                          │
            │   ◌ archive              │ Tags       none                                   │
            │   ◌ db-old ⟳             │ Operations none                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 ⟳ VM.start          db-old         prod  ████░░░░░░  40%  4s        │
            │ 16:00:00 ✗ VM.start          web-01         prod  VM_BAD_POWER_STATE: web-01…│
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """))
        driver.advance(8)
        try driver.sync(into: &state)
        #expect(AppFixture.screen(&state) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ db-old ──────────── 1 pool · 2 hosts · 6 VMs ─┐
            │ ▾ prod                   │ db-old                   ● Running on xcp-host-02 │
            │   ▾ xcp-host-01  ● 2     │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │     ● app-01 !pv         │ OS         unknown                                │
            │     ● 報告-サーバ 🚀 !pv │ PV drivers not detected                           │
            │   ▾ xcp-host-02  ● 3     │ vCPUs      2                                      │
            │     ● db-old !pv         │ Memory     2 GiB / 2 GiB                          │
            │     ● web-01 ✗1          │ IPs        none reported                          │
            │     ● web-02 !pv         │ Tags       none                                   │
            │   ◌ archive              │ Operations clean_reboot, clean_shutdown,          │
            │   ▸ Storage  1           │            hard_reboot, hard_shutdown, pause,     │
            │   ▸ Networks  1          │            pool_migrate and 3 more                │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.start          db-old         prod  12s                        │
            │ 16:00:00 ✗ VM.start          web-01         prod  VM_BAD_POWER_STATE: web-01…│
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    /// Read-only: `a` opens nothing and the hint bar offers no actions.
    @Test func readOnlyHasNoActionMenu() {
        let lines = screen("db-old", keys: ["a"], readOnly: true)
        #expect(!lines.joined().contains("actions"))
        #expect(!lines.joined().contains("Start the VM"))
        #expect(lines[0].contains("READ-ONLY"))
    }
}
