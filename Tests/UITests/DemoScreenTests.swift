import Foundation
import Inventory
import Terminal
import Testing
import XAPI
import XAPISim
@testable import UI

/// The demo as `make demo` shows it: the two demo pools served by the in-process simulator over
/// real HTTP on loopback, loaded by the real client, rendered on a `MemoryScreen`. Churn is off
/// so that the screens are the same on every run.
@MainActor @Suite("Demo screens", .serialized, .timeLimit(.minutes(1)))
struct DemoScreenTests {
    /// The demo pools (started and loaded once per test: each test stops its own).
    struct Demo {
        let pools: DemoPools
        let inventories: [PoolInventory]

        static func start() async throws -> Demo {
            let pools = try await DemoPools.start(seed: 1, churn: 0)
            var inventories: [PoolInventory] = []
            for endpoint in pools.endpoints {
                let session = try XAPISession(url: endpoint.url, user: endpoint.user, password: .value(endpoint.password))
                try await session.login()
                var inventory = try await PoolInventory.load(from: session, name: endpoint.name)
                inventory.state = .live
                inventories.append(inventory)
                await session.logout()
            }
            return Demo(pools: pools, inventories: inventories)
        }

        func state() -> AppState {
            let entries = inventories.map { PoolEntry(inventory: $0, accent: $0.name == "prod" ? .ansi(1) : nil) }
            return AppState(pools: entries, demo: true)
        }
    }

