import Foundation
import TestSupport
import Testing

/// A `xapi-sim` process with a distinctive password, a private state folder for the log, and
/// `xentui vm` runs against it; the simulator's state is read back over raw JSON-RPC.
struct VMCommandFixture {
    static let secret = "Xq7-vm-S3cret-9931"

    let sim: SimProcess
    let url: String
    let raw: RawPool
    let state: String
    /// Every output of every run, to check that the password never appears.
    let outputs = OutputCollector()

    static func start(vms: Int = 16, seed: Int = 3) async throws -> VMCommandFixture {
        let sim = try await offPool {
            try SimProcess(arguments: [
                "--vms", String(vms), "--seed", String(seed), "--op-seconds", "0.2", "--password", secret,
            ])
        }
        let url = try #require(sim.urls.first)
        let raw = try await offPool { try RawPool(url: url, password: secret) }
        return VMCommandFixture(sim: sim, url: url, raw: raw, state: try TemporaryFolder.make() + "/state")
    }

    func stop() { sim.stop() }

    /// `xentui ARGS --url … --password-env …` with the log in the fixture's state folder.
    func xentui(_ arguments: [String], connect: Bool = true) async throws -> Xentui.Output {
        let connection = connect ? ["--url", url, "--password-env", "XENTUI_TEST_PASSWORD"] : []
        let output = try await Xentui.run(
            arguments + connection, environment: ["XENTUI_TEST_PASSWORD": Self.secret, "XENTUI_STATE_DIR": state])
        outputs.add(output.all)
        return output
    }

    /// Real VMs (no templates, dom0s or snapshots) by ref.
    func guests() throws -> [String: [String: Any]] {
        try raw.allRecords("VM").filter { _, vm in
            vm["is_a_template"] as? Bool == false && vm["is_control_domain"] as? Bool == false
                && vm["is_a_snapshot"] as? Bool == false
        }
    }

    /// A guest in `power` state, sorted by name so the choice is stable; `skipping` names taken.
    func guest(_ power: String, skipping: Set<String> = []) throws -> (ref: String, name: String, uuid: String) {
        let found = try guests().filter { $0.value["power_state"] as? String == power }
            .map { (ref: $0.key, name: $0.value["name_label"] as? String ?? "", uuid: $0.value["uuid"] as? String ?? "") }
            .filter { !skipping.contains($0.name) }
            .sorted { $0.name < $1.name }
        return try #require(found.first, "no \(power) VM left in the simulator")
    }

    func vm(_ ref: String) throws -> [String: Any]? { try raw.allRecords("VM")[ref] }

    func hosts() throws -> [String: [String: Any]] { try raw.allRecords("host") }

    /// A call through the raw client, e.g. another user changing the pool.
    func call(_ method: String, _ params: [Any]) throws {
        _ = try RawPool.call(url: url, method, [raw.session] + params)
    }

    var logPath: String { state + "/log.jsonl" }

    /// The log file's entries, as JSON objects.
    func logEntries() throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw RawRPCError("not a JSON object: \(line)")
            }
            return object
        }
    }

    func logText() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits (polling the simulator, which moves its tasks on at each call) until `check` holds.
    func eventually(_ check: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try check() { return true }
            usleep(50_000)
        }
        return false
    }
}

/// Collects text from several runs (the runs happen one after another).
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    func add(_ text: String) { lock.withLock { texts.append(text) } }
    var all: String { lock.withLock { texts.joined(separator: "\n") } }
}
