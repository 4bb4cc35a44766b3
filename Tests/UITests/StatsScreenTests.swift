import Foundation
import Inventory
import Terminal
import Testing
import XAPI
@testable import UI

/// Stats as whole screens: sparklines in General and in the tree (`S`), the Stats tab's
/// graphs over each range (`r`), small terminals and the ASCII fallback, with made-up series
/// that have a gap and a busy stretch so that levels and colours show.
@MainActor @Suite("Golden screens: stats")
struct StatsScreenTests {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    static let end: Int64 = 1_764_000_000
    static let uuids = ["OpaqueRef:web-01": "vm-web-01", "OpaqueRef:web-02": "vm-web-02", "OpaqueRef:app-01": "vm-app-01"]
    static let hostUUIDs = ["OpaqueRef:h1": "host-01", "OpaqueRef:h2": "host-02"]

    /// The fixture with uuids (the stats know objects by uuid).
    static func state() throws -> AppState {
        var prod = AppFixture.prod
        for (ref, uuid) in uuids {
            var vm = try #require(prod.vms[Ref(ref)])
            vm.uuid = uuid
            prod.vms.upsert(Ref(ref), vm)
        }
        for (ref, uuid) in hostUUIDs {
            var host = try #require(prod.hosts[Ref(ref)])
            host.uuid = uuid
            prod.hosts.upsert(Ref(ref), host)
        }
        var state = AppState(pools: [PoolEntry(inventory: AppFixture.lab), PoolEntry(inventory: prod, accent: .indexed(1))])
        for range in StatsRange.allCases {
            for host in ["host-01", "host-02"] {
                state.applyStats(.updated(StatsHost(pool: "prod", uuid: host), range, updates(host: host, range: range)))
            }
        }
        return state
    }

    /// A reply for one host and its VMs: CPU climbing in waves to a busy end, memory steady,
    /// traffic in waves; a stretch of NaN and of missing rows in the middle (gaps).
    static func updates(host: String, range: StatsRange) -> RRDUpdates {
        let vms = host == "host-02" ? ["vm-web-01", "vm-web-02"] : ["vm-app-01"]
        var legend = ["cpu_avg", "memory_total_kib", "memory_free_kib", "pif_aggr_rx", "pif_aggr_tx"].map { "AVERAGE:host:\(host):\($0)" }
        for vm in vms {
            legend += ["cpu0", "cpu1", "memory", "memory_internal_free", "vif_0_rx", "vif_0_tx", "vbd_xvda_read", "vbd_xvda_write"]
                .map { "AVERAGE:vm:\(vm):\($0)" }
        }
        var rows: [RRDRow] = []
        for index in 0..<range.points {
            let time = end - Int64(index) * range.step
            let age = Double(index) / Double(range.points)  // 0 newest … 1 oldest
            if (55..<60).contains(index) { continue }  // missing rows
            let gap = (60..<64).contains(index)
            let wave = 0.5 + 0.5 * sin(Double(index) / 6)
            var values: [Double] = [0.2 + 0.6 * (1 - age) * wave, 64 * 1_048_576, 20 * 1_048_576, 2e6 * wave, 1e6 * (1 - wave)]
            for (number, _) in vms.enumerated() {
                // web-01 is busy for its last minute (12 points).
                let busy = number != 0 ? 0.05 : index < 12 ? 0.97 : 0.1 + 0.7 * (1 - age) * wave
                values += [busy, busy, 2_147_483_648, 524_288 + 262_144 * wave, 3e5 * wave, 1e5 * wave, 4e6 * (1 - wave), 1e6 * wave]
            }
            rows.append(RRDRow(time: time, values: gap ? values.map { _ in .nan } : values))
        }
        let entries = legend.compactMap(RRDLegendEntry.init(parsing:))
        return RRDUpdates(start: end - range.seconds, step: range.step, end: end, legend: entries, rows: rows)
    }

    static let toWeb01 = Array(repeating: "j", count: 12)

    /// The rows up to `name` (j pressed until it is selected, at most 40 times).
    static func keys(to name: String, in state: AppState) -> [String] {
        var state = state
        var keys: [String] = []
        _ = MainActor.assumeIsolated { AppFixture.screen(&state, width: 100, height: 30) }
        while state.selectedRow?.name != name, keys.count < 40 {
            keys.append("j")
            _ = MainActor.assumeIsolated { AppFixture.screen(&state, keys: ["j"], width: 100, height: 30) }
        }
        return keys
    }