    static func render(_ state: inout AppState, keys: [String] = [], theme: Theme = .builtInDark, width: Int, height: Int) -> MemoryScreen {
        let screen = MemoryScreen(width: width, height: height)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: theme, state: state)
        controller.redraw()
        for key in keys { if let event = KeyEvent(name: key) { controller.key(event) } }
        state = controller.state
        return screen
    }

    static func lines(_ screen: MemoryScreen) -> [String] {
        screen.text(trimmingTrailingSpaces: false).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func firstScreenAt80x24() async throws {
        let demo = try await Demo.start()
        var state = demo.state()
        let screen = Self.render(&state, width: 80, height: 24)
        #expect(Self.lines(screen) == """
            ┌ xentui ── prod ──────────┬────────────── DEMO  2 pools · 11 hosts · 360 VMs ─┐
            │ ▾ prod                   │ prod                            8 hosts · 300 VMs │
            │   ▾ xcp-prod-01  ● 29    │ General  Hosts  SRs  Tasks                        │
            │     ● app-03             │ Master     xcp-prod-01                            │
            │     ● app-07             │ HA         disabled                               │
            │     ● app-19             │ Default SR NFS shared storage                     │
            │     ● auth-03            │ Hosts      8                                      │
            │     ● backup-07          │ VMs        ● 225 running  ◌ 75 not running        │
            │     ● build-01 !pv       │ SRs        10                                     │
            │     ● cache-06           │ Networks   5                                      │
            │     ● ci-10              │ Tasks      none running                           │
            │     ● db-06              │ Connection live                                   │
            │     ● dns-04 !pv         │                                                   │
            │     ● dns-08             │                                                   │
            │     ● dns-11             │                                                   │
            │     ● files-04           │                                                   │
            │     ● git-05 !pv         │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        await demo.pools.stop()
    }

    @Test func firstScreenAt120x40() async throws {
        let demo = try await Demo.start()
        var state = demo.state()
        let screen = Self.render(&state, width: 120, height: 40)
        #expect(Self.lines(screen) == """
            ┌ xentui ── prod ───────────────────────┬───────────────────────────────────────── DEMO  2 pools · 11 hosts · 360 VMs ─┐
            │ ▾ prod                                │ prod                                                       8 hosts · 300 VMs │
            │   ▾ xcp-prod-01  ● 29                 │ General  Hosts  SRs  Tasks                                                   │
            │     ● app-03                          │ Master     xcp-prod-01                                                       │
            │     ● app-07                          │ HA         disabled                                                          │
            │     ● app-19                          │ Default SR NFS shared storage                                                │
            │     ● auth-03                         │ Hosts      8                                                                 │
            │     ● backup-07                       │ VMs        ● 225 running  ◌ 75 not running                                   │
            │     ● build-01 !pv                    │ SRs        10                                                                │
            │     ● cache-06                        │ Networks   5                                                                 │
            │     ● ci-10                           │ Tasks      none running                                                      │
            │     ● db-06                           │ Connection live                                                              │
            │     ● dns-04 !pv                      │                                                                              │
            │     ● dns-08                          │                                                                              │
            │     ● dns-11                          │                                                                              │
            │     ● files-04                        │                                                                              │
            │     ● git-05 !pv                      │                                                                              │
            │     ● k8s-01                          │                                                                              │
            │     ● k8s-10                          │                                                                              │
            │     ● lb-05                           │                                                                              │
            │     ● lb-10                           │                                                                              │
            │     ● mon-05 !pv                      │                                                                              │
            │     ● mon-06                          │                                                                              │
            │     ● mon-07                          │                                                                              │
            │     ● mon-12                          │                                                                              │
            │     ● mq-11                           │                                                                              │
            │     ● rds-01 !pv                      │                                                                              │
            │     ● rds-08                          │                                                                              │
            │     ● rds-10                          │                                                                              │
            │     ● sql-04                          │                                                                              │
            │     ● vpn-07                          │                                                                              │
            │     ● worker-08 !pv                   │                                                                              │
            │   ▾ xcp-prod-02  ● 29                 │                                                                              │
            ├ Tasks & log ──────────────────────────┴──────────────────────────────────────────────────────────────────────────────┤
            │ No events yet                                                                                                        │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────────────────────────────────────────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        await demo.pools.stop()
    }

    @Test func allVMsAfterGV() async throws {
        let demo = try await Demo.start()
        var state = demo.state()
        let screen = Self.render(&state, keys: ["g", "v", "j", "j"], width: 80, height: 24)
        #expect(Self.lines(screen) == """
            ┌ xentui ── prod ▸ xcp-prod-06 ▸ ad-03 ─── DEMO  2 pools · 11 hosts · 360 VMs ─┐
            │ VMs (360)                │ ad-03                    ● Running on xcp-prod-06 │
            │ ◑ ad-01  prod            │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │ ● ad-02  prod            │ Active Directory domain controller                │
            │ ● ad-03  prod            │ OS         Microsoft Windows Server 2022 Standard │
            │ ● ad-04  prod            │ PV drivers 9.3.3                                  │
            │ ● ad-05 !pv  prod        │ vCPUs      16                                     │
            │ ● ad-06  prod            │ Memory     16 GiB / 16 GiB                        │
            │ ● ad-07 !pv  prod        │ IPs        10.0.4.76, fe80::7419:31ff:febf:9126   │
            │ ◑ ad-08  prod            │ Tags       infra, prod, backup-daily              │
            │ ● ad-09  prod            │ Operations clean_reboot, clean_shutdown,          │
            │ ● ad-10  prod            │            hard_reboot, hard_shutdown, pause,     │
            │ ◌ ad-11  prod            │            pool_migrate and 3 more                │
            │ ● ad-12  prod            │                                                   │
            │ ● ad-13  prod            │                                                   │
            │ ◌ ad-14  prod            │                                                   │
            │ ● ad-15  prod            │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        await demo.pools.stop()
    }

    /// Every built-in theme colours the power glyphs with its own roles: running and halted
    /// differ, and each cell carries exactly the theme's style for its state.
    @Test(arguments: ["dark", "light", "high-contrast", "solarized-dark", "nord", "mono"])
    func themeColoursThePowerStates(name: String) async throws {
        let demo = try await Demo.start()
        let theme = ThemeLoader(userDirectory: nil).load(name)
        #expect(theme.problems.isEmpty)
        var state = demo.state()
        let screen = Self.render(&state, keys: ["g", "v"], theme: theme.theme, width: 80, height: 24)
        let lines = Self.lines(screen)
        var seen: [String: CellStyle] = [:]
        for (y, line) in lines.enumerated() where y >= 2 && y < 17 {
            let glyph = line.dropFirst(2).first.map(String.init) ?? ""
            if ["●", "◌", "◑"].contains(glyph) { seen[glyph] = screen.styleAt(x: 2, y: y) }
        }
        let running = try #require(seen["●"], "no running VM on the screen")
        let halted = try #require(seen["◌"], "no halted VM on the screen")
        let suspended = try #require(seen["◑"], "no suspended VM on the screen")
        #expect(running.foreground == theme.theme.style(.powerRunning).foreground)
        #expect(halted.foreground == theme.theme.style(.powerHalted).foreground)
        #expect(suspended.foreground == theme.theme.style(.powerSuspended).foreground)
        #expect(running != halted, "\(name): running and halted look the same")
        #expect(running != suspended, "\(name): running and suspended look the same")
        await demo.pools.stop()
    }

    /// Resizing to 40×12 collapses the details pane; back at 80×24 the screen is the first one again.
    @Test func resizeTo40x12AndBack() async throws {
        let demo = try await Demo.start()
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: demo.state())
        controller.redraw()
        let before = Self.lines(screen)
        screen.resize(width: 40, height: 12)
        controller.resized()
        #expect(Self.lines(screen) == """
            ┌ xentui ── prod ─────────────── DEMO ─┐
            │ ▾ prod                               │
            │   ▾ xcp-prod-01  ● 29                │
            │     ● app-03                         │
            │     ● app-07                         │
            │     ● app-19                         │
            │     ● auth-03                        │
            │     ● backup-07                      │
            │     ● build-01 !pv                   │
            ├ Tasks & log ─────────────────────────┤
            │ No events yet                        │
            └ g h hosts  g v VMs  / filter ────────┘
            """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        screen.resize(width: 80, height: 24)
        controller.resized()
        #expect(Self.lines(screen) == before)
        await demo.pools.stop()
    }

    /// A VM started by another client through the simulator turns running on screen through
    /// the real event loop (`PoolSync` over HTTP), and only the cells that show it are written.
    @Test func aVMStartedElsewhereTurnsRunning() async throws {
        let pools = try await DemoPools.start(seed: 1, churn: 0)
        let lab = try #require(pools.endpoints.first { $0.name == "lab" })
        let sync = PoolSync(
            name: "lab", address: try HostURL(parsing: lab.url),
            makeSession: { XAPISession(host: $0, user: lab.user, password: .value(lab.password)) }, eventTimeout: 5)
        let screen = MemoryScreen(width: 80, height: 24)
        let controller = UIController(
            screen: screen, keymap: .builtInDefault, theme: .builtInDark,
            state: AppState(pools: [PoolEntry(inventory: PoolInventory(name: "lab"))], demo: true))
        let running = Task { await sync.run() }
        var changes = sync.changes.makeAsyncIterator()
        while let change = await changes.next() {
            controller.apply(change)
            if change.kind == .reloaded { break }
        }
        controller.key(KeyEvent.char("g"))
        controller.key(KeyEvent.char("v"))
        // A halted VM on screen, with a name no other VM has.
        let inventory = await sync.inventory
        let shown = inventory.vms.records.filter { InventoryTree.isShown($0.value) }
        let lines = Self.lines(screen)
        let candidate = shown.first { _, vm in
            vm.power_state == .halted && shown.filter { $0.value.name_label == vm.name_label }.count == 1
                && lines.contains { $0.contains("◌ \(vm.name_label) ") }
        }
        let (ref, vm) = try #require(candidate, "no halted VM on the first page:\n\(lines.joined(separator: "\n"))")
        let row = try #require(lines.firstIndex { $0.contains("◌ \(vm.name_label) ") })

        let client = try XAPISession(url: lab.url, user: lab.user, password: .value(lab.password))
        try await client.login()
        _ = try await client.call("VM.start", [.string(ref.rawValue), .bool(false), .bool(false)], object: ref.rawValue)
        await client.logout()
        var turned = false
        while !turned, let change = await changes.next() {
            controller.apply(change)
            turned = Self.lines(screen)[row].contains("● \(vm.name_label) ")
        }
        #expect(turned, "the VM's row did not turn running")
        // The last frame wrote the row's glyph and what counts VMs, not the whole screen.
        let written = screen.lastRuns.reduce(0) { $0 + $1.cells.count }
        #expect(written < 80 * 24 / 4, "\(written) cells written for one VM's change")
        running.cancel()
        await running.value
        await pools.stop()
    }
}
