import Testing
@testable import UI

/// Whole screens after scripted keys, compared line by line (ratatui's TestBackend style).
/// The fixture is `AppFixture`: pools lab and prod, halted VMs, a wide-character name.
@MainActor @Suite("Golden screens")
struct ViewGoldenScreenTests {
    /// The first screen: pools unfolded, the first pool selected, its details, an empty log.
    @Test func initialScreen() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: [], width: 80, height: 24)
        #expect(screen == """
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
    }

    /// `j j l`: `j j` reaches lab-vm-1 (breadcrumb and details follow); `l` on a leaf changes nothing.
    @Test func afterMovingDownTwiceAndUnfolding() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["j", "j", "l"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ▸ xcp-lab-01 ▸ lab-vm-1 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab-vm-1                  ● Running on xcp-lab-01 │
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
    }

    /// `g h`: every host of every pool, with its pool's name.
    @Test func hostsListAfterGH() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["g", "h"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ▸ xcp-lab-01 ────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ Hosts (3)                │ xcp-lab-01                                enabled │
            │ • xcp-lab-01  lab        │ General  Stats  VMs  Network  Storage             │
            │ • xcp-host-01  prod      │ Address    10.0.9.11                              │
            │ • xcp-host-02  prod      │ Role       pool master                            │
            │                          │ State      enabled                                │
            │                          │ CPUs       unknown                                │
            │                          │ Memory     4 GiB used                             │
            │                          │ Software   unknown                                │
            │                          │ VMs        ● 1 running  ◌ 1 not running           │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// `enter` on a pool folds it; the folded pool shows its VM counts.
    @Test func foldedPoolShowsCounts() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["enter"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▸ lab  ● 1  ◌ 2          │ lab                                1 host · 3 VMs │
            │ ▾ prod                   │ General  Hosts  SRs  Tasks                        │
            │   ▾ xcp-host-01  ● 2     │ Master     xcp-lab-01                             │
            │     ● app-01 !pv         │ HA         disabled                               │
            │     ● 報告-サーバ 🚀 !pv │ Default SR none                                   │
            │   ▾ xcp-host-02  ● 2     │ Hosts      1                                      │
            │     ● web-01             │ VMs        ● 1 running  ◌ 2 not running           │
            │     ● web-02 !pv         │ SRs        1                                      │
            │   ◌ archive              │ Networks   0                                      │
            │   ◌ db-old               │ Tasks      none running                           │
            │   ▸ Storage  1           │ Connection live                                   │
            │   ▸ Networks  1          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// `?`: the help popup over the panes, popup hints at the bottom.
    @Test func helpPopup() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["?"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ───────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xc┌ Help · default keymap ───────────────────────────────────────┐       │
            │     ● │ Navigation                                                   │       │
            │     ◐ │ j, down          Move down                                   │       │
            │   ◑ la│ k, up            Move up                                     │       │
            │   ▸ St│ pgdn, ctrl-d     Page down                                   │       │
            │   ▸ Ne│ pgup, ctrl-u     Page up                                     │       │
            │ ▾ prod│ home, g g        Go to the top                               │       │
            │   ▾ xc│ G, end           Go to the bottom                            │       │
            │     ● │ h, left          Fold the node (or go to its parent)         │       │
            │     ● │ l, right         Unfold the node                             │       │
            │   ▾ xc│ enter            Open the selection                          │       │
            │     ● │ tab              Next pane                                   │       │
            │     ● │ shift-tab        Previous pane                               │       │
            │   ◌ ar│ ]                Next details tab                            │       │
            │   ◌ db│ [                Previous details tab                        │       │
            ├ Tasks │ esc, q, ctrl-c   Back, cancel or close                       │───────┤
            │ No eve│                                                              │       │
            │       │ Views                                                        │       │
            │       │ g h              Go to the hosts of every pool               │       │
            │       └ j/k scroll  esc close ───────────────────────────────────────┘       │
            │                                                                              │
            └ y confirm  q cancel ─────────────────────────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// `g`: the which-key popup bottom-right above the hint bar.
    @Test func whichKeyAfterG() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["g"], width: 80, height: 24)
        #expect(screen == """
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
            │     ● web-01             │                                                   │
            │     ● web-02 !pv         │            ┌ g go to ────────────────────────────┐│
            │   ◌ archive              │            │ g  Go to the top                    ││
            │   ◌ db-old               │            │ h  Go to the hosts of every pool    ││
            ├ Tasks & log ─────────────┴────────────│ p  Go to the pools                  │┤
            │ No events yet                         │ v  Go to the VMs of every pool      ││
            │                                       │ s  Go to the SRs of every pool      ││
            │                                       │ n  Go to the networks of every pool ││
            │                                       │ t  Focus the tasks & log pane       ││
            │                                       └─────────────────────────────────────┘│
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Read-only demo on a host: DEMO and READ-ONLY markers, no `a actions` hint (compare hostsListAfterGH).
    @Test func readOnlyDemoHasMarkersAndNoActions() {
        var state = AppFixture.state(readOnly: true, demo: true)
        let screen = AppFixture.screen(&state, keys: ["j"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ▸ xcp-lab-01 ───── DEMO  READ-ONLY  2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ xcp-lab-01                                enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  VMs  Network  Storage             │
            │     ● lab-vm-1 !pv       │ Address    10.0.9.11                              │
            │     ◐ lab-vm-2 !pv       │ Role       pool master                            │
            │   ◑ lab-vm-3             │ State      enabled                                │
            │   ▸ Storage  1           │ CPUs       unknown                                │
            │   ▸ Networks  0          │ Memory     4 GiB used                             │
            │ ▾ prod                   │ Software   unknown                                │
            │   ▾ xcp-host-01  ● 2     │ VMs        ● 1 running  ◌ 1 not running           │
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
    }

    /// `/web`: only matching VMs, the filter line at the bottom of the tree, the match count in the title bar, filter hints.
    @Test func filterWhileTyping() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["/", "w", "e", "b"], width: 80, height: 24)
        #expect(screen == """
            ┌ xentui ── lab ───────────┬──────────── 2 matches  2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ lab                                1 host · 3 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Hosts  SRs  Tasks                        │
            │   ▸ Storage  1           │ Master     xcp-lab-01                             │
            │   ▸ Networks  0          │ HA         disabled                               │
            │ ▾ prod                   │ Default SR none                                   │
            │   ▾ xcp-host-01  ● 2     │ Hosts      1                                      │
            │   ▾ xcp-host-02  ● 2     │ VMs        ● 1 running  ◌ 2 not running           │
            │     ● web-01             │ SRs        1                                      │
            │     ● web-02 !pv         │ Networks   0                                      │
            │   ▸ Storage  1           │ Tasks      none running                           │
            │   ▸ Networks  1          │ Connection live                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │                          │                                                   │
            │ / web▏                   │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ enter accept  esc cancel ────────────────────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// web-01's General tab as in PRODUCT §2: OS, PV drivers, vCPUs, memory, IPs, tags, operations.
    @Test func vmGeneralAt100x30() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Array(repeating: "j", count: 12), width: 100, height: 30)
        #expect(screen == """
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ web-01                                 ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  Network  Disks  Snapshots  Tasks                │
            │     ● lab-vm-1 !pv             │ OS         Debian 12 (6.1.0-18)                                 │
            │     ◐ lab-vm-2 !pv             │ PV drivers 9.3.1                                                │
            │   ◑ lab-vm-3                   │ vCPUs      4                                                    │
            │   ▸ Storage  1                 │ Memory     8 GiB / 8 GiB                                        │
            │   ▸ Networks  0                │ IPs        10.0.4.21, fe80::1                                   │
            │ ▾ prod                         │ Tags       prod, frontend                                       │
            │   ▾ xcp-host-01  ● 2           │ Operations clean_reboot, clean_shutdown, pause, snapshot        │
            │     ● app-01 !pv               │                                                                 │
            │     ● 報告-サーバ 🚀 !pv       │                                                                 │
            │   ▾ xcp-host-02  ● 2           │                                                                 │
            │     ● web-01                   │                                                                 │
            │     ● web-02 !pv               │                                                                 │
            │   ◌ archive                    │                                                                 │
            │   ◌ db-old                     │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  1                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            ├ Tasks & log ───────────────────┴─────────────────────────────────────────────────────────────────┤
            │ No events yet                                                                                    │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// web-01's Disks tab: VBD device, VDI, size, SR.
    @Test func vmDisksTab() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Array(repeating: "j", count: 12) + ["]", "]", "]"], width: 100, height: 30)
        #expect(screen == """
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ web-01                                 ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  Network  Disks  Snapshots  Tasks                │
            │     ● lab-vm-1 !pv             │ xvda   web-01 root           20 GiB  nfs-vms                    │
            │     ◐ lab-vm-2 !pv             │                                                                 │
            │   ◑ lab-vm-3                   │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  0                │                                                                 │
            │ ▾ prod                         │                                                                 │
            │   ▾ xcp-host-01  ● 2           │                                                                 │
            │     ● app-01 !pv               │                                                                 │
            │     ● 報告-サーバ 🚀 !pv       │                                                                 │
            │   ▾ xcp-host-02  ● 2           │                                                                 │
            │     ● web-01                   │                                                                 │
            │     ● web-02 !pv               │                                                                 │
            │   ◌ archive                    │                                                                 │
            │   ◌ db-old                     │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  1                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            ├ Tasks & log ───────────────────┴─────────────────────────────────────────────────────────────────┤
            │ No events yet                                                                                    │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// web-01's Network tab: VIF device, network, MAC, guest IP.
    @Test func vmNetworkTab() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Array(repeating: "j", count: 12) + ["]", "]"], width: 100, height: 30)
        #expect(screen == """
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ web-01                                 ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  Network  Disks  Snapshots  Tasks                │
            │     ● lab-vm-1 !pv             │ eth0  Pool-wide network… aa:bb:cc:00:00:01  10.0.4.21           │
            │     ◐ lab-vm-2 !pv             │                                                                 │
            │   ◑ lab-vm-3                   │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  0                │                                                                 │
            │ ▾ prod                         │                                                                 │
            │   ▾ xcp-host-01  ● 2           │                                                                 │
            │     ● app-01 !pv               │                                                                 │
            │     ● 報告-サーバ 🚀 !pv       │                                                                 │
            │   ▾ xcp-host-02  ● 2           │                                                                 │
            │     ● web-01                   │                                                                 │
            │     ● web-02 !pv               │                                                                 │
            │   ◌ archive                    │                                                                 │
            │   ◌ db-old                     │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  1                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            ├ Tasks & log ───────────────────┴─────────────────────────────────────────────────────────────────┤
            │ No events yet                                                                                    │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// A host: address, role, CPUs, memory, software, VM counts.
    @Test func hostGeneral() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Array(repeating: "j", count: 8), width: 100, height: 30)
        #expect(screen == """
            ┌ xentui ── prod ▸ xcp-host-01 ──┬───────────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ xcp-host-01                                             enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  VMs  Network  Storage                           │
            │     ● lab-vm-1 !pv             │ Address    10.0.4.11                                            │
            │     ◐ lab-vm-2 !pv             │ Role       member                                               │
            │   ◑ lab-vm-3                   │ State      enabled                                              │
            │   ▸ Storage  1                 │ CPUs       32 × AMD EPYC 7302                                   │
            │   ▸ Networks  0                │ Memory     192 GiB / 256 GiB                                    │
            │ ▾ prod                         │ Software   XCP-ng 8.3.0                                         │
            │   ▾ xcp-host-01  ● 2           │ VMs        ● 2 running  ◌ 0 not running                         │
            │     ● app-01 !pv               │                                                                 │
            │     ● 報告-サーバ 🚀 !pv       │                                                                 │
            │   ▾ xcp-host-02  ● 2           │                                                                 │
            │     ● web-01                   │                                                                 │
            │     ● web-02 !pv               │                                                                 │
            │   ◌ archive                    │                                                                 │
            │   ◌ db-old                     │                                                                 │
            │   ▸ Storage  1                 │                                                                 │
            │   ▸ Networks  1                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            │                                │                                                                 │
            ├ Tasks & log ───────────────────┴─────────────────────────────────────────────────────────────────┤
            │ No events yet                                                                                    │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// 40×12: no details pane, a two-row log pane, fewer hints; the cursor row stays visible.
    @Test func narrow40x12CollapsesDetails() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: ["G"], width: 40, height: 12)
        #expect(screen == """
            ┌ xentui ── prod ▸ Networks ───────────┐
            │     ● 報告-サーバ 🚀 !pv             │
            │   ▾ xcp-host-02  ● 2                 │
            │     ● web-01                         │
            │     ● web-02 !pv                     │
            │   ◌ archive                          │
            │   ◌ db-old                           │
            │   ▸ Storage  1                       │
            │   ▸ Networks  1                      │
            ├ Tasks & log ─────────────────────────┤
            │ No events yet                        │
            └ g h hosts  g v VMs  / filter ────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// 20×5: only a short message.
    @Test func tiny20x5SaysTooSmall() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: [], width: 20, height: 5)
        #expect(screen == ["", "", "terminal too small", "", ""])
    }

    /// 1×1: what fits of the message, no crash.
    @Test func oneByOne() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: [], width: 1, height: 1)
        #expect(screen == """
            t
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
