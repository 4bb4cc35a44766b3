import TestSupport
import Foundation

/// Runs the real `xentui` binary off the cooperative pool, with a private config folder so
/// that the user's own config never leaks into a test.
enum Xentui {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + stderr }
    }

    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], program: String? = nil
    ) async throws -> Output {
        let home = try TemporaryFolder.make()
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home + "/config"
        environment["XDG_STATE_HOME"] = home + "/state"
        environment["XDG_CACHE_HOME"] = home + "/cache"
        environment.removeValue(forKey: "XENTUI_STATE_DIR")
        for (key, value) in extra { environment[key] = value }
        let finalEnvironment = environment
        let result = try await offPool {
            try runProgram(program.map(URL.init(fileURLWithPath:)) ?? BuildPaths.executable("xentui"), arguments, environment: finalEnvironment)
        }
        return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Runs a shell command line on a pseudo-terminal (util-linux `script`), typing `answer`
    /// and a newline; its output is the terminal's (standard output and error together).
    static func runOnTerminal(_ command: String, answer: String, environment extra: [String: String]) async throws -> Output {
        try await run(["-c", "printf '\(answer)\\n' | script -qec \"\(command)\" /dev/null"], environment: extra, program: "/bin/sh")
    }

    /// Parses `ls --format json` output into records.
    static func records(_ output: Output) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        guard let array = parsed as? [[String: Any]] else { throw RawRPCError("not a JSON array of objects: \(output.stdout.prefix(200))") }
        return array
    }
}

enum TemporaryFolder {
    static func make() throws -> String {
        let path = NSTemporaryDirectory() + "xentui-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

struct RawRPCError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The simulator's data read independently of xentui's client: JSON-RPC 2.0 over `curl`.
struct RawPool {
    let url: String
    let session: String

    init(url: String, user: String = "root", password: String = "password") throws {
        self.url = url
        guard let ref = try Self.call(url: url, "session.login_with_password", [user, password]) as? String else {
            throw RawRPCError("login gave no session ref")
        }
        session = ref
    }

    func allRecords(_ className: String) throws -> [String: [String: Any]] {
        guard let records = try Self.call(url: url, className + ".get_all_records", [session]) as? [String: [String: Any]] else {
            throw RawRPCError("\(className).get_all_records gave no records")
        }
        return records
    }

    static func call(url: String, _ method: String, _ params: [Any]) throws -> Any {
        let body = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "method": method, "params": params, "id": 1])
        let result = try runProgram(
            URL(fileURLWithPath: "/usr/bin/curl"),
            ["-s", "-S", "--max-time", "60", "-X", "POST", "-H", "Content-Type: application/json",
             "--data-binary", String(decoding: body, as: UTF8.self), url + "/jsonrpc"])
        guard result.status == 0 else { throw RawRPCError("curl failed: \(result.stderr)") }
        guard let reply = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw RawRPCError("not a JSON-RPC reply: \(result.stdout.prefix(200))")
        }
        if let error = reply["error"] { throw RawRPCError("\(method) failed: \(error)") }
        return reply["result"] as Any
    }

    /// The real VMs (no templates, dom0s or snapshots) by uuid: name, power state, pool and host names.
    func expectedVMs() throws -> [String: VMFacts] {
        let pools = try allRecords("pool")
        let hosts = try allRecords("host")
        let poolName = pools.values.first?["name_label"] as? String ?? ""
        var result: [String: VMFacts] = [:]
        for vm in try allRecords("VM").values {
            if vm["is_a_template"] as? Bool == true || vm["is_control_domain"] as? Bool == true
                || vm["is_a_snapshot"] as? Bool == true { continue }
            let resident = vm["resident_on"] as? String ?? ""
            let host = hosts[resident]?["name_label"] as? String
            result[vm["uuid"] as? String ?? ""] = VMFacts(
                name: vm["name_label"] as? String ?? "", power: vm["power_state"] as? String ?? "", pool: poolName, host: host)
        }
        return result
    }
}

struct VMFacts: Equatable, CustomStringConvertible {
    var name: String
    var power: String
    var pool: String
    var host: String?

    init(name: String, power: String, pool: String, host: String?) {
        self.name = name
        self.power = power
        self.pool = pool
        self.host = host
    }

    /// From one element of `xentui ls --class vm --format json`.
    init(listed: [String: Any]) {
        self.init(name: listed["name_label"] as? String ?? "", power: listed["power_state"] as? String ?? "",
                  pool: listed["pool"] as? String ?? "", host: listed["host"] as? String)
    }

    var description: String { "\(name) \(power) \(pool)/\(host ?? "-")" }
}
