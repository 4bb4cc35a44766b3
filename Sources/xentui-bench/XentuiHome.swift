import Foundation

/// A throw-away home for the real `xentui`: a config listing the simulator's pools (password in
/// a 0600 file), and its own cache, state and config folders, so no user file is read or written.
struct XentuiHome {
    let root: String
    let frameFile: String

    init(urls: [String]) throws {
        root = NSTemporaryDirectory() + "xentui-bench-\(getpid())-\(UUID().uuidString.prefix(8))"
        frameFile = root + "/first-frame"
        let manager = FileManager.default
        for folder in ["config/xentui", "cache", "state"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let passwordFile = root + "/password"
        guard manager.createFile(atPath: passwordFile, contents: Data((SimulatorProcess.password + "\n").utf8),
                                 attributes: [.posixPermissions: 0o600])
        else { throw BenchError.failed("cannot write \(passwordFile)") }
        var config = ""
        for (index, url) in urls.enumerated() {
            config += "[[pool]]\nname = \"pool-\(index + 1)\"\nurl = \"\(url)\"\nuser = \"\(SimulatorProcess.user)\"\npassword_file = \"\(passwordFile)\"\n\n"
        }
        try config.write(toFile: root + "/config/xentui/config.toml", atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        [
            "HOME": root, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "XDG_CONFIG_HOME": root + "/config", "XDG_CACHE_HOME": root + "/cache", "XENTUI_STATE_DIR": root + "/state",
            "XENTUI_FIRST_FRAME_FILE": frameFile,
        ]
    }

    func clearCache() throws {
        try? FileManager.default.removeItem(atPath: root + "/cache")
        try FileManager.default.createDirectory(atPath: root + "/cache", withIntermediateDirectories: true)
    }

    /// The timestamp (ns) of an event line (`complete` or `live`) xentui wrote, waiting up to `timeout`.
    func frameTime(_ event: String, timeout: Double) -> Int64? {
        let deadline = now() + timeout
        while now() < deadline {
            if let text = try? String(contentsOfFile: frameFile, encoding: .utf8) {
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    if parts.count == 2, parts[0] == event, let value = Int64(parts[1]) { return value }
                }
            }
            // Coarse polling: the timestamp is xentui's own, and a busy poll would steal its CPU.
            usleep(20_000)
        }
        return nil
    }

    func startRun() { try? FileManager.default.removeItem(atPath: frameFile) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
