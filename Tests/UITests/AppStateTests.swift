import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

@Suite("App state: rows, navigation, folding, views, filter, live updates")
struct AppStateTests {
    func names(_ state: AppState) -> [String] { state.rows.map { String(repeating: " ", count: $0.depth) + $0.name } }

    @Test func initialRowsArePoolsHostsVMsAndFoldedGroups() {
        let state = AppFixture.state()
        #expect(names(state) == [
            "lab", " xcp-lab-01", "  lab-vm-1", "  lab-vm-2", " lab-vm-3", " Storage", " Networks",
            "prod", " xcp-host-01", "  app-01", "  報告-サーバ 🚀", " xcp-host-02", "  web-01", "  web-02",
            " archive", " db-old", " Storage", " Networks",
        ])
        #expect(state.cursor == TreeNodeID(pool: "lab", kind: .pool))
        #expect(state.rows.first { $0.id.kind == .host && $0.name == "xcp-host-02" }?.counts == PowerCounts(running: 2, halted: 0))
        #expect(state.rows.first { $0.id.kind == .storageGroup }?.folded == true)
    }

    @Test func movingStopsAtTheEnds() {
        var state = AppFixture.state()
        state.handle("nav.up")
        #expect(state.cursorIndex == 0)
        state.handle("nav.bottom")
        #expect(state.cursorIndex == state.rows.count - 1)
        state.handle("nav.down")
        #expect(state.cursorIndex == state.rows.count - 1)
        state.handle("nav.top")
        #expect(state.cursorIndex == 0)
        state.pageSize = 5
        state.handle("nav.page_down")
        #expect(state.cursorIndex == 4)
        state.handle("nav.page_up")
        #expect(state.cursorIndex == 0)
    }

    @Test func scrollingKeepsTheCursorVisible() {
        var state = AppFixture.state()
        state.pageSize = 4
        for _ in 0..<10 { state.handle("nav.down") }
        #expect(state.cursorIndex == 10)
        #expect(state.scroll == 7)
        state.handle("nav.top")
        #expect(state.scroll == 0)
    }

    @Test func foldGoesToParentAndUnfoldToFirstChild() {
        var state = AppFixture.state()
        state.handle("nav.down")  // xcp-lab-01
        state.handle("tree.fold")
        #expect(state.selectedRow?.folded == true)
        #expect(!names(state).contains("  lab-vm-1"))
        state.handle("tree.fold")  // folded: to the parent
        #expect(state.cursor == TreeNodeID(pool: "lab", kind: .pool))
        state.handle("tree.unfold")  // unfolded: to the first child
        #expect(state.selectedRow?.name == "xcp-lab-01")
        state.handle("tree.unfold")
        #expect(names(state).contains("  lab-vm-1"))
        state.handle("tree.unfold")
        #expect(state.selectedRow?.name == "lab-vm-1")
        state.handle("tree.unfold")  // a leaf: nothing
        #expect(state.selectedRow?.name == "lab-vm-1")
    }

    @Test func enterTogglesFoldAndFoldingIsRemembered() {
        var state = AppFixture.state()
        let storage = state.rows.firstIndex { $0.id == TreeNodeID(pool: "lab", kind: .storageGroup) }!
        for _ in 0..<storage { state.handle("nav.down") }
        state.handle("open")
        #expect(names(state).contains("  lab-local"))
        state.handle("nav.top")
        state.handle("open")  // fold lab
        #expect(state.rows.count == 12)
        state.handle("open")  // unfold lab: its storage group is still open
        #expect(names(state).contains("  lab-local"))
    }

    @Test func gotoListsAndBackRevealsTheSelection() {
        var state = AppFixture.state()
        state.handle("nav.top")
        state.handle("open")  // fold lab
        state.handle("goto.vms")
        #expect(state.leftView == .vms)
        #expect(state.rows.map(\.name) == ["lab-vm-1", "lab-vm-2", "lab-vm-3", "app-01", "archive", "db-old", "web-01", "web-02", "報告-サーバ 🚀"])
        state.handle("nav.down")
        state.handle("back")
        #expect(state.leftView == .tree)
        #expect(state.selectedRow?.name == "lab-vm-2")  // lab unfolded again to show it
        state.handle("goto.hosts")
        #expect(state.rows.map(\.name) == ["xcp-lab-01", "xcp-host-01", "xcp-host-02"])
        state.handle("goto.pools")
        #expect(state.rows.map(\.name) == ["lab", "prod"])
        state.handle("goto.srs")
        #expect(state.rows.map(\.name) == ["lab-local", "nfs-vms"])
        state.handle("goto.networks")
        #expect(state.rows.map(\.name) == ["Pool-wide network 0"])
        state.handle("open")
        #expect(state.leftView == .tree)
        #expect(state.selectedRow?.name == "Pool-wide network 0")
    }

    @Test func panesTabsLogHeightAndQuit() {
        var state = AppFixture.state()
        state.handle("pane.next")
        #expect(state.focus == .details)
        state.handle("pane.next")
        #expect(state.focus == .log)
        state.handle("pane.previous")
        #expect(state.focus == .details)
        state.handle("back")
        #expect(state.focus == .tree)
        state.handle("log.focus")
        #expect(state.focus == .log)
        state.handle("details.next_tab")
        #expect(state.detailsTab == 1)
        state.handle("details.previous_tab")
        state.handle("details.previous_tab")
        #expect(state.detailsTab == 0)
        for _ in 0..<40 { state.handle("log.grow") }
        #expect(state.logHeight == AppState.logHeightRange.upperBound)
        for _ in 0..<40 { state.handle("log.shrink") }
        #expect(state.logHeight == 2)
        #expect(!state.quitRequested)
        state.handle("quit")
        #expect(state.quitRequested)
    }

    @Test func helpPopupTakesTheKeysUntilClosed() {
        var state = AppFixture.state()
        let keymap = Keymap.builtInDefault
        state.press("?", keymap: keymap)
        #expect(state.popup == .help(scroll: 0))
        #expect(state.keyContext == .popup)
        state.press("j", keymap: keymap)
        #expect(state.popup == .help(scroll: 1))
        #expect(state.cursorIndex == 0)
        state.press("q", keymap: keymap)
        #expect(state.popup == nil)
        #expect(!state.quitRequested)
    }

    @Test func prefixKeysWaitForTheNextKey() {
        var state = AppFixture.state()
        let keymap = Keymap.builtInDefault
        state.press("g", keymap: keymap)
        #expect(state.pending.isWaiting)
        state.press("h", keymap: keymap)
        #expect(!state.pending.isWaiting)
        #expect(state.leftView == .hosts)
    }

    @Test func filterKeepsMatchingVMsAndEscClearsIt() {
        var state = AppFixture.state()
        let keymap = Keymap.builtInDefault
        for key in ["/", "w", "e", "b"] { state.press(key, keymap: keymap) }
        #expect(state.isEditingFilter)
        #expect(state.rows.filter { $0.id.kind == .vm }.map(\.name) == ["web-01", "web-02"])
        state.press("enter", keymap: keymap)
        #expect(!state.isEditingFilter)
        #expect(state.filterText == "web")
        state.press("j", keymap: keymap)  // moves, not typed
        #expect(state.cursorIndex == 1)
        state.press("esc", keymap: keymap)
        #expect(state.filter == nil)
        #expect(state.rows.count == 18)
    }

    @Test func badFilterKeepsThePreviousOneAndSaysSo() {
        var state = AppFixture.state()
        state.setFilter("power_state:halted")
        #expect(state.rows.filter { $0.id.kind == .vm }.map(\.name) == ["archive", "db-old"])
        state.setFilter("power_state:halted (")
        #expect(state.filterError != nil)
        #expect(state.rows.filter { $0.id.kind == .vm }.map(\.name) == ["archive", "db-old"])
    }

    @Test func liveRenameKeepsTheCursorOnTheSameVM() {
        var state = AppFixture.state()
        while state.selectedRow?.name != "web-01" { state.handle("nav.down") }
        var prod = AppFixture.prod
        var web = prod.vms[Ref("OpaqueRef:web-01")]!
        web.name_label = "zz-web"
        prod.vms.upsert(Ref("OpaqueRef:web-01"), web)
        state.apply(pool: "prod", kind: .events(["vm": ["OpaqueRef:web-01"]]), inventory: prod, at: AppFixture.time)
        #expect(state.selectedRow?.name == "zz-web")
        #expect(state.cursor == TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-01"))
        #expect(names(state).firstIndex(of: "  zz-web")! > names(state).firstIndex(of: "  web-02")!)
    }

    @Test func removedSelectionFallsToTheRowNearby() {
        var state = AppFixture.state()
        while state.selectedRow?.name != "web-02" { state.handle("nav.down") }
        var prod = AppFixture.prod
        prod.vms.remove(Ref("OpaqueRef:web-02"))
        state.apply(pool: "prod", kind: .events(["vm": ["OpaqueRef:web-02"]]), inventory: prod, at: AppFixture.time)
        #expect(state.selectedRow?.name == "archive")
    }

    @Test func connectionChangesAndAlertsReachTheLog() {
        var state = AppFixture.state()
        var lab = AppFixture.lab
        lab.state = .reconnecting(attempt: 2, error: "connection refused")
        state.apply(pool: "lab", kind: .state, inventory: lab, at: AppFixture.time)
        var message = MessageRecord()
        message.name = "HA_HOST_FAILED"
        message.priority = 1
        message.cls = .host
        message.obj_uuid = "0b1e6c1f-aaaa"
        lab.messages.upsert(Ref("OpaqueRef:m1"), message)
        state.apply(pool: "lab", kind: .events(["message": ["OpaqueRef:m1"]]), inventory: lab, at: AppFixture.time)
        #expect(state.log.map(\.text) == ["lab: reconnecting (attempt 2): connection refused", "lab: P1 HA_HOST_FAILED host 0b1e6c1f"])
        #expect(state.log.map(\.level) == [.warning, .error])
        state.apply(pool: "lab", kind: .events(["message": ["OpaqueRef:m1"]]), inventory: lab, at: AppFixture.time)
        #expect(state.log.count == 2)
    }

    @Test func manyVMsBuildQuickly() {
        var inventory = PoolInventory(name: "big")
        for h in 0..<50 { inventory.hosts.upsert(Ref("OpaqueRef:h\(h)"), AppFixture.host("host-\(h)", address: "")) }
        for v in 0..<20_000 {
            inventory.vms.upsert(Ref("OpaqueRef:v\(v)"), AppFixture.vm("vm-\(v)", v % 5 == 0 ? .halted : .running, on: v % 5 == 0 ? "" : "OpaqueRef:h\(v % 50)"))
        }
        var state = AppState(pools: [PoolEntry(inventory: inventory)])
        #expect(state.rows.count == 1 + 50 + 20_000 + 2)
        state.handle("nav.bottom")
        #expect(state.selectedRow?.id.kind == .networkGroup)
        state.apply(pool: "big", kind: .events(["vm": ["OpaqueRef:v1"]]), inventory: inventory, at: AppFixture.time)
        #expect(state.selectedRow?.id.kind == .networkGroup)
    }
}

