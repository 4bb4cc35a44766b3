import ArgumentParser
import Foundation
import Inventory

/// `xentui-bench`: the figures of issue 5, side by side with their goals (see BENCHMARKS.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xentui-bench",
        abstract: "Measures xentui against the figures of its performance goals (run by `make bench`).",
        discussion: """
            Starts xapi-sim (from the same build folder) as needed and prints one table: figure, goal, \
            median of the runs, spread, pass or gap. Run it from the package root (it uses \
            bench/load_python.py, .venv/bin/python and bench/notes/). Exits 1 when a scenario could not be \
            measured; a missed goal is a figure, not an error.
            """)

    static let scenarioNames = ["decode", "load", "pools", "start", "keys", "events", "footprint"]

    @Flag(help: "Tiny sizes and one run of each, to check the program works (make test runs it).") var smoke = false
    @Option(help: "Runs of each quick figure.") var runs = 5
    @Option(name: .customLong("slow-runs"), help: "Runs of the slow figures (loads, starts).") var slowRuns = 3
    @Option(help: "VMs of the one-pool figures (decode, load, start, events).") var vms = 10_000
    @Option(help: "Hosts of the one-pool figures.") var hosts = 16
    @Option(help: "Pools of the many-pool figures (20 pools, keys, footprint).") var pools = 20
    @Option(name: .customLong("pool-vms"), help: "VMs per pool of the many-pool figures.") var poolVMs = 1_000
    @Option(name: .customLong("pool-hosts"), help: "Hosts per pool of the many-pool figures.") var poolHosts = 3
    @Option(name: .customLong("idle-seconds"), help: "Length of each idle CPU window.") var idleSeconds = 60.0
    @Option(name: .customLong("idle-runs"), help: "Idle CPU windows.") var idleRuns = 3
    @Option(help: ArgumentHelp("Only these scenarios (comma-separated): \(scenarioNames.joined(separator: ", ")).", valueName: "list"))
    var only: String?
    @Option(help: "The Python with the XenAPI package.") var python = ".venv/bin/python"
    @Option(help: "Where to write the results as JSON.") var json: String?
    @Option(help: "Where to write the BENCHMARKS.md summary.") var markdown: String?
    @Option(help: "How the run was started, for the report.") var command = "xentui-bench"
    @Option(name: .customLong("report-from"), help: ArgumentHelp("Measure nothing: rewrite --markdown from these results (after editing bench/notes).", valueName: "json"))
    var reportFrom: String?

    func validate() throws {
        guard runs >= 1, slowRuns >= 1, idleRuns >= 1 else { throw ValidationError("--runs, --slow-runs and --idle-runs must be at least 1") }
        guard vms >= 1, hosts >= 1, pools >= 1, poolVMs >= 1, poolHosts >= 1 else { throw ValidationError("sizes must be at least 1") }
        guard idleSeconds > 0 else { throw ValidationError("--idle-seconds must be positive") }
        for name in selected where !Self.scenarioNames.contains(name) {
            throw ValidationError("unknown scenario \(name) (known: \(Self.scenarioNames.joined(separator: ", ")))")
        }
    }

    var selected: [String] {
        only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? Self.scenarioNames
    }

    func run() async throws {
        if let reportFrom {
            let report = try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: reportFrom)))
            print(report.table)
            if let markdown {
                try report.markdown(notes: BenchReport.notes(in: "bench/notes")).write(toFile: markdown, atomically: true, encoding: .utf8)
            }
            return
        }
        let sizes = smoke ? BenchSizes.smoke : BenchSizes(
            runs: runs, slowRuns: slowRuns, vms: vms, hosts: hosts, pools: pools, poolVMs: poolVMs, poolHosts: poolHosts,
            idleSeconds: idleSeconds, idleRuns: idleRuns, moves: 30, pages: 10, folds: 5, filterLength: .max, renames: 10,
            churnRate: 500, churnSeconds: 3)
        let loadBefore = BenchReport.loadAverage()
        var figures: [Figure] = []
        var failures: [String] = []
        func attempt(_ name: String, _ body: () async throws -> [Figure]) async {
            guard selected.contains(name) else { return }
            do {
                figures += try await body()
            } catch {
                progress("\(name): \(error)")
                failures.append("\(name): \(error)")
            }
        }
        let pythonPath = FileManager.default.isExecutableFile(atPath: python) ? python : nil
        await attempt("decode") { try DecodeScenario(vms: sizes.vms, hosts: sizes.hosts, runs: sizes.runs).run() }
        await attempt("load") {
            try await LoadScenario(vms: sizes.vms, hosts: sizes.hosts, runs: sizes.slowRuns, python: pythonPath,
                                   pythonScript: "bench/load_python.py").run()
        }
        var inventories: [PoolInventory] = []
        if selected.contains("pools") || selected.contains("keys") {
            do {
                let (figure, loaded) = try await MultiPoolScenario(pools: sizes.pools, vmsPerPool: sizes.poolVMs, hosts: sizes.poolHosts,
                                                                   runs: sizes.slowRuns).run()
                if selected.contains("pools") { figures.append(figure) }
                inventories = loaded
            } catch {
                progress("pools: \(error)")
                failures.append("pools: \(error)")
            }
        }
        await attempt("keys") {
            guard !inventories.isEmpty else { throw BenchError.failed("no inventories to draw (the pools load failed)") }
            return await MainActor.run { [inventories] in 
                KeysScenario(inventories: inventories, runs: sizes.runs, moves: sizes.moves, pages: sizes.pages, folds: sizes.folds,
                             filterLength: sizes.filterLength).run()
             }
        }
        inventories = []
        await attempt("start") { try StartScenario(vms: sizes.vms, hosts: sizes.hosts, runs: sizes.slowRuns).run() }
        await attempt("events") {
            try await EventsScenario(vms: sizes.vms, hosts: sizes.hosts, runs: sizes.runs, churnRate: sizes.churnRate,
                                     churnSeconds: sizes.churnSeconds).run()
        }
        await attempt("footprint") {
            try await FootprintScenario(pools: sizes.pools, vmsPerPool: sizes.poolVMs, hosts: sizes.poolHosts, moves: sizes.moves,
                                        renames: sizes.renames, idleSeconds: sizes.idleSeconds, idleRuns: sizes.idleRuns).run()
        }

        var machine = BenchReport.Machine.current(loadBefore: loadBefore)
        machine.loadAfter = BenchReport.loadAverage()
        let report = BenchReport(command: command, date: ISO8601DateFormatter().string(from: Date()), machine: machine,
                                 figures: figures, failures: failures)
        print(report.table)
        for failure in failures { print("not measured: \(failure)") }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
        }
        if let markdown {
            try report.markdown(notes: BenchReport.notes(in: "bench/notes")).write(toFile: markdown, atomically: true, encoding: .utf8)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

/// The sizes and run counts of one bench run.
struct BenchSizes {
    var runs: Int
    var slowRuns: Int
    var vms: Int
    var hosts: Int
    var pools: Int
    var poolVMs: Int
    var poolHosts: Int
    var idleSeconds: Double
    var idleRuns: Int
    var moves: Int
    var pages: Int
    var folds: Int
    var filterLength: Int
    var renames: Int
    var churnRate: Double
    var churnSeconds: Double

    /// Small enough for `make test` in a debug build: a few seconds per scenario.
    static let smoke = BenchSizes(runs: 1, slowRuns: 1, vms: 200, hosts: 2, pools: 2, poolVMs: 50, poolHosts: 1,
                                  idleSeconds: 1, idleRuns: 1, moves: 3, pages: 1, folds: 1, filterLength: 3, renames: 2,
                                  churnRate: 500, churnSeconds: 0.5)
}
