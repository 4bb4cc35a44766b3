import Foundation
import TestSupport
import Testing

/// Issue 6, security: the password never leaks. A real simulator with a distinctive password;
/// xentui gets it through `--password-env`, `--password-file` and the config's
/// `password_command`, logs in with a wrong one, runs actions that work and one that fails, and
/// runs its UI in tmux. Then every file it wrote, every output, every screen and the command
/// lines of xentui and of the password command are searched for both passwords; and the files
/// it wrote are 0600 in folders that are 0700.
@Suite("Password never leaks", .serialized, .ownThread, .timeLimit(.minutes(1)))
struct PasswordLeakTests {
    static let secret = "S3cr3t-Pa55-xyzzy"
    static let wrong = "Wr0ng-Pa55-plugh"

    /// Where xentui keeps its files in this test (everything under `root`), and the secrets
    /// given to it, kept outside `root` so that searching `root` means something.
    struct Scratch {
        let root: String
        let secrets: String
        var passwordFile: String { secrets + "/password" }
        var passwordCommand: String { secrets + "/print-password.sh" }
        /// The password command appends its own command line, its parent's and xentui's here.
        var commandLines: String { secrets + "/command-lines" }
        var configFile: String { root + "/config/xentui/config.toml" }

        var environment: [String: String] {
            [
                "XDG_CONFIG_HOME": root + "/config", "XDG_STATE_HOME": root + "/state", "XDG_CACHE_HOME": root + "/cache",
                "XENTUI_STATE_DIR": root + "/xentui-state", "XENTUI_TEST_PASSWORD": PasswordLeakTests.secret,
                "XENTUI_WRONG_PASSWORD": PasswordLeakTests.wrong, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            ]
        }

        static func make(url: String) throws -> Scratch {
            let scratch = Scratch(root: try TemporaryFolder.make(), secrets: try TemporaryFolder.make())
            let files = FileManager.default
            try files.createDirectory(atPath: scratch.root + "/config/xentui", withIntermediateDirectories: true)
            for folder in [scratch.root, scratch.root + "/config", scratch.root + "/config/xentui", scratch.secrets] {
                chmod(folder, 0o700)
            }
            try (PasswordLeakTests.secret + "\n").write(toFile: scratch.passwordFile, atomically: false, encoding: .utf8)
            chmod(scratch.passwordFile, 0o600)
            let script = """
                #!/bin/sh
                # Its own command line, its parent's (xentui's `sh -c`) and xentui's.
                grandparent=$(cut -d' ' -f4 /proc/$PPID/stat)
                for pid in $$ $PPID $grandparent; do tr '\\0' ' ' </proc/$pid/cmdline; echo; done >>'\(scratch.commandLines)'
                printf '%s\\n' '\(PasswordLeakTests.secret)'

                """
            try script.write(toFile: scratch.passwordCommand, atomically: false, encoding: .utf8)
            chmod(scratch.passwordCommand, 0o700)
            let config = """
                [[pool]]
                name = "lab"
                url = "\(url)"
                user = "root"
                password_command = "\(scratch.passwordCommand)"

                """
            try config.write(toFile: scratch.configFile, atomically: false, encoding: .utf8)
            chmod(scratch.configFile, 0o600)
            return scratch
        }
    }

