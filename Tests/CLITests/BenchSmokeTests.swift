import Foundation
import TestSupport
import Testing

/// `make bench` is not part of `make test`; this runs the bench program at tiny sizes, so that
/// it cannot rot: every scenario must measure every one of its figures. About 25 s on an idle
/// machine (debug build: xentui starts three times, the simulator four).
@Suite(.timeLimit(.minutes(3)))
struct BenchSmokeTests {
    /// Every figure the full run reports (the table of issue 5 and the rows that explain it).
    static let expectedFigures = [
        "decode.xmlrpc", "decode.jsonrpc", "decode.xmlrpc.records", "decode.jsonrpc.records", "sim.encode.xmlrpc", "sim.encode.jsonrpc",
        "load.xentui.xmlrpc", "load.xentui.jsonrpc", "load.python", "load.ratio", "load.pools",
        "start.cold", "start.warm", "start.warm.live", "keys.p99", "keys.p50", "keys.filter.p99", "keys.move.p99", "keys.page.p99",
        "keys.fold.p99", "events.applied", "events.initial", "sim.churn", "events.latency",
        "footprint.rss", "footprint.idle_cpu", "footprint.bytes_per_move", "keys.pty.first_byte",
    ]

    struct Report: Decodable {
        struct Figure: Decodable {
            var id: String
            var samples: [Double]
        }
        var figures: [Figure]
        var failures: [String]
    }

    @Test func smokeRunMeasuresEveryFigure() async throws {
        let folder = try TemporaryFolder.make()
        let json = folder + "/results.json"
        let python = BuildPaths.venvPython?.path ?? folder + "/no-python"
        let result = try await offPool {
            try Self.run(BuildPaths.executable("xentui-bench"), ["--smoke", "--json", json, "--python", python], timeout: 150)
        }
        #expect(result.status == 0, "xentui-bench --smoke failed:\n\(result.output.suffix(3000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report.failures.isEmpty)
        let measured = Dictionary(report.figures.map { ($0.id, $0.samples) }, uniquingKeysWith: { first, _ in first })
        let pythonRows: Set = ["load.python", "load.ratio"]
        for id in Self.expectedFigures where BuildPaths.venvPython != nil || !pythonRows.contains(id) {
            #expect(!(measured[id] ?? []).isEmpty, "figure \(id) has no sample")
        }
        #expect(result.output.contains("keystroke to frame"), "the table is printed")
    }

    /// Runs the bench from the package root (it reads bench/), killed after `timeout` seconds.
    /// Output goes to a file, not a pipe: a simulator left behind by a killed bench cannot hold it open.
    static func run(_ executable: URL, _ arguments: [String], timeout: Double) throws -> (status: Int32, output: String) {
        let log = try TemporaryFolder.make() + "/bench.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = BuildPaths.packageRoot
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}
