import Foundation
import TestSupport
import Testing

/// The real `xentui` binary in tmux against a real `xapi-sim` process: what a user sees.
@Suite("Interactive UI in tmux", .serialized, .ownThread)
struct InteractiveUITmuxTests {
    /// Starts a simulator and xentui on it in tmux; the password reaches xentui through the environment.
    private static func start(
        simArguments: [String] = ["--vms", "40", "--hosts", "2", "--seed", "11"], width: Int = 100, height: Int = 30,
        environment extra: [String: String] = [:]
    ) throws -> (SimProcess, TmuxSession) {
        let sim = try SimProcess(arguments: simArguments)
        do {
            return (sim, try xentui(on: sim, home: try TemporaryFolder.make(), width: width, height: height, environment: extra))
        } catch {
            sim.stop()
            throw error
        }
    }

    /// xentui in tmux on a running simulator, with its XDG folders in `home`.
    private static func xentui(
        on sim: SimProcess, home: String, width: Int = 100, height: Int = 30, environment extra: [String: String] = [:]
    ) throws -> TmuxSession {
        let xentui = BuildPaths.executable("xentui").path
        let command = "\(xentui) --url \(sim.urls[0]) --password-env XENTUI_TEST_PASSWORD; echo XENTUI-EXIT=$?; sleep 60"
        var environment = [
            "XENTUI_TEST_PASSWORD": "password", "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
            "XDG_CACHE_HOME": home + "/cache", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        ]
        environment.merge(extra) { $1 }
        return try TmuxSession(command: command, width: width, height: height, environment: environment)
    }

    private static func requireTmux() -> Bool {
        if !TmuxSession.isAvailable { Issue.record("tmux is not installed (make test installs it)") }
        return TmuxSession.isAvailable
    }

    @Test func aVMStartedByAnotherClientTurnsRunningOnScreen() throws {
        guard Self.requireTmux() else { return }
        let (sim, tmux) = try Self.start()
        defer {
            tmux.stop()
            sim.stop()
        }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool") && $0.contains("▾") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")

        let pool = try RawPool(url: sim.urls[0])
        let (ref, name) = try Self.haltedVMWithAUniqueName(pool)

        try tmux.send("/")
        try tmux.type("name_label:\(name)")
        try tmux.send("Enter")
        let shown = try tmux.waitForScreen { $0.contains("◌ \(name)") }
        #expect(shown.matched, "the halted VM is not shown:\n\(shown.screen)")

        _ = try RawPool.call(url: sim.urls[0], "VM.start", [pool.session, ref, false, false])
        let running = try tmux.waitForScreen(timeout: 10) { $0.contains("● \(name)") }
        #expect(running.matched, "the VM did not turn running by itself:\n\(running.screen)")
        // The glyph takes the theme's running colour (dark: green), not the halted one.
        let colours = try tmux.screen(escapes: true)
        let line = try #require(colours.split(separator: "\n").first { $0.contains(name) && $0.contains("●") })
        #expect(line.contains("\u{1B}["), "no colour on the running VM's line: \(line)")