    @Test func vmGeneralHasSparklines() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.toWeb01, width: 100, height: 30) == Self.lines("""
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
            │     ● app-01 !pv               │ CPU        ▂▃▃▃▄▄▄▅▅▅▆▆████████████  97%                        │
            │     ● 報告-サーバ 🚀 !pv       │ Memory     ▆▆▆▆▆▆▆▆▆▅▅▅▅▅▅▅▅▅▅▆▆▆▆▆  1.4 GiB                    │
            │   ▾ xcp-host-02  ● 2           │ Network    ▂▂▂▃▃▃▄▄▄▅▅▅▅▅▅▅▅▅▅▄▄▄▃▃  ↓150 kB/s ↑50 kB/s         │
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
            """))
    }

    @Test func vmStatsTabTenMinutes() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.toWeb01 + ["]"], width: 100, height: 40) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ web-01                                 ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  Network  Disks  Snapshots  Tasks                │
            │     ● lab-vm-1 !pv             │ 10 min  2 h  1 week  r switches                                 │
            │     ◐ lab-vm-2 !pv             │ CPU        97%  peak 97%                                        │
            │   ◑ lab-vm-3                   │     100% ┤                                                ▇▇▇▇▇ │
            │   ▸ Storage  1                 │          │                             ▁▃▄▅▄▃▂        ▁▄▇██████ │
            │   ▸ Networks  0                │       0% ┤▃▃▃▃▃▃▂▂▃▃▃▄▅▆▇▇▇▇▇▆▅▄▃▂▃    ████████▆▄▃▂▃▄▆█████████ │
            │ ▾ prod                         │ Memory     1.4 GiB  of 2 GiB                                    │
            │   ▾ xcp-host-01  ● 2           │    2 GiB ┤   ▁▁▂▂▂▂▁▁         ▁▁▂▂▂           ▁▁▂▂▂▂▂▁▁         │
            │     ● app-01 !pv               │          │▇████████████▇▇▇▇▇███████    █▇▇▇▇█████████████▇▇▇▇██ │
            │     ● 報告-サーバ 🚀 !pv       │      0 B ┤█████████████████████████    ████████████████████████ │
            │   ▾ xcp-host-02  ● 2           │ Net in     150 kB/s  peak 300 kB/s                              │
            │     ● web-01                   │ 500 kB/s ┤                                                      │
            │     ● web-02 !pv               │          │▅▃▁         ▂▄▆▆▆▅▂          ▃▅▆▆▆▄▁         ▁▄▅▆▆▅▃  │
            │   ◌ archive                    │    0 B/s ┤███▆▃▁▁▁▁▃▅▇███████▇▅▃▁▁▁    ███████▇▄▂▁▁▁▂▄▆████████ │
            │   ◌ db-old                     │ Net out    50 kB/s  peak 100 kB/s                               │
            │   ▸ Storage  1                 │ 100 kB/s ┤▅▂          ▁▅▇█▇▅▁          ▂▅██▇▄           ▄▆██▅▃  │
            │   ▸ Networks  1                │          │██▇▂       ▄███████▄         ███████▄       ▃███████▆ │
            │                                │    0 B/s ┤████▅▂▁▁▂▄███████████▅▂▁▁    ████████▇▃▁▁▁▄▇█████████ │
            │                                │ Disk read  2 MB/s  peak 4 MB/s                                  │
            │                                │   5 MB/s ┤     ▁▃▃▂             ▂▃▃             ▁▃▃▂            │
            │                                │          │   ▃▇█████▅▁       ▁▅▇███           ▂▆█████▆▃         │
            │                                │    0 B/s ┤▂▄▇█████████▅▃▁▁▁▂▆██████    ▅▂▁▁▁▃▇█████████▇▃▁▁▁▂▄█ │
            │                                │ Disk write 500 kB/s  peak 1 MB/s                                │
            │                                │   1 MB/s ┤▅▂          ▁▅▇█▇▅▁          ▂▅██▇▄           ▄▆██▅▃  │
            │                                │          │██▇▂       ▄███████▄         ███████▄       ▃███████▆ │
            │                                │    0 B/s ┤████▅▂▁▁▂▄███████████▅▂▁▁    ████████▇▃▁▁▁▄▇█████████ │
            │                                │          └-10m─────────────────────-5m──────────────────────now │
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
            """))
    }

    @Test func vmStatsTabOneWeekAfterRTwice() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.toWeb01 + ["]", "r", "r"], width: 100, height: 40) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ▸ web-01 ─────────────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                          │ web-01                                 ● Running on xcp-host-02 │
            │   ▾ xcp-lab-01  ● 1  ◌ 1       │ General  Stats  Network  Disks  Snapshots  Tasks                │
            │     ● lab-vm-1 !pv             │ 10 min  2 h  1 week  r switches                                 │
            │     ◐ lab-vm-2 !pv             │ CPU        97%  peak 97%                                        │
            │   ◑ lab-vm-3                   │     100% ┤                                                 ▅▇▇▇ │
            │   ▸ Storage  1                 │          │                        ▁▂▃▂▁      ▂▄▆▆▅▃      ▄█████ │
            │   ▸ Networks  0                │       0% ┤▃▃▃▃▃▃▃▃▂▃▃▄▆▇▇▇▆▅▄▃▂▃▄▇█████▆▄▃▃  ███████▄▃▃▄▇██████ │
            │ ▾ prod                         │ Memory     1.4 GiB  of 2 GiB                                    │
            │   ▾ xcp-host-01  ● 2           │    2 GiB ┤     ▁▁▂▂▂▁      ▁▁▂▂▂▁      ▁▁▂▂        ▁▂▂▂▂▁       │
            │     ● app-01 !pv               │          │█▇▇▇█████████▇▇▇█████████▇▇▇█████  █▇▇▇▇████████▇▇▇▇█ │
            │     ● 報告-サーバ 🚀 !pv       │      0 B ┤█████████████████████████████████  ██████████████████ │
            │   ▾ xcp-host-02  ● 2           │ Net in     150 kB/s  peak 300 kB/s                              │
            │     ● web-01                   │ 500 kB/s ┤                                                      │
            │     ● web-02 !pv               │          │▃▆▆▅▃       ▄▆▆▅▃       ▄▆▆▅▂      ▂▄▆▆▅▂      ▁▄▆▆▄▁ │
            │   ◌ archive                    │    0 B/s ┤█████▇▃▁▁▁▄██████▆▃▁▁▁▄██████▆▂▁▁  ██████▆▂▁▁▂▅██████ │
            │   ◌ db-old                     │ Net out    50 kB/s  peak 100 kB/s                               │
            │   ▸ Storage  1                 │ 100 kB/s ┤▃▇█▆▂       ▃▇█▆▂       ▄▇█▆▁      ▁▄▇█▅        ▅▇█▅  │
            │   ▸ Networks  1                │          │█████▃     ▅█████▃     ▅█████▂     ██████▂     ▇████▇ │
            │                                │    0 B/s ┤██████▅▁▁▂▆███████▄▁▁▂▇███████▄▁▁  ███████▄▁▁▃███████ │
            │                                │ Disk read  2 MB/s  peak 4 MB/s                                  │
            │                                │   5 MB/s ┤       ▂▃▂         ▂▃▁         ▃▃          ▃▃▁        │
            │                                │          │     ▂▇███▆▁     ▃████▆      ▃███        ▃████▅       │
            │                                │    0 B/s ┤▄▁▁▁▅███████▄▁▁▂▅███████▃▁▁▂▆████  ▆▃▁▁▂▆██████▇▃▁▁▃▇ │
            │                                │ Disk write 500 kB/s  peak 1 MB/s                                │
            │                                │   1 MB/s ┤▃▇█▆▂       ▃▇█▆▂       ▄▇█▆▁      ▁▄▇█▅        ▅▇█▅  │
            │                                │          │█████▃     ▅█████▃     ▅█████▂     ██████▂     ▇████▇ │
            │                                │    0 B/s ┤██████▅▁▁▂▆███████▄▁▁▂▇███████▄▁▁  ███████▄▁▁▃███████ │
            │                                │          └-7d─────────────────────-3.5d─────────────────────now │
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
            """))
        #expect(state.statsRange == .week)
    }

    @Test func hostStatsTabAt80x24UsesSparklineLines() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.keys(to: "xcp-host-02", in: state) + ["]"], width: 80, height: 24) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-02 ──────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ xcp-host-02                               enabled │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Stats  VMs  Network  Storage             │
            │     ● lab-vm-1 !pv       │ 10 min  2 h  1 week  r switches                   │
            │     ◐ lab-vm-2 !pv       │ CPU        50%  peak 75%                          │
            │   ◑ lab-vm-3             │     100% ┤▂▂▂▂▂▂▂▂▂▂▃▃▃▃▂▂▂▂▂  ▄▄▄▄▄▃▃▂▂▂▂▃▄▅▆▆▆▅ │
            │   ▸ Storage  1           │ Memory     44 GiB  of 64 GiB                      │
            │   ▸ Networks  0          │   64 GiB ┤▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆  ▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆ │
            │ ▾ prod                   │ Net in     1 MB/s  peak 2 MB/s                    │
            │   ▾ xcp-host-01  ● 2     │   2 MB/s ┤▇▅▃▁▁▁▁▂▄▆▇█▇▆▄▂▁▁▁  ▆▇██▆▄▂▁▁▁▁▃▅▇██▇▅ │
            │     ● app-01 !pv         │ Net out    500 kB/s  peak 1 MB/s                  │
            │     ● 報告-サーバ 🚀 !pv │   1 MB/s ┤▁▃▅▇██▇▆▄▂▁▁▁▂▄▆▇██  ▂▁▁▁▂▄▆▇██▇▅▃▁▁▁▁▃ │
            │   ▾ xcp-host-02  ● 2     │ Disk read  4 MB/s  peak 8 MB/s                    │
            │     ● web-01             │  10 MB/s ┤▁▂▄▅▆▆▆▅▃▂▁▁▁▂▃▅▆▆▆  ▂▁▁▁▁▃▅▆▆▆▅▄▂▁▁▁▁▂ │
            │     ● web-02 !pv         │ Disk write 1 MB/s  peak 2 MB/s                    │
            │   ◌ archive              │   2 MB/s ┤▇▅▃▁▁▁▁▂▄▆▇█▇▆▄▂▁▁▁  ▆▇██▆▄▂▁▁▁▁▃▅▇██▇▅ │
            │   ◌ db-old               │          └-10m──────────────-5m───────────────now │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ──────────┘
            """))
    }

    @Test func treeSparklinesToggleWithS() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.keys(to: "app-01", in: state) + ["S"], width: 80, height: 24) == Self.lines("""
            ┌ xentui ── prod ▸ xcp-host-01 ▸ app-01 ─────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ app-01                   ● Running on xcp-host-01 │
            │   ▾ xcp-lab-01  …        │ General  Stats  Network  Disks  Snapshots  Tasks  │
            │     ● lab-vm-1 !…        │ OS         unknown                                │
            │     ◐ lab-vm-2 !…        │ PV drivers not detected                           │
            │   ◑ lab-vm-3             │ vCPUs      2                                      │
            │   ▸ Storage  1           │ Memory     2 GiB / 2 GiB                          │
            │   ▸ Networks  0          │ IPs        none reported                          │
            │ ▾ prod                   │ Tags       none                                   │
            │   ▾ xcp-host-01 … ▆▆▅▅▅▅ │ Operations none                                   │
            │     ● app-01 !pv  ██████ │ CPU        ▂▃▃▃▄▄▄▅▅▅▆▆████████████  97%          │
            │     ● 報告-サー…         │ Memory     ▆▆▆▆▆▆▆▆▆▅▅▅▅▅▅▅▅▅▅▆▆▆▆▆  1.4 GiB      │
            │   ▾ xcp-host-02 … ▆▆▅▅▅▅ │ Network    ▄▅▅▅▅▅▅▅▅▅▅▄▄▄▃▃  ↓150 kB/s ↑50 kB/s   │
            │     ● web-01      ██████ │                                                   │
            │     ● web-02 !pv  ▁▁▁▁▁▁ │                                                   │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """))
        #expect(state.showSparklines)
        _ = AppFixture.screen(&state, keys: ["S"], width: 80, height: 24)
        #expect(!state.showSparklines)
    }

    @Test func poolGeneralShowsTotals() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.keys(to: "prod", in: state), width: 80, height: 24) == Self.lines("""
            ┌ xentui ── prod ──────────┬─────────────────────── 2 pools · 3 hosts · 9 VMs ─┐
            │ ▾ lab                    │ prod                              2 hosts · 6 VMs │
            │   ▾ xcp-lab-01  ● 1  ◌ 1 │ General  Hosts  SRs  Tasks                        │
            │     ● lab-vm-1 !pv       │ Master     xcp-host-02                            │
            │     ◐ lab-vm-2 !pv       │ HA         disabled                               │
            │   ◑ lab-vm-3             │ Default SR nfs-vms                                │
            │   ▸ Storage  1           │ Hosts      2                                      │
            │   ▸ Networks  0          │ VMs        ● 4 running  ◌ 2 not running           │
            │ ▾ prod                   │ SRs        1                                      │
            │   ▾ xcp-host-01  ● 2     │ Networks   1                                      │
            │     ● app-01 !pv         │ Tasks      none running                           │
            │     ● 報告-サーバ 🚀 !pv │ Connection live                                   │
            │   ▾ xcp-host-02  ● 2     │ CPU        ▃▃▄▄▄▄▅▅▅▆▆▆▆▆▆▆▆▆▆▆▅▅▅▅  50%          │
            │     ● web-01             │ Memory     ▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆▆  88 GiB       │
            │     ● web-02 !pv         │ Network    ▅▅▅▆▆▆▇▇▇▇▆▆▆▆▅▅▄▄  ↓2 MB/s ↑1 MB/s    │
            │   ◌ archive              │                                                   │
            │   ◌ db-old               │                                                   │
            ├ Tasks & log ─────────────┴───────────────────────────────────────────────────┤
            │ No events yet                                                                │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └ g h hosts  g v VMs  / filter  : command  ? help  q quit ─────────────────────┘
            """))
    }

    /// Below 60 columns the details pane goes: the tree's sparklines remain.
    @Test func treeSparklinesAt40x12() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.toWeb01 + ["S"], width: 40, height: 12) == Self.lines("""
            ┌ xentui ── prod ▸ … ▸ web-01 ─────────┐
            │   ▸ Storage  1                       │
            │   ▸ Networks  0                      │
            │ ▾ prod                               │
            │   ▾ xcp-host-01  ● 2       ▆▆▆▆▆▅▅▅▅ │
            │     ● app-01 !pv           █████████ │
            │     ● 報告-サーバ 🚀 !pv             │
            │   ▾ xcp-host-02  ● 2       ▆▆▆▆▆▅▅▅▅ │
            │     ● web-01               █████████ │
            ├ Tasks & log ─────────────────────────┤
            │ No events yet                        │
            └ g h hosts  g v VMs  / filter ────────┘
            """))
    }

    /// The narrowest details pane: one sparkline line per metric instead of graphs.
    @Test func statsTabAt60x16() throws {
        var state = try Self.state()
        #expect(AppFixture.screen(&state, keys: Self.toWeb01 + ["]"], width: 60, height: 16) == Self.lines("""
            ┌ xentui ── prod ▸ … ▸ web-01 ─ 2 pools · 3 hosts · 9 VMs ─┐
            │   ▸ Storage  1         │ web-01                          │
            │   ▸ Networks  0        │ General  Stats  Network  Disks  │
            │ ▾ prod                 │ 10 min  2 h  1 week  r switches │
            │   ▾ xcp-host-01  ● 2   │ CPU        ▅▆▆████████████  97% │
            │     ● app-01 !pv       │ Memory     ▅▅▅▅▅▅▆▆▆▆▆  1.4 GiB │
            │     ● 報告-サーバ 🚀 !…│ Net in     ▅▅▅▅▅▄▄▄▃▃  150 kB/s │
            │   ▾ xcp-host-02  ● 2   │ Net out    ████▇▇▇▆▆▅▅  50 kB/s │
            │     ● web-01           │ Disk read  ▁▁▁▁▁▁▂▂▂▃▃▄  2 MB/s │
            ├ Tasks & log ───────────┴─────────────────────────────────┤
            │ No events yet                                            │
            │                                                          │
            │                                                          │
            │                                                          │
            │                                                          │
            └ g h hosts  g v VMs  / filter  : command  a actions ──────┘
            """))
    }

    @Test func haltedVMSaysWhyThereAreNoStats() throws {
        var state = try Self.state()
        let lines = AppFixture.screen(&state, keys: Self.keys(to: "db-old", in: state) + ["]"], width: 100, height: 30)
        #expect(state.selectedRow?.name == "db-old")
        #expect(lines.contains { $0.contains("No stats: the VM is halted.") })
    }

    /// `LANG=C`: the screen maps every cell to ASCII; the graph's levels stay readable.
    @Test func statsTabInASCII() throws {
        var state = try Self.state()
        let keymap = Keymap.builtInDefault
        let size = Size(width: 80, height: 30)
        state.fit(to: size, keymap: keymap)
        for key in Self.toWeb01 + ["]"] {
            state.press(key, keymap: keymap, at: AppFixture.time)
            state.fit(to: size, keymap: keymap)
        }
        let frame = AppView.render(state, keymap: keymap, theme: .builtInDark, size: size)
        let ascii = (0..<size.height).map { y in
            String((0..<size.width).map { ASCIIFallback.map(frame[$0, y]) }.joined().reversed().drop { $0 == " " }.reversed())
        }
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) })
        #expect(ascii == Self.lines("""
            + xentui -- prod > xcp-host-02 > web-01 ----------- 2 pools . 3 hosts . 9 VMs -+
            | v lab                    | web-01                   * Running on xcp-host-02 |
            |   v xcp-lab-01  * 1  o 1 | General  Stats  Network  Disks  Snapshots  Tasks  |
            |     * lab-vm-1 !pv       | 10 min  2 h  1 week  r switches                   |
            |     ? lab-vm-2 !pv       | CPU        97%  peak 97%                          |
            |   ? lab-vm-3             |     100% +                                  .*### |
            |   > Storage  1           |       0% +........-==++==-...  *####*=...-+###### |
            |   > Networks  0          | Memory     1.4 GiB  of 2 GiB                      |
            | v prod                   |    2 GiB +.--====--....--====  -....--====--....- |
            |   v xcp-host-01  * 2     |      0 B +###################  ################## |
            |     * app-01 !pv         | Net in     150 kB/s  peak 300 kB/s                |
            |     * ????-?????? ?? !pv | 500 kB/s +          _._         _._          __   |
            |   v xcp-host-02  * 2     |    0 B/s +#*=.___-+#####=.___  #####+-___.=*####* |
            |     * web-01             | Net out    50 kB/s  peak 100 kB/s                 |
            |     * web-02 !pv         | 100 kB/s +*.       =###-       =*##+       .*##*. |
            |   o archive              |    0 B/s +###-__.=#######=___  ######+.__-*###### |
            |   o db-old               | Disk read  2 MB/s  peak 4 MB/s                    |
            |   > Storage  1           |   5 MB/s +   .=+=_       .=+=        _=+=.        |
            |   > Networks  1          |    0 B/s +.=######*-___=#####  -___-*######=.__.+ |
            |                          | Disk write 500 kB/s  peak 1 MB/s                  |
            |                          |   1 MB/s +*.       =###-       =*##+       .*##*. |
            |                          |    0 B/s +###-__.=#######=___  ######+.__-*###### |
            |                          |          +-10m---------------5m---------------now |
            + Tasks & log -------------+---------------------------------------------------+
            | No events yet                                                                |
            |                                                                              |
            |                                                                              |
            |                                                                              |
            |                                                                              |
            + g h hosts  g v VMs  / filter  : command  a actions  ? help  q quit ----------+
            """))
    }

    /// The graph's cells take the theme's usage roles: web-01's busy last minute is `usage.high`.
    @Test func graphColoursFollowUsage() throws {
        var state = try Self.state()
        let theme = Theme.builtInDark
        let keymap = Keymap.builtInDefault
        let size = Size(width: 100, height: 40)
        state.fit(to: size, keymap: keymap)
        for key in Self.toWeb01 + ["]"] {
            state.press(key, keymap: keymap, at: AppFixture.time)
            state.fit(to: size, keymap: keymap)
        }
        let frame = AppView.render(state, keymap: keymap, theme: theme, size: size)
        var styles: Set<CellStyle> = []
        for y in 0..<size.height {
            for x in 0..<size.width where ["█", "▇", "▆", "▅", "▄", "▃", "▂", "▁"].contains(frame[x, y].grapheme) {
                styles.insert(frame[x, y].style)
            }
        }
        #expect(styles.contains(theme.style(.usageHigh)))
        #expect(styles.contains(theme.style(.usageLow)))
        #expect(styles.isSubset(of: [theme.style(.usageLow), theme.style(.usageMid), theme.style(.usageHigh)]))
    }

    /// Only the hosts on screen are polled: the selection's, and with `S` those of visible rows.
    @Test func statsHostsAreTheOnesOnScreen() throws {
        var state = try Self.state()
        _ = AppFixture.screen(&state, keys: Self.toWeb01, width: 80, height: 24)
        #expect(state.statsHosts(treeHeight: state.pageSize).map(\.uuid) == ["host-02"])
        _ = AppFixture.screen(&state, keys: ["S"], width: 80, height: 24)
        // Every host row is visible at 80×24 (lab's host has no uuid in the fixture).
        #expect(Set(state.statsHosts(treeHeight: state.pageSize).map(\.uuid)) == ["", "host-01", "host-02"])
        // A tree 2 rows tall, scrolled to web-01 (xcp-host-02, web-01): only web-01's host.
        #expect(state.statsHosts(treeHeight: 2).map(\.uuid) == ["host-02"])
        // Sparklines off: the selection's host only.
        _ = AppFixture.screen(&state, keys: ["S"], width: 80, height: 24)
        #expect(state.statsHosts(treeHeight: state.pageSize).map(\.uuid) == ["host-02"])
    }

    /// A VM that is gone from the inventory loses its series at the next update.
    @Test func statsOfObjectsThatAreGoneAreForgotten() throws {
        var state = try Self.state()
        let legend = [RRDLegendEntry(consolidation: "AVERAGE", objectClass: "vm", uuid: "vm-destroyed", name: "cpu0")]
        let updates = RRDUpdates(start: 0, step: 5, end: Self.end, legend: legend, rows: [RRDRow(time: Self.end, values: [0.5])])
        state.applyStats(.updated(StatsHost(pool: "prod", uuid: "host-02"), .tenMinutes, updates))
        #expect(state.stats.object(pool: "prod", uuid: "vm-destroyed") == nil)
        #expect(state.stats.object(pool: "prod", uuid: "vm-web-01") != nil)
    }

    /// The longer ranges are fetched only while the Stats tab shows them.
    @Test func longerRangesOnlyForTheStatsTab() throws {
        var state = try Self.state()
        let host02 = StatsHost(pool: "prod", uuid: "host-02", address: "10.0.4.12", isMaster: true)
        _ = AppFixture.screen(&state, keys: Self.toWeb01, width: 80, height: 24)
        #expect(state.statsWanted(treeHeight: state.pageSize) == [host02: [.tenMinutes]])
        _ = AppFixture.screen(&state, keys: ["]", "r"], width: 80, height: 24)
        #expect(state.statsWanted(treeHeight: state.pageSize) == [host02: [.tenMinutes, .twoHours]])
        _ = AppFixture.screen(&state, keys: ["["], width: 80, height: 24)
        #expect(state.statsWanted(treeHeight: state.pageSize) == [host02: [.tenMinutes]])
    }

    /// A pool's General tab shows the total of all its hosts, so all of them are polled, even
    /// those whose rows are off screen or folded.
    @Test func aSelectedPoolPollsEveryHost() throws {
        var state = try Self.state()
        _ = AppFixture.screen(&state, keys: Self.keys(to: "prod", in: state) + ["h"], width: 80, height: 24)
        let wanted = state.statsWanted(treeHeight: state.pageSize)
        #expect(Set(wanted.keys.filter { $0.pool == "prod" }.map(\.uuid)) == ["host-01", "host-02"])
        #expect(wanted.values.allSatisfy { $0 == [.tenMinutes] })
    }
}
