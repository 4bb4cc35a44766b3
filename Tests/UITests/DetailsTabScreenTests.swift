import Foundation
import Testing
import XAPI
@testable import UI

/// The details tabs added for hosts, pools and tasks, as whole 120×40 screens. The prod pool
/// has xcp-host-02's interfaces and storage (`AppFixture.prodWithDevices`), and tasks started
/// through the simulator: a clean reboot of web-01 at 28 % after 3 s, a refused start of web-02, and a
/// snapshot of web-01 that succeeded.
@MainActor @Suite("Golden screens: details tabs")
struct DetailsTabScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    static func state() throws -> AppState {
        var state = AppState(pools: [PoolEntry(inventory: AppFixture.lab),
                                     PoolEntry(inventory: AppFixture.prodWithDevices, accent: .indexed(1))])
        let sim = try SimTaskDriver(AppFixture.prodWithDevices)
        _ = try sim.start("snapshot", vm: "OpaqueRef:web-01", [.string("before upgrade")])
        sim.advance(11)
        try sim.sync(into: &state)
        _ = try sim.start("clean_reboot", vm: "OpaqueRef:web-01")
        _ = try sim.start("start", vm: "OpaqueRef:web-02", [.bool(false), .bool(false)])
        sim.advance(3)
        try sim.sync(into: &state)
        return state
    }

    static let toHost02 = Array(repeating: "j", count: 11)
    static let toProd = Array(repeating: "j", count: 7)
    static let toWeb01 = Array(repeating: "j", count: 12)

    @Test func hostVMs() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toHost02 + ["]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ─────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ xcp-host-02                                                          enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Stats  VMs  Network  Storage                                        │
            │     ● lab-vm-1 !pv                    │ ● web-01                   Running       8 GiB  4 vCPU                       │
            │     ◐ lab-vm-2 !pv                    │ ● web-02                   Running       2 GiB  2 vCPU                       │
            │   ◑ lab-vm-3                          │ ◌ db-old                   Halted            -  2 vCPU                       │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────────────────────────┘
            """))
    }

    @Test func hostNetwork() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toHost02 + ["]", "]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ─────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ xcp-host-02                                                          enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Stats  VMs  Network  Storage                                        │
            │     ● lab-vm-1 !pv                    │ Device  Network             IP              MAC               MTU   Link     │
            │     ◐ lab-vm-2 !pv                    │ eth0    Pool-wide network 0 10.0.4.12       0c:c4:7a:00:02:00 1500  up  mgmt │
            │   ◑ lab-vm-3                          │ eth1    Storage             -               0c:c4:7a:00:02:01 9000  down     │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────────────────────────┘
            """))
    }

    @Test func hostStorage() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toHost02 + ["]", "]", "]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ─────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ xcp-host-02                                                          enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Stats  VMs  Network  Storage                                        │
            │     ● lab-vm-1 !pv                    │ SR                   Type   Shared  Used / size                              │
            │     ◐ lab-vm-2 !pv                    │ nfs-vms              nfs    shared  300 GiB / 1 TiB  attached                │
            │   ◑ lab-vm-3                          │ xcp-host-02 local    lvm    local   460 GiB / 500 GiB  unplugged             │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────────────────────────┘
            """))
    }

    @Test func poolGeneral() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toProd, width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ───────────────────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ prod                                                         2 hosts · 6 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Hosts  SRs  Tasks                                                   │
            │     ● lab-vm-1 !pv                    │ Master     xcp-host-02                                                       │
            │     ◐ lab-vm-2 !pv                    │ HA         disabled                                                          │
            │   ◑ lab-vm-3                          │ Default SR nfs-vms                                                           │
            │   ▸ Storage  1                        │ Hosts      2                                                                 │
            │   ▸ Networks  0                       │ VMs        ● 4 running  ◌ 2 not running                                      │
            │ ▾ prod                                │ SRs        2                                                                 │
            │   ▾ xcp-host-01  ● 2                  │ Networks   2                                                                 │
            │     ● app-01 !pv                      │ Tasks      1 running                                                         │
            │     ● 報告-サーバ 🚀 !pv              │ Connection live                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func poolHosts() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toProd + ["]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ───────────────────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ prod                                                         2 hosts · 6 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Hosts  SRs  Tasks                                                   │
            │     ● lab-vm-1 !pv                    │ xcp-host-01                 enabled      192 GiB / 256 GiB    ● 2  ◌ 0       │
            │     ◐ lab-vm-2 !pv                    │ xcp-host-02          master enabled      11 GiB / 64 GiB      ● 2  ◌ 0       │
            │   ◑ lab-vm-3                          │                                                                              │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func poolSRs() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toProd + ["]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ───────────────────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ prod                                                         2 hosts · 6 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Hosts  SRs  Tasks                                                   │
            │     ● lab-vm-1 !pv                    │ SR                   Type   Shared  Used / size                              │
            │     ◐ lab-vm-2 !pv                    │ nfs-vms              nfs    shared  300 GiB / 1 TiB                          │
            │   ◑ lab-vm-3                          │ xcp-host-02 local    lvm    local   460 GiB / 500 GiB                        │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func poolTasks() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toProd + ["]", "]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ───────────────────────┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ prod                                                         2 hosts · 6 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Hosts  SRs  Tasks                                                   │
            │     ● lab-vm-1 !pv                    │  16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-… │
            │     ◐ lab-vm-2 !pv                    │  16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s       │
            │   ◑ lab-vm-3                          │  16:00:00 ✓ VM.snapshot       web-01         prod  11s                       │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """))
    }

    @Test func vmTasks() throws {
        var state = try Self.state()
        let screen = AppFixture.screen(&state, keys: Self.toWeb01 + ["]", "]", "]", "]", "]"], width: 120, height: 40)
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ┬────────────────────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                                 │ web-01                                              ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1              │ General  Stats  Network  Disks  Snapshots  Tasks                             │
            │     ● lab-vm-1 !pv                    │  16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s       │
            │     ◐ lab-vm-2 !pv                    │  16:00:00 ✓ VM.snapshot       web-01         prod  11s                       │
            │   ◑ lab-vm-3                          │                                                                              │
            │   ▸ Storage  1                        │                                                                              │
            │   ▸ Networks  0                       │                                                                              │
            │ ▾ prod                                │                                                                              │
            │   ▾ xcp-host-01  ● 2                  │                                                                              │
            │     ● app-01 !pv                      │                                                                              │
            │     ● 報告-サーバ 🚀 !pv              │                                                                              │
            │   ▾ xcp-host-02  ● 2                  │                                                                              │
            │     ● web-01 ⟳                        │                                                                              │
            │     ● web-02 ✗1 !pv                   │                                                                              │
            │   ◌ archive                           │                                                                              │
            │   ◌ db-old                            │                                                                              │
            │   ▸ Storage  2                        │                                                                              │
            │   ▸ Networks  2                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            │                                       │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ 16:00:00 ✓ VM.snapshot       web-01         prod  11s                                                                │
            │ 16:00:11 ⟳ VM.clean_reboot   web-01         prod  ███░░░░░░░  28%  3s                                                │
            │ 16:00:11 ✗ VM.start          web-02         prod  VM_BAD_POWER_STATE: web-02 halted running                          │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """))
    }
}
