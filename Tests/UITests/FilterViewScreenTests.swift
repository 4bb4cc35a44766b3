import Terminal
import Testing
@testable import UI

/// `/` filters the current view (PRODUCT §3, §4): matches counted in the title bar, `n`/`N`
/// walking them with wrap-around, flat lists narrowed, names highlighted, errors with a column.
@MainActor @Suite("Filter view screens")
struct FilterViewScreenTests {
    static func keys(_ text: String) -> [String] { text.map { $0 == " " ? "space" : String($0) } }

    /// `/power_state:halted` `enter` `n`: hosts stay as context, only halted VMs show, "2 matches"
    /// in the title bar, `n` selects db-old; more `n` and `N` wrap around.
    @Test func haltedThenNextAndPrevious() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["/"] + Self.keys("power_state:halted") + ["enter", "n"])
        #expect(screen == """
            ┌ xentui ── prod ▸ archive ┬──────────── 2 matches  2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ archive                                  ◌ Halted │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │   ▸ Storage  1           │ OS         unknown                                │
            │   ▸ Networks  0          │ PV drivers not detected                           │
            │ ▾ prod                   │ vCPUs      2                                      │
            │   ▾ xcp-host-01  ● 2     │ Memory     2 GiB / 2 GiB                          │
            │   ▾ xcp-host-02  ● 2     │ IPs        none reported                          │
            │   ◌ archive              │ Tags       none                                   │
            │   ◌ db-old               │ Operations none                                   │
            │   ▸ Storage  1           │                                                   │
            │   ▸ Networks  1          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │ / power_state:halted     │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.selectedRow?.name == "db-old")
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.selectedRow?.name == "archive")
        _ = AppFixture.screen(&state, keys: ["N"])
        #expect(state.selectedRow?.name == "db-old")
        _ = AppFixture.screen(&state, keys: ["N"])
        #expect(state.selectedRow?.name == "archive")
        _ = AppFixture.screen(&state, keys: ["N"])
        #expect(state.selectedRow?.name == "db-old")
    }

    /// `n` finds a match inside a folded host and unfolds it.
    @Test func nextMatchUnfoldsItsHost() {
        var state = AppFixture.state()
        _ = AppFixture.screen(&state, keys: ["/"] + Self.keys("web-02") + ["enter"])
        state.handle("nav.bottom")
        // Fold xcp-host-02 (it holds web-02), then `n` from the top.
        _ = AppFixture.screen(&state, keys: ["g", "g"])
        while state.selectedRow?.name != "xcp-host-02" { state.handle("nav.down") }
        state.handle("tree.fold")
        #expect(!state.rows.contains { $0.name == "web-02" })
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.selectedRow?.name == "web-02")
    }

    /// `n` without a filter says so in the log pane.
    @Test func nextWithoutFilterSaysSo() {
        var state = AppFixture.state()
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.log.last?.text == "no filter to find the next match of: / filters")
    }

    /// `g h` then `/host`: the hosts list keeps the hosts whose records match (not xcp-lab-01).
    @Test func hostsListIsFiltered() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["g", "h", "/"] + Self.keys("host"))
        #expect(screen == """
            ┌ xentui ── prod ▸ xcp-host-01 ───────── 2 matches  2 pools · 3 hosts · 9 VMs ─┐
            │ Hosts (2)                │ xcp-host-01                               enabled │
            │ • xcp-host-01  prod      │ General  Stats  VMs  Network  Storage             │
            │ • xcp-host-02  prod      │ Address    10.0.4.11                              │
            │                          │ Role       member                                 │
            │                          │ State      enabled                                │
            │                          │ CPUs       32 × AMD EPYC 7302                     │
            │                          │ Memory     192 GiB / 256 GiB                      │
            │                          │ Software   XCP-ng 8.3.0                           │
            │                          │ VMs        ● 2 running  ◌ 0 not running           │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │ / host▏                  │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ enter accept  esc cancel ────────────────────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Flat SR, network and pool lists are narrowed by their own records too.
    @Test func otherFlatListsAreFiltered() {
        var state = AppFixture.state()
        state.setFilter("type:nfs")
        _ = AppFixture.screen(&state, keys: ["g", "s"])
        #expect(state.rows.map(\.name) == ["nfs-vms"])
        state.setFilter("bridge:xenbr0")
        _ = AppFixture.screen(&state, keys: ["g", "n"])
        #expect(state.rows.map(\.name) == ["Pool-wide network 0"])
        state.setFilter("name_label:lab")
        _ = AppFixture.screen(&state, keys: ["g", "p"])
        #expect(state.rows.map(\.name) == ["lab"])
    }

    /// `/power_state:halted (`: the previous filter stays, the column of the error is named
    /// under the filter line and the offending character is marked in the error role.
    @Test func syntaxErrorShowsItsColumn() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["/"] + Self.keys("power_state:halted ("))
        #expect(screen == """
            ┌ xentui ── lab ───────────┬──────────── 2 matches  2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Hosts  SRs  Tasks                        │
            │   ▸ Storage  1           │ Master     xcp-lab-01                             │
            │   ▸ Networks  0          │ HA         disabled                               │
            │ ▾ prod                   │ Default SR none                                   │
            │   ▾ xcp-host-01  ● 2     │ Hosts      1                                      │
            │   ▾ xcp-host-02  ● 2     │ VMs        ● 1 running  ◌ 2 not running           │
            │   ◌ archive              │ SRs        1                                      │
            │   ◌ db-old               │ Networks   0                                      │
            │   ▸ Storage  1           │ Tasks      none running                           │
            │   ▸ Networks  1          │ Connection live                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │ / power_state:halted (▏  │                                                   │
            │ ✗ col 20: unclosed group │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ enter accept  esc cancel ────────────────────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(state.filterError?.column == 20)
        #expect(state.filterMatchCount == 2)
        // The `(` at column 20 is at x = 1 + " / ".count + 19, in the error role, reversed.
        let frame = AppView.render(state, keymap: .builtInDefault, theme: .builtInDark, size: Size(width: 80, height: 24))
        #expect(frame[23, 15].grapheme == "(")
        #expect(frame[23, 15].style.foreground == Theme.builtInDark.style(.statusError).foreground)
        #expect(frame[23, 15].style.attributes.contains(.reverse))
        #expect(!frame[22, 15].style.attributes.contains(.reverse))
    }

    /// In a flat list `n` and `N` walk the (filtered) rows and wrap around.
    @Test func nextInAFlatListWraps() {
        var state = AppFixture.state()
        _ = AppFixture.screen(&state, keys: ["g", "v", "/"] + Self.keys("web") + ["enter"])
        #expect(state.rows.map(\.name) == ["web-01", "web-02"])
        #expect(state.selectedRow?.name == "web-01")
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.selectedRow?.name == "web-02")
        _ = AppFixture.screen(&state, keys: ["n"])
        #expect(state.selectedRow?.name == "web-01")
        _ = AppFixture.screen(&state, keys: ["N"])
        #expect(state.selectedRow?.name == "web-02")
        #expect(state.leftView == .vms)
    }

    /// `name_label:web*1`: the matched part of web-01's name (w, e, b and the 1) is in the `match` role.
    @Test func matchedPartOfNamesIsHighlighted() {
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state())
        for key in "/name_label:web*1" { controller.key(.char(key)) }
        controller.key(.key(.enter))
        let lines = screen.text.split(separator: "\n").map(String.init)
        let y = lines.firstIndex { $0.contains("● web-01") } ?? 0
        let x = (lines[y].firstIndex(of: "w").map { lines[y].distance(from: lines[y].startIndex, to: $0) }) ?? 0
        let match = Theme.builtInDark.style(.match).foreground
        #expect(y > 0)
        #expect((0..<3).allSatisfy { screen.styleAt(x: x + $0, y: y).foreground == match })
        #expect(screen.styleAt(x: x + 3, y: y).foreground != match)
        #expect(screen.styleAt(x: x + 4, y: y).foreground != match)
        #expect(screen.styleAt(x: x + 5, y: y).foreground == match)
    }
}
