import Foundation
import Inventory
import XAPI

/// Scenarios 5 (second part) and 6, on the real `xentui` over `pools` × `vmsPerPool` VMs on a
/// 200×50 pseudo-terminal, once every pool is live: resident memory; bytes written to the
/// terminal per cursor move (and the time to the first of them); the time from a rename in the
/// simulator to the new name on screen; CPU used while idle.
struct FootprintScenario {
    var pools: Int
    var vmsPerPool: Int
    var hosts: Int
    var moves: Int
    var renames: Int
    var idleSeconds: Double
    var idleRuns: Int

    func run() async throws -> [Figure] {
        progress("footprint: starting xapi-sim with \(pools) pools of \(vmsPerPool) VMs")
        let simulator = try SimulatorProcess(pools: pools, arguments: ["--hosts", "\(hosts)", "--vms", "\(vmsPerPool)"])
        defer { simulator.stop() }
        let home = try XentuiHome(urls: simulator.urls)
        defer { home.remove() }
        home.startRun()
        let terminal = try TerminalProcess(arguments: [], environment: home.environment)
        defer { terminal.quit() }
        guard home.frameTime("live", timeout: 600) != nil else { throw BenchError.failed("xentui did not get every pool live within 600 s") }
        try await Task.sleep(for: .seconds(2))
        let vms = pools * vmsPerPool
        let size = "real xentui, \(pools) pools × \(Measured.format(Double(vmsPerPool))) VMs, 200×50 pty"

        progress("footprint: resident memory")
        var rss: [Double] = []
        for _ in 0..<5 {
            if let bytes = ProcessStats.residentBytes(terminal.pid) { rss.append(bytes / 1e6) }
            try await Task.sleep(for: .milliseconds(200))
        }
        let peak = ProcessStats.residentBytes(terminal.pid, peak: true).map { $0 / 1e6 } ?? .nan

        progress("footprint: bytes per cursor move")
        var bytes: [Double] = []
        var firstByte: [Double] = []
        for key in ["j", "k"] {
            for _ in 0..<moves {
                let before = terminal.byteCount
                let sent = now()
                terminal.send(key)
                let (first, end) = terminal.waitForQuiet(after: before, quiet: 0.15, timeout: 3)
                bytes.append(Double(end - before))
                if let first { firstByte.append((first - sent) * 1000) }
            }
        }

        progress("footprint: change in the simulator → row on screen")
        let latencies = try await renameLatencies(terminal: terminal, url: simulator.urls[0])

        var idle: [Double] = []
        for run in 1...idleRuns {
            progress("footprint: idle CPU, run \(run) of \(idleRuns) (\(Int(idleSeconds)) s)")
            try await Task.sleep(for: .seconds(2))
            guard let before = ProcessStats.cpuSeconds(terminal.pid) else { break }
            let start = now()
            try await Task.sleep(for: .seconds(idleSeconds))
            guard let after = ProcessStats.cpuSeconds(terminal.pid) else { break }
            idle.append((after - before) / (now() - start) * 100)
        }
        return [
            Figure(id: "footprint.rss", title: "resident memory at \(Measured.format(Double(vms))) VMs", unit: "MB", goal: .atMost(150),
                   samples: rss, note: "\(size), VmRSS once all are live (peak VmHWM \(Measured.format(peak)) MB); samples of one process"),
            Figure(id: "footprint.idle_cpu", title: "idle CPU over \(Int(idleSeconds)) s", unit: "%", goal: .atMost(0.5), samples: idle,
                   note: "\(size), utime+stime over each window, nothing changing in the simulator"),
            Figure(id: "footprint.bytes_per_move", title: "terminal bytes per cursor move", unit: "bytes", goal: .atMost(200),
                   samples: bytes, note: "\(size), \(moves) × j then \(moves) × k, bytes ncurses wrote per key"),
            Figure(id: "keys.pty.first_byte", title: "cursor move, key to first byte on the pty", unit: "ms", samples: firstByte,
                   note: "the same keys, end to end through the real binary (key decoding, reducer, render, ncurses)"),
            Figure(id: "events.latency", title: "change in simulator → row on screen", unit: "ms", goal: .atMost(100),
                   samples: latencies, note: "\(size): VM.set_name_label by another client → the new name written to the pty"),
        ]
    }

    /// Renames one VM shown near the top of the tree (a running VM of the first pool's first host,
    /// renamed to sort first) and times each rename until the new name reaches the terminal.
    private func renameLatencies(terminal: TerminalProcess, url: String) async throws -> [Double] {
        let session = try XAPISession(url: url, user: SimulatorProcess.user, password: .value(SimulatorProcess.password))
        try await session.login()
        defer { Task { await session.logout() } }
        let hosts = try await session.getAllRecords(HostRecord.self)
        let vms = try await session.getAllRecords(VMRecord.self)
        let firstHost = InventoryTree.sorted(Array(hosts.keys), name: { hosts[$0]?.name_label ?? "" }).first
        guard let (ref, _) = vms.first(where: { _, vm in
            vm.power_state == .running && !vm.is_control_domain && !vm.is_a_template && vm.resident_on == firstHost
        }) else { throw BenchError.failed("no running VM on the first host to rename") }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var latencies: [Double] = []
        // The first rename moves the VM to the top of its host; it is not timed.
        for index in 0...renames {
            // Every letter differs from the last name's at the same place, so the whole name is redrawn.
            let word = String((0..<10).map { letters[(index + $0) % letters.count] })
            let offset = terminal.byteCount
            let start = now()
            _ = try await session.call("VM.set_name_label", [.string(ref.rawValue), .string("!" + word)])
            guard let seen = terminal.waitFor(word, after: offset, timeout: 10) else {
                throw BenchError.failed("the renamed VM (\(word)) did not appear on screen within 10 s")
            }
            if index > 0 { latencies.append((seen - start) * 1000) }
            try await Task.sleep(for: .milliseconds(300))
        }
        return latencies
    }
}
