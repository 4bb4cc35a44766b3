import Foundation
import Terminal
import Testing
@testable import UI

/// The `:` command line (PRODUCT §3): completion, running, errors in the log pane, `:theme`.
@MainActor @Suite("Command mode screens")
struct CommandModeScreenTests {
    static func keys(_ text: String) -> [String] { text.map { $0 == " " ? "space" : String($0) } }

    /// `:goto ` then `tab`: the line above the hint bar, and the candidates (pools and objects
    /// of every pool) in a box above it, the first eight then how many more.
    @Test func gotoWithoutArgumentListsCandidates() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Self.keys(":goto ") + ["tab"])
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
            │┌ 17 candidates ──┐ 2     │                                                   │
            ││ app-01          │       │                                                   │
            ││ archive         │       │                                                   │
            ││ db-old          │       │                                                   │
            ││ lab             │       │                                                   │
            ├│ lab-local       │───────┴───────────────────────────────────────────────────┤
            ││ lab-vm-1        │                                                           │
            ││ lab-vm-2        │                                                           │
            ││ … 10 more       │                                                           │
            │└─────────────────┘                                                           │
            │:goto ▏                                                                       │
            └ enter accept  tab complete  esc cancel ──────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(state.command?.candidates.count == 17)
    }

    /// `:goto web` `tab` grows to the common prefix `web-0` and lists web-01 and web-02; then
    /// `1` `enter` jumps: web-01 is selected in the tree, its breadcrumb and details show.
    @Test func gotoWebCompletesThenJumps() {
        var state = AppFixture.state()
        let completing = AppFixture.screen(&state, keys: Self.keys(":goto web") + ["tab"])
        #expect(completing == """
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
            │┌ 2 candidates ──┐                                                            │
            ││ web-01         │                                                            │
            ││ web-02         │                                                            │
            │└────────────────┘                                                            │
            │:goto web-0▏                                                                  │
            └ enter accept  tab complete  esc cancel ──────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let jumped = AppFixture.screen(&state, keys: ["1", "enter"])
        #expect(jumped == """
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ web-01                   ● Running on xcp-host-02 │
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
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(state.selectedRow?.id == TreeNodeID(pool: "prod", kind: .vm, ref: "OpaqueRef:web-01"))
        #expect(state.command == nil)
        #expect(state.commandHistory == ["goto web-01"])
    }

    /// An unknown command and `:vm start` without a VM each leave an error entry and change nothing else.
    @Test func unknownCommandAndVMSayWhy() {
        var state = AppFixture.state()
        let screen = AppFixture.screen(&state, keys: Self.keys(":nonsense") + ["enter"] + Self.keys(":vm start") + ["enter"])
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
            │ 16:00:00 ✗ unknown command :nonsense; tab lists the commands                 │
            │ 16:00:00 ✗ :vm start: name a VM (tab completes), mark some, or select one    │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(state.log.map(\.level) == [.error, .error])
        var untouched = AppFixture.state()
        _ = AppFixture.screen(&untouched)
        #expect(state.rows == untouched.rows)
        #expect(state.cursor == untouched.cursor)
        #expect(state.focus == .tree && state.leftView == .tree && state.filter == nil && !state.quitRequested)
    }

    /// `:theme light` through the controller: the running VM's glyph takes light's colour at once.
    @Test func themeLightRecoloursPowerGlyphs() {
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state(),
                                      themeLoader: ThemeLoader(userDirectory: nil))
        controller.redraw()
        // Row 3 is lab-vm-1 (running); its glyph is at column 6.
        #expect(screen.text.split(separator: "\n")[3].contains("● lab-vm-1"))
        let dark = Theme.builtInDark.style(.powerRunning).foreground
        #expect(screen.styleAt(x: 6, y: 3).foreground == dark)
        for key in Self.keys(":theme light") { controller.key(key == "space" ? .char(" ") : .char(Character(key)), at: AppFixture.time) }
        controller.key(.key(.enter), at: AppFixture.time)
        let light = ThemeLoader(userDirectory: nil).load("light")
        #expect(light.problems.isEmpty)
        #expect(light.theme.style(.powerRunning).foreground != dark)
        #expect(screen.styleAt(x: 6, y: 3).foreground == light.theme.style(.powerRunning).foreground)
        #expect(controller.state.themeName == "light")
        #expect(controller.state.log.isEmpty)
    }

    /// A theme that does not exist keeps the current one and says so, with the known names.
    @Test func unknownThemeIsAnErrorEntry() {
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state(),
                                      themeLoader: ThemeLoader(userDirectory: nil))
        for key in Self.keys(":theme lihgt") { controller.key(key == "space" ? .char(" ") : .char(Character(key)), at: AppFixture.time) }
        controller.key(.key(.enter), at: AppFixture.time)
        #expect(controller.theme.name == "dark")
        #expect(controller.state.themeName == "dark")
        #expect(controller.state.requestedTheme == nil)
        let entry = controller.state.log.last
        #expect(entry?.level == .error)
        #expect(entry?.text.contains("no theme named `lihgt` (did you mean `light`?)") == true)
    }

    /// A bad user theme file: its file:line reaches the log pane, the theme stays.
    @Test func badThemeFileReportsFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xentui-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "inherits = \"dark\"\n[roles]\n\"power.running\" = { fg = \"not-a-colour\" }\n"
            .write(to: directory.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state(),
                                      themeLoader: ThemeLoader(userDirectory: directory.path))
        #expect(controller.state.themeNames.contains("broken"))
        for key in Self.keys(":theme broken") { controller.key(key == "space" ? .char(" ") : .char(Character(key)), at: AppFixture.time) }
        controller.key(.key(.enter), at: AppFixture.time)
        #expect(controller.theme.name == "dark")
        let text = controller.state.log.last?.text ?? ""
        #expect(text.contains("broken.toml:3:"))
    }
}

/// `:keymap NAME` through the controller: the keymap switches at once; a bad name is an error entry.
@MainActor @Suite("Keymap command")
struct KeymapCommandTests {
    func type(_ text: String, into controller: UIController) {
        for character in text { controller.key(.char(character), at: AppFixture.time) }
        controller.key(.key(.enter), at: AppFixture.time)
    }

    @Test func switchesKeymapAndReportsUnknownOnes() {
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: AppFixture.state(readOnly: true),
                                      themeLoader: ThemeLoader(userDirectory: nil), keymapLoader: KeymapLoader(userDirectory: nil))
        #expect(controller.state.keymapNames == ["default", "emacs", "vim"])
        type(":keymap vim", into: controller)
        #expect(controller.keymap.name == "vim")
        #expect(controller.keymap.isReadOnly)
        type(":keymap vym", into: controller)
        #expect(controller.keymap.name == "vim")
        #expect(controller.state.log.last?.level == .error)
        #expect(controller.state.log.last?.text.hasPrefix(":keymap vym: no keymap named `vym` (did you mean `vim`?)") == true)
        // `Z Z` quits in vim only.
        controller.key(.char("Z"), at: AppFixture.time)
        controller.key(.char("Z"), at: AppFixture.time)
        #expect(controller.quitRequested)
    }
}
