import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

@MainActor @Suite("App controller: keys and live changes drive whole-frame redraws")
struct AppControllerTests {
    func controller(width: Int = 80, height: Int = 24) -> (UIController, MemoryScreen) {
        let screen = MemoryScreen(width: width, height: height)
        return (UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state()), screen)
    }

    func renamedWeb() -> PoolInventory {
        var prod = AppFixture.prod
        var web = prod.vms[Ref("OpaqueRef:web-01")]!
        web.name_label = "zz-web"
        prod.vms.upsert(Ref("OpaqueRef:web-01"), web)
        return prod
    }

    /// A live rename re-sorts the row, the cursor stays on the renamed VM (breadcrumb, details),
    /// and a reconnecting pool shows in the title bar and the log pane.
    @Test func liveRenameAndReconnectingPool() {
        let (controller, screen) = controller()
        for _ in 0..<12 { controller.key(.char("j")) }
        controller.apply(pool: "prod", kind: .events(["vm": ["OpaqueRef:web-01"]]), inventory: renamedWeb(), at: AppFixture.time)
        var lab = AppFixture.lab
        lab.state = .reconnecting(attempt: 1, error: "connection refused")
        controller.apply(pool: "lab", kind: .state, inventory: lab, at: AppFixture.time.addingTimeInterval(61))
        #expect(screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == """
            ┌ xentui ── prod ▸ … ▸ zz-web ─ lab ⟳ reconnecting  2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ zz-web                   ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │     ● lab-vm-1 !pv       │ OS         Debian 12 (6.1.0-18)                   │
            │     ◐ lab-vm-2 !pv       │ PV drivers 9.3.1                                  │
            │   ◑ lab-vm-3             │ vCPUs      4                                      │
            │   ▸ Storage  1           │ Memory     8 GiB / 8 GiB                          │
            │   ▸ Networks  0          │ IPs        10.0.4.21, fe80::1                     │
            │ ▾ prod                   │ Tags       prod, frontend                         │
            │   ▾ xcp-host-01  ● 2     │ Operations clean_reboot, clean_shutdown, pause,   │
            │     ● app-01 !pv         │            snapshot                               │
            │     ● 報告-サーバ 🚀 !pv │                                                   │
            │   ▾ xcp-host-02  ● 2     │                                                   │
            │     ● web-02 !pv         │                                                   │
            │     ● zz-web             │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ 16:01:01 ! lab: reconnecting (attempt 1): connection refused                 │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func selectedRowIsHighlightedWithTheSelectionRole() {
        let (controller, screen) = controller()
        controller.key(.char("j"))
        let selection = Theme.builtInDark.style(.selection)
        #expect(screen.styleAt(x: 4, y: 2).background == selection.background)
        #expect(screen.styleAt(x: 4, y: 1).background != selection.background)
        controller.key(.key(.tab))
        #expect(screen.styleAt(x: 4, y: 2).background == Theme.builtInDark.style(.selectionUnfocused).background)
    }

    @Test func everyKeyRedrawsAndQuitIsReported() {
        let (controller, screen) = controller()
        controller.redraw()
        let before = screen.drawCount
        controller.key(.char("j"))
        #expect(screen.drawCount == before + 1)
        #expect(!controller.quitRequested)
        controller.key(.char("q"))
        #expect(controller.quitRequested)
    }

    @Test func pasteIsTypedIntoTheOpenFilterOnly() {
        let (controller, _) = controller()
        controller.key(.paste("web"))
        #expect(controller.state.filterText == "")
        controller.key(.char("/"))
        controller.key(.paste("web-02\n"))
        #expect(controller.state.filterText == "web-02")
        #expect(controller.state.rows.filter { $0.id.kind == .vm }.map(\.name) == ["web-02"])
    }

    @Test func resizingRedrawsAtTheNewSize() {
        let (controller, screen) = controller()
        controller.redraw()
        screen.resize(width: 40, height: 12)
        controller.resized()
        #expect(screen.lines.count == 12)
        #expect(screen.lines[0].hasPrefix("┌ xentui ── lab "))
        #expect(!screen.text.contains("General"))  // details collapsed under 60 columns
    }
}