@Suite("App state: the log pane")
struct AppLogPaneTests {
    func entry(_ n: Int) -> LogPaneEntry {
        LogPaneEntry(time: AppFixture.time.addingTimeInterval(Double(n)), level: .info, kind: .connection, pool: "lab", text: "event \(n)")
    }

    @Test func focusedLogScrollsAndStaysOnWhatItShowsWhenEntriesArrive() {
        var state = AppFixture.state()
        for n in 0..<10 { state.appendLog(entry(n)) }
        state.handle("log.focus")
        // Five rows (height 6 less the title): the selection moves up inside the page first.
        state.handle("nav.up")
        state.handle("nav.up")
        #expect(state.logSelection == 2)
        #expect(state.logScroll == 0)
        #expect(state.cursorIndex == 0)  // the tree's cursor did not move
        for _ in 0..<4 { state.handle("nav.up") }
        #expect(state.logSelection == 6)
        #expect(state.logScroll == 2)
        state.appendLog(entry(10))
        #expect(state.logSelection == 7)
        #expect(state.logScroll == 3)
        #expect(state.selectedLogIndex == 3)
        // The top: the oldest entry selected, the oldest page full (not the oldest entry alone).
        state.handle("nav.top")
        #expect(state.logSelection == 10)
        #expect(state.logScroll == 6)
        state.handle("nav.bottom")
        #expect(state.logScroll == 0)
        #expect(state.selectedLogIndex == 10)
    }

