import Foundation
import Inventory
import Testing
import XAPI
@testable import UI

/// Guest facts where people want them: the PV drivers badge in the tree, and the migration
/// pre-check's CPU warning in the host picker (golden screens, 80×24).
@MainActor @Suite struct GuestFactsScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// prod's xcp-host-01 is a generation older than xcp-host-02: it lacks one feature.
    static func stateWithOlderHost() -> AppState {
        var prod = ActionFixture.prod
        for (ref, features) in [("OpaqueRef:h1", "1fcbfbff-f7fa3203"), ("OpaqueRef:h2", "1fcbfbff-f7fa3223")] {
            if var host = prod.hosts[Ref(ref)] {
                host.cpu_info["vendor"] = "GenuineIntel"
                host.cpu_info["features"] = features
                prod.hosts.upsert(Ref(ref), host)
            }
        }
        return AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod, accent: .indexed(1))])
    }

    @Test func migrationPickerWarnsOfMissingCPUFeatures() {
        var state = Self.stateWithOlderHost()
        state.select(ActionFixture.id("web-02"))
        let screen = AppFixture.screen(&state, keys: ["a", "m"])
        #expect(screen == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-02 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │     ● lab-vm-1 !pv       │ web-02                   ● Running on xcp-host-02 │
            │     ◐ lab-vm-2 !pv       │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ◑ lab-vm-3             │ OS         unknown                                │
            │   ▸ Storage  1           │ PV drivers not detected                           │
            │   ▸ Networks  0          │ vCPUs      2                                      │
            │ ▾ prod                   │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-01  ● 2     │ IPs        none reported                          │
            │     ● app-01 !pv         │ Tags       none                                   │
            │     ┌ Choose a host ──────────────────────────────────────────────────┐      │
            │   ▾ │ Migrate web-02 to:                                              │,     │
            │     │  xcp-host-01  64 GiB free  ! lacks 1 CPU feature of xcp-host-02 │      │
            │     └ enter choose  esc cancel ───────────────────────────────────────┘      │
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

    @Test func hostChoicesCarryTheWarningOnlyWhereFeaturesLack() {
        let state = Self.stateWithOlderHost()
        let web02 = ActionTargetObject(id: ActionFixture.id("web-02"), name: "web-02", uuid: "")
        let app01 = ActionTargetObject(id: ActionFixture.id("app-01"), name: "app-01", uuid: "")
        // From the newer host to the older one: warned; the other way: not.
        #expect(state.hostChoices(for: .migrate, targets: [web02]).map(\.cpuWarning) == ["lacks 1 CPU feature of xcp-host-02"])
        #expect(state.hostChoices(for: .migrate, targets: [app01]).map(\.cpuWarning) == [nil])
        // Starting a VM compares nothing.
        #expect(state.hostChoices(for: .startOn, targets: [web02]).allSatisfy { $0.cpuWarning == nil })
    }

    @Test func runningVMsWithoutPVDriversHaveABadge() {
        var state = AppFixture.state()
        let rows = state.rows.filter { $0.id.kind == .vm }
        let missing = Set(rows.filter { PVDriversBadge.isMissing($0, state: state) }.map(\.name))
        // web-01 reports drivers; dom0 is not a guest; halted and suspended VMs have no live report.
        #expect(missing == ["lab-vm-1", "lab-vm-2", "app-01", "報告-サーバ 🚀", "web-02"])
        let screen = AppFixture.screen(&state)
        #expect(screen.contains { $0.contains("● lab-vm-1 !pv ") })
        #expect(screen.contains { $0.contains("● web-01       ") })
    }
}
