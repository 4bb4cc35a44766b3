import Foundation

/// Scenario 3: process start to the first complete frame of the real `xentui` at `vms` VMs, on a
/// pseudo-terminal. Cold: no cache. Warm: started again after a run that quit (and so saved the
/// cache). The frame time is xentui's own (`XENTUI_FIRST_FRAME_FILE`, see FirstFrameProbe),
/// written once the frame that shows every pool (live, or from the cache) has been drawn.
struct StartScenario {
    var vms: Int
    var hosts: Int
    var runs: Int

    func run() throws -> [Figure] {
        progress("start: starting xapi-sim with one pool of \(vms) VMs")
        let simulator = try SimulatorProcess(pools: 1, arguments: ["--hosts", "\(hosts)", "--vms", "\(vms)"])
        defer { simulator.stop() }
        let home = try XentuiHome(urls: simulator.urls)
        defer { home.remove() }
        var cold: [Double] = []
        var warm: [Double] = []
        var warmLive: [Double] = []
        var fromCache = true
        for run in 1...runs {
            progress("start: run \(run) of \(runs), cold then warm")
            try home.clearCache()
            cold.append(try startOnce(home).complete)
            let (complete, live) = try startOnce(home)
            warm.append(complete)
            if let live { warmLive.append(live) }
            if let live, live <= complete { fromCache = false }
        }
        let what = "real xentui on a 200×50 pty, 1 pool of \(Measured.format(Double(vms))) VMs"
        return [
            Figure(id: "start.cold", title: "cold start to first full frame, \(Measured.format(Double(vms))) VMs", unit: "ms",
                   goal: .atMost(1000), samples: cold, note: "\(what), no cache: process start → first frame with the pool live"),
            Figure(id: "start.warm", title: "warm start from cache to first full frame", unit: "ms", goal: .atMost(150), samples: warm,
                   note: fromCache ? "\(what), from the inventory cache (stale until the live load)"
                       : "\(what); the first full frame was NOT drawn from the cache"),
            Figure(id: "start.warm.live", title: "warm start to every pool live", unit: "ms", samples: warmLive,
                   note: "the same warm runs, until the live load replaced the cached inventory on screen"),
        ]
    }

    /// One start: milliseconds to the first complete frame and to the first live one.
    private func startOnce(_ home: XentuiHome) throws -> (complete: Double, live: Double?) {
        home.startRun()
        let terminal = try TerminalProcess(arguments: [], environment: home.environment)
        defer { terminal.quit() }
        guard let complete = home.frameTime("complete", timeout: 300) else {
            throw BenchError.failed("xentui drew no complete frame within 300 s")
        }
        let live = home.frameTime("live", timeout: 300)
        return (Double(complete - terminal.startedAt) / 1e6, live.map { Double($0 - terminal.startedAt) / 1e6 })
    }
}