    @MainActor @Test func logLinesShowTimeGlyphAndTextNewestAtTheBottom() {
        var state = AppFixture.state()
        for n in 0..<7 { state.appendLog(entry(n)) }
        state.appendLog(LogPaneEntry(time: AppFixture.time, level: .success, kind: .connection, pool: "prod", text: "prod: live"))
        let screen = AppFixture.screen(&state)
        #expect(Array(screen[18...22]) == [
            "│ 16:00:03 • event 3                                                           │",
            "│ 16:00:04 • event 4                                                           │",
            "│ 16:00:05 • event 5                                                           │",
            "│ 16:00:06 • event 6                                                           │",
            "│ 16:00:00 ✓ prod: live                                                        │",
        ])
    }

    @MainActor @Test func poolNamesUseTheirAccent() {
        var state = AppFixture.state()
        state.handle("nav.down")  // the selection's own style would cover lab's
        let frame = AppView.render(state, keymap: .builtInDefault, theme: .builtInDark, size: Size(width: 80, height: 24))
        let prodRow = frame.lines().firstIndex { $0.hasPrefix("│ ▾ prod") }!
        #expect(frame[4, prodRow].style == Theme.builtInDark.poolTitleStyle(accent: .indexed(1)))
        #expect(frame[4, 1].style == Theme.builtInDark.poolTitleStyle(accent: nil))
    }
}