    @Test func noFileOutputScreenOrCommandLineHoldsThePassword() async throws {
        let sim = try await offPool {
            try SimProcess(arguments: ["--vms", "12", "--seed", "5", "--op-seconds", "0.2", "--password", Self.secret])
        }
        defer { sim.stop() }
        let url = try #require(sim.urls.first)
        let scratch = try Scratch.make(url: url)
        let raw = try await offPool { try RawPool(url: url, password: Self.secret) }
        let guests = try raw.allRecords("VM").filter { _, vm in
            vm["is_a_template"] as? Bool == false && vm["is_control_domain"] as? Bool == false && vm["is_a_snapshot"] as? Bool == false
        }
        func named(_ power: String) throws -> String {
            let names = guests.values.filter { $0["power_state"] as? String == power }.compactMap { $0["name_label"] as? String }.sorted()
            return try #require(names.first, "no \(power) VM")
        }
        let halted = try named("Halted")
        let running = try named("Running")

        var outputs: [String] = []
        func xentui(_ arguments: [String]) async throws -> Xentui.Output {
            let output = try await Xentui.run(arguments, environment: scratch.environment)
            outputs.append(output.all)
            return output
        }
        let byEnvironment = ["--url", url, "--password-env", "XENTUI_TEST_PASSWORD"]
        let byFile = ["--url", url, "--password-file", scratch.passwordFile]

        var run = try await xentui(["ls"] + byEnvironment)
        #expect(run.status == 0, "\(run.all)")
        run = try await xentui(["ls", "--class", "vm", "--format", "json"] + byFile)
        #expect(run.status == 0, "\(run.all)")
        run = try await xentui(["ls", "--pool", "lab"])
        #expect(run.status == 0 && run.stdout.contains(halted), "password_command: \(run.all)")
        run = try await xentui(["ls", "--url", url, "--password-env", "XENTUI_WRONG_PASSWORD"])
        #expect(run.status != 0, "a wrong password must fail: \(run.all)")
        run = try await xentui(["vm", "start", halted, "--wait"] + byFile)
        #expect(run.status == 0, "\(run.all)")
        run = try await xentui(["vm", "suspend", halted, "--pool", "lab", "--wait"])
        #expect(run.status == 0, "\(run.all)")
        run = try await xentui(["vm", "start", halted, "--wait"] + byEnvironment)
        #expect(run.status != 0, "starting a suspended VM is refused: \(run.all)")
        run = try await xentui(["vm", "migrate", running, "--to", "no-such-host"] + byEnvironment)
        #expect(run.status != 0, "\(run.all)")
        run = try await xentui(["log"])
        #expect(run.status == 0 && run.stdout.contains(halted), "\(run.all)")
        run = try await xentui(["log", "--json"])
        #expect(run.status == 0, "\(run.all)")

        let (screens, xentuiCommandLine) = try await offPool { try Self.runTheUI(scratch, failing: running) }
        #expect(screens.contains("1 pool"), "the UI never showed the pool:\n\(screens)")
        outputs.append(screens)

        // The password command ran, and neither it nor xentui had a password in its command line.
        let commandLines = (try? String(contentsOfFile: scratch.commandLines, encoding: .utf8)) ?? ""
        #expect(commandLines.contains("print-password.sh"), "the password command never ran")
        #expect(commandLines.contains("/xentui "), "xentui's command line was not read by the password command: \(commandLines)")
        #expect(xentuiCommandLine.contains("/xentui --pool lab"), "no command line read for the UI's xentui: \(xentuiCommandLine)")
        for (what, text) in [("command lines of the password command", commandLines), ("xentui's command line", xentuiCommandLine)] {
            #expect(!text.contains(Self.secret) && !text.contains(Self.wrong), "\(what): \(text)")
        }

        for (index, output) in outputs.enumerated() {
            #expect(!output.contains(Self.secret) && !output.contains(Self.wrong), "output \(index) holds a password:\n\(output)")
        }

        // Every file under the scratch folder: none holds a password; files 0600, folders 0700.
        let written = try Self.walk(scratch.root)
        let names = written.files.map { String($0.dropFirst(scratch.root.count)) }
        #expect(names.contains("/xentui-state/log.jsonl"), "no log file among \(names)")
        #expect(names.contains { $0.hasPrefix("/cache/") }, "no inventory cache among \(names)")
        for file in written.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.secret) && !text.contains(Self.wrong), "\(file) holds a password")
            #expect(Self.mode(file) == 0o600, "\(file) is \(String(Self.mode(file), radix: 8)), not 600")
        }
        for folder in written.folders {
            #expect(Self.mode(folder) == 0o700, "\(folder) is \(String(Self.mode(folder), radix: 8)), not 700")
        }
        try? FileManager.default.removeItem(atPath: scratch.root)
        try? FileManager.default.removeItem(atPath: scratch.secrets)
    }

    /// xentui's UI in tmux on the config's pool (password from `password_command`) for a few
    /// seconds, with a `:vm start` that fails; returns every screen seen and xentui's command line.
    static func runTheUI(_ scratch: Scratch, failing running: String) throws -> (screens: String, commandLine: String) {
        guard TmuxSession.isAvailable else {
            Issue.record("tmux is not installed (make test installs it)")
            return ("", "")
        }
        let xentui = BuildPaths.executable("xentui").path
        let tmux = try TmuxSession(command: "\(xentui) --pool lab; echo XENTUI-EXIT=$?; sleep 60", environment: scratch.environment)
        defer { tmux.stop() }
        var screens: [String] = []
        let loaded = try tmux.waitForScreen { $0.contains("1 pool") && $0.contains("▾") }
        screens.append(loaded.screen)
        let commandLine = try Self.childCommandLine(of: tmux)
        try tmux.send(":")
        try tmux.type("vm start \(running)")
        try tmux.send("Enter")
        let failed = try tmux.waitForScreen(timeout: 10) { $0.contains("start") && $0.contains(running) }
        screens.append(failed.screen)
        try tmux.send("g", "l")
        usleep(500_000)
        screens.append(try tmux.screen())
        try tmux.send("Escape")
        screens.append(try tmux.quit())
        return (screens.joined(separator: "\n"), commandLine)
    }

    /// The command line of the process the tmux pane's shell runs (xentui), NULs as spaces.
    static func childCommandLine(of tmux: TmuxSession) throws -> String {
        let shell = try tmux.tmux(["list-panes", "-t", "0", "-F", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        var lines: [String] = []
        for child in children.split(separator: " ") {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(child)/cmdline"))) ?? Data()
            lines.append(String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self))
        }
        return lines.joined(separator: "\n")
    }

    static func walk(_ root: String) throws -> (files: [String], folders: [String]) {
        var files: [String] = []
        var folders: [String] = []
        let manager = FileManager.default
        for relative in try manager.subpathsOfDirectory(atPath: root) {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { folders.append(path) } else { files.append(path) }
        }
        return (files, folders)
    }

    static func mode(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return -1 }
        return Int(info.st_mode) & 0o777
    }
}
