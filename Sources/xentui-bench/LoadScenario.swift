import Foundation
import Inventory
import XAPI

/// Scenario 2: one pool of `vms` VMs loaded by xentui's client and by the official Python
/// `XenAPI` client, one after the other on the same simulator, in the same run: log in, then
/// `get_all_records` of the 11 classes the issue lists, one call after the other.
struct LoadScenario {
    var vms: Int
    var hosts: Int
    var runs: Int
    /// `.venv/bin/python` with the `XenAPI` package; nil leaves the Python rows unmeasured.
    var python: String?
    var pythonScript: String

    func run() async throws -> [Figure] {
        progress("load: starting xapi-sim with one pool of \(vms) VMs")
        let simulator = try SimulatorProcess(pools: 1, arguments: ["--hosts", "\(hosts)", "--vms", "\(vms)"])
        defer { simulator.stop() }
        guard let url = simulator.urls.first else { throw BenchError.failed("xapi-sim gave no URL") }
        var xml: [Double] = []
        var json: [Double] = []
        var python: [Double] = []
        var ratios: [Double] = []
        var records = 0
        var pythonProblem: String?
        // Warm-up: the simulator's first answers and the connection setup are not measured.
        _ = try await loadOnce(url: url, wire: .xmlrpc)
        for run in 1...runs {
            progress("load: run \(run) of \(runs)")
            let (xmlSeconds, count) = try await loadOnce(url: url, wire: .xmlrpc)
            records = count
            xml.append(xmlSeconds)
            json.append(try await loadOnce(url: url, wire: .jsonrpc).seconds)
            if pythonProblem == nil {
                do {
                    let seconds = try pythonLoad(url: url)
                    python.append(seconds)
                    ratios.append(seconds / xmlSeconds)
                } catch {
                    pythonProblem = "\(error)"
                    progress("load: the Python client did not run: \(error)")
                }
            }
        }
        let what = "1 pool, \(vms) VMs, 11 classes, \(records) records"
        return [
            Figure(id: "load.xentui.xmlrpc", title: "load, xentui client, XML-RPC", unit: "s", samples: xml,
                   note: "\(what): login + get_all_records, decoded into typed records"),
            Figure(id: "load.xentui.jsonrpc", title: "load, xentui client, JSON-RPC", unit: "s", samples: json,
                   note: "the same over JSON-RPC (what xentui picks by default)"),
            Figure(id: "load.python", title: "load, Python XenAPI client", unit: "s", samples: python,
                   note: pythonProblem.map { "not measured: \($0)" } ?? "\(what), XML-RPC (the client's only wire), interpreter start not counted"),
            Figure(id: "load.ratio", title: "load vs Python XenAPI, 1 pool of \(Measured.format(Double(vms))) VMs", unit: "× faster",
                   goal: .atLeast(20), samples: ratios,
                   note: "Python time / xentui XML-RPC time, per run (same simulator, same run, same wire)"),
        ]
    }

    static let recordClasses = ["pool", "host", "VM", "VM_metrics", "VM_guest_metrics", "SR", "VDI", "VBD", "VIF", "network", "PIF"]

    /// Logs in and fetches the 11 classes into typed records; the seconds taken and the record count.
    private func loadOnce(url: String, wire: XAPIProtocolPreference) async throws -> (seconds: Double, records: Int) {
        let session = try XAPISession(url: url, user: SimulatorProcess.user, password: .value(SimulatorProcess.password),
                                      options: XAPISessionOptions(protocolPreference: wire))
        let start = now()
        try await session.login()
        var count = try await session.getAllRecords(PoolRecord.self).count
        count += try await session.getAllRecords(HostRecord.self).count
        count += try await session.getAllRecords(VMRecord.self).count
        count += try await session.getAllRecords(VMMetricsRecord.self).count
        count += try await session.getAllRecords(VMGuestMetricsRecord.self).count
        count += try await session.getAllRecords(SRRecord.self).count
        count += try await session.getAllRecords(VDIRecord.self).count
        count += try await session.getAllRecords(VBDRecord.self).count
        count += try await session.getAllRecords(VIFRecord.self).count
        count += try await session.getAllRecords(NetworkRecord.self).count
        count += try await session.getAllRecords(PIFRecord.self).count
        let seconds = now() - start
        await session.logout()
        return (seconds, count)
    }

    private func pythonLoad(url: String) throws -> Double {
        guard let python else { throw BenchError.failed("no .venv/bin/python (run Scripts/install-deps.sh)") }
        // Blocks this thread while Python runs: nothing else of the bench runs meanwhile.
        let result = try runProgram(python, [pythonScript, url, SimulatorProcess.user, SimulatorProcess.password], timeout: 600)
        struct Reply: Decodable { var seconds: Double }
        guard result.status == 0, let line = result.output.split(separator: "\n").last,
            let reply = try? JSONDecoder().decode(Reply.self, from: Data(line.utf8))
        else { throw BenchError.failed("load_python.py exited \(result.status): \(result.output.prefix(200))") }
        return reply.seconds
    }
}
