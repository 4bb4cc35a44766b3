import Foundation
import Inventory
import Testing
import XAPI
@testable import UI

/// Which console `c` picks, and what it says when there is none a terminal can show.
@MainActor @Suite struct ConsoleChoiceTests {
    /// prod with consoles: web-01 (PV) has rfb and vt100, web-02 (HVM) only rfb, dom0 both.
    static func state() -> AppState {
        var prod = AppFixture.prod
        func console(_ ref: String, _ proto: ConsoleProtocol, vm: String) {
            var record = ConsoleRecord()
            record.protocol = proto
            record.VM = Ref(vm)
            record.location = "https://10.0.4.12/console?ref=\(ref)"
            prod.consoles.upsert(Ref(ref), record)
        }
        console("OpaqueRef:c-web-rfb", .rfb, vm: "OpaqueRef:web-01")
        console("OpaqueRef:c-web-text", .vt100, vm: "OpaqueRef:web-01")
        console("OpaqueRef:c-web2-rfb", .rfb, vm: "OpaqueRef:web-02")
        console("OpaqueRef:c-dom0-text", .vt100, vm: "OpaqueRef:dom0-h2")
        if var web02 = prod.vms[Ref("OpaqueRef:web-02")] {
            web02.domid = 7
            web02.uuid = "uuid-web-02"
            prod.vms.upsert(Ref("OpaqueRef:web-02"), web02)
        }
        if var host = prod.hosts[Ref("OpaqueRef:h2")] {
            host.control_domain = Ref("OpaqueRef:dom0-h2")
            prod.hosts.upsert(Ref("OpaqueRef:h2"), host)
        }
        return AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod)])
    }

    private func choose(_ kind: TreeNodeKind, _ ref: String) -> ConsoleChoice {
        ConsoleChoice.choose(TreeNodeID(pool: "prod", kind: kind, ref: ref), pools: Self.state().pools)
    }

    @Test func aPVGuestsTextConsole() {
        #expect(choose(.vm, "OpaqueRef:web-01") == .text(ConsoleRequest(
            pool: "prod", name: "web-01", location: "https://10.0.4.12/console?ref=OpaqueRef:c-web-text")))
    }

    @Test func aHostsConsoleIsItsControlDomains() {
        #expect(choose(.host, "OpaqueRef:h2") == .text(ConsoleRequest(
            pool: "prod", name: "xcp-host-02", location: "https://10.0.4.12/console?ref=OpaqueRef:c-dom0-text")))
    }

    @Test func anHVMGuestOnlyGetsTheWayToItsGraphicalConsole() {
        #expect(choose(.vm, "OpaqueRef:web-02") == .graphicalOnly(
            message: "console: web-02 has only a graphical (rfb) console, which a terminal cannot show. It runs on xcp-host-02 "
                + "(10.0.4.12): ssh -N -L 5900:/var/run/xen/vnc-7 root@10.0.4.12, then vncviewer localhost:5900",
            xe: "xe console-list vm-uuid=uuid-web-02 params=protocol,location"))
    }

    @Test func nothingToAttachTo() {
        #expect(choose(.vm, "OpaqueRef:db-old") == .unavailable("console: db-old is Halted; only a running VM has a console"))
        #expect(choose(.vm, "OpaqueRef:app-01") == .unavailable("console: app-01 has no console (xapi makes them as the VM starts)"))
        #expect(choose(.sr, "OpaqueRef:sr-nfs") == .unavailable("console: select a running VM or a host (a storage repository has no console)"))
        #expect(ConsoleChoice.choose(nil, pools: []) == .unavailable("console: select a running VM or a host"))
    }

    @Test func cRequestsTheConsoleOrLogsWhy() {
        var state = Self.state()
        state.select(TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-01"))
        state.press("c", keymap: .builtInDefault, at: AppFixture.time)
        #expect(state.takeConsoleRequest()?.name == "web-01")
        #expect(state.takeConsoleRequest() == nil)

        state.select(TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-02"))
        state.press(":", keymap: .builtInDefault, at: AppFixture.time)
        for key in Array("console").map(String.init) + ["enter"] { state.press(key, keymap: .builtInDefault, at: AppFixture.time) }
        #expect(state.takeConsoleRequest() == nil)
        #expect(state.log.last?.level == .warning)
        #expect(state.log.last?.xe == "xe console-list vm-uuid=uuid-web-02 params=protocol,location")
    }

    @Test func readOnlyModeOffersNoConsole() {
        var state = Self.state()
        state.readOnly = true
        state.select(TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-01"))
        state.press("c", keymap: Keymap.builtInDefault.readOnly(), at: AppFixture.time)
        #expect(state.takeConsoleRequest() == nil)
    }
}
