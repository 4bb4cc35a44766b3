import Terminal
import Testing
@testable import UI

/// The `ctrl-p` popup: typed text, ranked results with kind and pool, matched characters in
/// the `match` role, and `enter` jumping to the tree.
@MainActor @Suite("Jump popup screens")
struct JumpScreenTests {
    /// `ctrl-p` `w` `b`: web-01 and web-02 match (w…b), 2 of the 17 objects; then `down`
    /// `enter` selects web-02 in the tree.
    @Test func typedTextRanksThenEnterJumps() {
        var state = AppFixture.state()
        let popup = AppFixture.screen(&state, keys: ["ctrl-p", "w", "b"])
        #expect(popup == """
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xc┌ Jump to ─────────────────────────────────────────────────────┐       │
            │     ● │ > wb▏                                                2 of 17 │       │
            │     ◐ │ web-01  VM · prod                                            │       │
            │   ◑ la│ web-02  VM · prod                                            │       │
            │   ▸ St│                                                              │       │
            │   ▸ Ne│                                                              │       │
            │ ▾ prod│                                                              │       │
            │   ▾ xc│                                                              │       │
            │     ● │                                                              │       │
            │     ● │                                                              │       │
            │   ▾ xc│                                                              │       │
            │     ● │                                                              │       │
            │     ● │                                                              │       │
            │   ◌ ar│                                                              │       │
            │   ◌ db│                                                              │       │
            ├ Tasks │                                                              │───────┤
            │ No eve│                                                              │       │
            │       │                                                              │       │
            │       │                                                              │       │
            │       └──────────────────────────────────────────────────────────────┘       │
            │                                                                              │
            └ enter accept  tab complete  esc cancel ──────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let jumped = AppFixture.screen(&state, keys: ["down", "enter"])
        #expect(jumped == """
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-02 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ web-02                   ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │     ● lab-vm-1 !pv       │ OS         unknown                                │
            │     ◐ lab-vm-2 !pv       │ PV drivers not detected                           │
            │   ◑ lab-vm-3             │ vCPUs      2                                      │
            │   ▸ Storage  1           │ Memory     2 GiB / 2 GiB                          │
            │   ▸ Networks  0          │ IPs        none reported                          │
            │ ▾ prod                   │ Tags       none                                   │
            │   ▾ xcp-host-01  ● 2     │ Operations none                                   │
            │     ● app-01 !pv         │                                                   │
            │     ● 報告-サーバ 🚀 !pv │                                                   │
            │   ▾ xcp-host-02  ● 2     │                                                   │
            │     ● web-01             │                                                   │
            │     ● web-02 !pv         │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(state.selectedRow?.id == TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-02"))
        #expect(state.popup == nil && state.jump == nil)
        #expect(state.keyContext == .tree)
    }

    /// The matched characters (`w`, `b` of web-01) are drawn in the `match` role, the rest in `text`.
    @Test func matchedCharactersUseTheMatchRole() {
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state())
        controller.key(.key(.character("p"), .ctrl))
        controller.key(.char("w"))
        controller.key(.char("b"))
        let lines = screen.text.split(separator: "\n").map(String.init)
        #expect(lines[4].contains("│ web-01  VM · prod"))
        let match = Theme.builtInDark.style(.match).foreground
        #expect(match != Theme.builtInDark.style(.text).foreground)
        // web-01 starts at column 10: w (10) and b (12) match, e (11) does not.
        #expect(screen.styleAt(x: 10, y: 4).foreground == match)
        #expect(screen.styleAt(x: 11, y: 4).foreground != match)
        #expect(screen.styleAt(x: 12, y: 4).foreground == match)
    }

    /// From a flat list, `ctrl-p` to a host leaves the list for the tree; `esc` closes without moving.
    @Test func jumpLeavesFlatListsAndEscCloses() {
        var state = AppFixture.state()
        _ = AppFixture.screen(&state, keys: ["g", "v", "ctrl-p", "x", "c", "p", "esc"])
        #expect(state.leftView == .vms)
        #expect(state.popup == nil)
        _ = AppFixture.screen(&state, keys: ["ctrl-p"] + "host02".map(String.init) + ["enter"])
        #expect(state.leftView == .tree)
        #expect(state.selectedRow?.id == TreeNodeID(pool: "prod", kind: .host, ref: "OpaqueRef:h2"))
    }

    /// A jump to an SR unfolds its pool's Storage group.
    @Test func jumpToAnSRUnfoldsStorage() {
        var state = AppFixture.state()
        _ = AppFixture.screen(&state, keys: ["ctrl-p"] + "nfs".map(String.init) + ["enter"])
        #expect(state.selectedRow?.name == "nfs-vms")
        #expect(state.rows.contains { $0.id == TreeNodeID(pool: "prod", kind: .storageGroup) && $0.folded == false })
    }
}