        try tmux.send("Escape")
        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }

    /// Issue 4's end-to-end check: `a s` on a halted VM shows its task in the pane with a
    /// progress bar, the task ends ✓, and the simulator has the VM running.
    @Test func startAVMWithAS() throws {
        guard Self.requireTmux() else { return }
        let (sim, tmux) = try Self.start(simArguments: ["--vms", "40", "--hosts", "2", "--seed", "13", "--op-seconds", "3"])
        defer {
            tmux.stop()
            sim.stop()
        }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool · 2 hosts") && $0.contains("▾") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")
        let pool = try RawPool(url: sim.urls[0])
        let (ref, name) = try Self.haltedVMWithAUniqueName(pool)

        try tmux.send(":")
        try tmux.type("goto \(name)")
        try tmux.send("Enter")
        let selected = try tmux.waitForScreen { Self.titleBar($0).contains(name) }
        #expect(selected.matched, ":goto did not select \(name):\n\(selected.screen)")
        try tmux.send("a", "s")
        let running = try tmux.waitForScreen(timeout: 10) { $0.contains("⟳ VM.start") && $0.contains("%") }
        #expect(running.matched, "no running task line with progress:\n\(running.screen)")
        let done = try tmux.waitForScreen(timeout: 20) { $0.contains("✓ VM.start") }
        #expect(done.matched, "the task did not end ✓:\n\(done.screen)")
        let power = try RawPool.call(url: sim.urls[0], "VM.get_power_state", [pool.session, ref]) as? String
        #expect(power == "Running")
        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }

    @Test func navigationKeysHelpAndResizing() throws {
        guard Self.requireTmux() else { return }
        let (sim, tmux) = try Self.start()
        defer {
            tmux.stop()
            sim.stop()
        }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool · 2 hosts") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")
        try tmux.send("g", "h")
        let hosts = try tmux.waitForScreen { $0.contains("Hosts (2)") }
        #expect(hosts.matched, "g h did not list the hosts:\n\(hosts.screen)")
        try tmux.send("?")
        let help = try tmux.waitForScreen { $0.contains("Help · default keymap") }
        #expect(help.matched, "? did not open the help:\n\(help.screen)")
        try tmux.send("Escape")
        // Keys sent right after Escape would arrive with it in one read and decode as alt-g,
        // as in any terminal program: wait for the help to close, as a user's eyes would.
        let closed = try tmux.waitForScreen { !$0.contains("Help ·") }
        #expect(closed.matched, "esc did not close the help:\n\(closed.screen)")
        try tmux.send("g", "v")
        let vms = try tmux.waitForScreen { $0.contains("VMs (") && !$0.contains("Help ·") }
        #expect(vms.matched, "g v did not list the VMs:\n\(vms.screen)")

        try tmux.resize(width: 40, height: 12)
        let small = try tmux.waitForScreen { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(12)
            return lines.first?.hasPrefix("┌") == true && lines.count >= 12 && lines[11].hasPrefix("└")
        }
        #expect(small.matched, "no whole frame at 40×12:\n\(small.screen)")
        try tmux.resize(width: 100, height: 30)
        let restored = try tmux.waitForScreen { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 30 && lines[0].hasSuffix("┐") && lines[0].contains("1 pool · 2 hosts") && lines[29].hasPrefix("└")
                && screen.contains("VMs (")
        }
        #expect(restored.matched, "the VM list is not whole again at 100×30:\n\(restored.screen)")

        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }

    @Test func plainLocaleAndNoColorGiveAUsableScreen() throws {
        guard Self.requireTmux() else { return }
        let (sim, tmux) = try Self.start(environment: ["LANG": "C", "LC_ALL": "C", "NO_COLOR": "1"])
        defer {
            tmux.stop()
            sim.stop()
        }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool") && $0.contains("Tasks & log") }
        #expect(loaded.matched, "no screen in the C locale:\n\(loaded.screen)")
        let isASCII = loaded.screen.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isASCII, "non-ASCII in the C locale:\n\(loaded.screen)")
        #expect(loaded.screen.hasPrefix("+"), "the ASCII frame is missing:\n\(loaded.screen)")
        let colours = Self.colourParameters(in: try tmux.screen(escapes: true))
        #expect(colours.isEmpty, "NO_COLOR still sets colours: SGR \(colours.sorted())")
        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"))
    }

    /// A halted VM (not a template, dom0 or snapshot) whose name no other VM has: its ref and name.
    private static func haltedVMWithAUniqueName(_ pool: RawPool) throws -> (ref: String, name: String) {
        let vms = try pool.allRecords("VM")
        let names = vms.values.compactMap { $0["name_label"] as? String }
        let halted = vms.first { _, vm in
            vm["power_state"] as? String == "Halted" && vm["is_a_template"] as? Bool == false
                && vm["is_control_domain"] as? Bool == false && vm["is_a_snapshot"] as? Bool == false
                && names.filter { $0 == vm["name_label"] as? String }.count == 1
        }
        let (ref, record) = try #require(halted)
        return (ref, try #require(record["name_label"] as? String))
    }

    private static func titleBar(_ screen: String) -> Substring {
        screen.split(separator: "\n", maxSplits: 1).first ?? ""
    }

    /// The SGR parameters of a captured screen that set a colour (39/49, back to the default, do not).
    private static func colourParameters(in screen: String) -> Set<Int> {
        var found: Set<Int> = []
        for match in screen.matches(of: /\x1B\[([0-9;]*)m/) {
            for parameter in match.output.1.split(separator: ";").compactMap({ Int($0) }) {
                if (30...38).contains(parameter) || (40...48).contains(parameter) || (90...107).contains(parameter) {
                    found.insert(parameter)
                }
            }
        }
        return found
    }

    @Test func theNextStartShowsTheCachedTreeFirst() throws {
        guard Self.requireTmux() else { return }
        // Every call takes 0.3 s, so the live load (about 20 calls) is slower than the cache.
        let sim = try SimProcess(arguments: ["--vms", "40", "--hosts", "2", "--seed", "12", "--latency", "300"])
        defer { sim.stop() }
        let home = try TemporaryFolder.make()
        let first = try Self.xentui(on: sim, home: home)
        defer { first.stop() }
        // The title bar names a pool's state until it is live (the log pane keeps its history).
        let live = try first.waitForScreen(timeout: 60) { Self.titleBar($0).contains("1 pool · 2 hosts") && !Self.titleBar($0).contains("loading") }
        #expect(live.matched, "the first run never went live:\n\(live.screen)")
        try first.send("q")
        let quit = try first.waitForScreen(timeout: 30) { $0.contains("XENTUI-EXIT=") }
        #expect(quit.screen.contains("XENTUI-EXIT=0"), "the first run did not quit cleanly:\n\(quit.screen)")
        first.stop()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: home + "/cache/xentui")) ?? []
        #expect(files.count == 1, "no cache file was saved: \(files)")

        let second = try Self.xentui(on: sim, home: home)
        defer { second.stop() }
        let cached = try second.waitForScreen(timeout: 10) { $0.contains("1 pool · 2 hosts") }
        #expect(cached.matched && cached.screen.contains("cached"), "the cached tree did not come first:\n\(cached.screen)")
        let replaced = try second.waitForScreen(timeout: 60) { !Self.titleBar($0).contains("cached") && !Self.titleBar($0).contains("loading") }
        #expect(replaced.matched, "the live data never replaced the cache:\n\(replaced.screen)")
    }

    @Test func withoutATerminalTheUISaysSoAndExits2() async throws {
        let output = try await Xentui.run(["--demo"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("needs a terminal"))
    }
}
