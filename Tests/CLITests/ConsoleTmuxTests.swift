import Foundation
import TestSupport
import Testing

/// Issue 7's console end to end: the real `xentui` in tmux on a real `xapi-sim`. `c` on a
/// running PV VM attaches to its text console, a command runs there, and ctrl-] brings back
/// the very screen that was left; an HVM VM gets the message about its graphical console.
@Suite("Console in tmux", .serialized, .ownThread, .timeLimit(.minutes(3)))
struct ConsoleTmuxTests {
    private struct Guest {
        var ref: String
        var name: String
    }

    /// Running guests whose name no other VM has: those with a text console, and those with only rfb.
    private static func guests(_ pool: RawPool) throws -> (text: [Guest], graphical: [Guest]) {
        let vms = try pool.allRecords("VM")
        let consoles = try pool.allRecords("console")
        let names = vms.values.compactMap { $0["name_label"] as? String }
        var text: [Guest] = []
        var graphical: [Guest] = []
        for (ref, vm) in vms.sorted(by: { $0.key < $1.key }) {
            guard vm["power_state"] as? String == "Running", vm["is_control_domain"] as? Bool == false,
                let name = vm["name_label"] as? String, names.filter({ $0 == name }).count == 1,
                name.allSatisfy({ $0.isASCII })
            else { continue }
            let protocols = consoles.values.filter { $0["VM"] as? String == ref }.compactMap { $0["protocol"] as? String }
            if protocols.contains("vt100") { text.append(Guest(ref: ref, name: name)) }
            else if protocols == ["rfb"] { graphical.append(Guest(ref: ref, name: name)) }
        }
        return (text, graphical)
    }

    private static func start(_ sim: SimProcess, home: String) throws -> TmuxSession {
        let xentui = BuildPaths.executable("xentui").path
        let command = "\(xentui) --url \(sim.urls[0]) --password-env XENTUI_TEST_PASSWORD; echo XENTUI-EXIT=$?; sleep 60"
        return try TmuxSession(command: command, width: 100, height: 30, environment: [
            "XENTUI_TEST_PASSWORD": "password", "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
            "XDG_CACHE_HOME": home + "/cache", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        ])
    }

    /// The screen once two captures a moment apart agree (the UI has settled).
    private static func settled(_ tmux: TmuxSession) throws -> String {
        var previous = try tmux.screen()
        for _ in 0..<50 {
            usleep(300_000)
            let current = try tmux.screen()
            if current == previous { return current }
            previous = current
        }
        return previous
    }

    private static func goto(_ name: String, in tmux: TmuxSession) throws -> Bool {
        try tmux.send(":")
        try tmux.type("goto \(name)")
        try tmux.send("Enter")
        return try tmux.waitForScreen(timeout: 10) { ($0.split(separator: "\n").first ?? "").contains(name) }.matched
    }

    @Test func attachRunACommandAndComeBackToTheSameScreen() throws {
        guard TmuxSession.isAvailable else {
            Issue.record("tmux is not installed (make test installs it)")
            return
        }
        let sim = try SimProcess(arguments: ["--vms", "40", "--hosts", "2", "--seed", "11"])
        defer { sim.stop() }
        let tmux = try Self.start(sim, home: try TemporaryFolder.make())
        defer { tmux.stop() }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool · 2 hosts") && $0.contains("▾") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")
        let guests = try Self.guests(try RawPool(url: sim.urls[0]))
        let guest = try #require(guests.text.first, "no running PV guest in the simulator")
        #expect(try Self.goto(guest.name, in: tmux), ":goto did not select \(guest.name)")
        let before = try Self.settled(tmux)

        try tmux.send("c")
        // (tmux's captures drop the spaces that end a line.)
        let prompt = try tmux.waitForScreen(timeout: 15) { $0.contains("ctrl-] returns to xentui") && $0.contains(" login:") }
        #expect(prompt.matched, "no console login prompt:\n\(prompt.screen)")
        try tmux.type("root")
        try tmux.send("Enter")
        #expect(try tmux.waitForScreen(timeout: 10) { $0.contains("Password:") }.matched)
        try tmux.type("secret")
        try tmux.send("Enter")
        #expect(try tmux.waitForScreen(timeout: 10) { $0.contains(":~#") }.matched)
        try tmux.type("echo console-works-42")
        try tmux.send("Enter")
        let output = try tmux.waitForScreen(timeout: 10) { screen in
            screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "console-works-42" }
        }
        #expect(output.matched, "the command's output did not show:\n\(output.screen)")
        #expect(!output.screen.contains("Tasks & log"), "xentui drew over the console:\n\(output.screen)")

        try tmux.send("C-]")
        let back = try tmux.waitForScreen(timeout: 15) { $0 == before }
        #expect(back.matched, "ctrl-] did not bring back the same screen.\nbefore:\n\(before)\nafter:\n\(back.screen)")

        // The UI takes keys again.
        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }

    @Test func aConsoleThatDropsComesBackWithTheReason() throws {
        guard TmuxSession.isAvailable else {
            Issue.record("tmux is not installed (make test installs it)")
            return
        }
        let sim = try SimProcess(arguments: ["--vms", "40", "--hosts", "2", "--seed", "11"])
        defer { sim.stop() }
        let tmux = try Self.start(sim, home: try TemporaryFolder.make())
        defer { tmux.stop() }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool · 2 hosts") && $0.contains("▾") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")
        let pool = try RawPool(url: sim.urls[0])
        let guest = try #require(try Self.guests(pool).text.last, "no running PV guest in the simulator")
        #expect(try Self.goto(guest.name, in: tmux), ":goto did not select \(guest.name)")
        try tmux.send("c")
        #expect(try tmux.waitForScreen(timeout: 15) { $0.contains(" login:") }.matched, "no console login prompt")

        // Another client powers the VM off: its console goes, xentui comes back and says why.
        _ = try RawPool.call(url: sim.urls[0], "VM.hard_shutdown", [pool.session, guest.ref])
        let back = try tmux.waitForScreen(timeout: 15) { $0.contains("Tasks & log") && $0.contains("console of \(guest.name): the host closed") }
        #expect(back.matched, "xentui did not come back with the reason:\n\(back.screen)")
        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }

    @Test func aGraphicalOnlyConsoleIsExplained() throws {
        guard TmuxSession.isAvailable else {
            Issue.record("tmux is not installed (make test installs it)")
            return
        }
        let sim = try SimProcess(arguments: ["--vms", "40", "--hosts", "2", "--seed", "11"])
        defer { sim.stop() }
        let tmux = try Self.start(sim, home: try TemporaryFolder.make())
        defer { tmux.stop() }
        let loaded = try tmux.waitForScreen { $0.contains("1 pool · 2 hosts") && $0.contains("▾") }
        #expect(loaded.matched, "the tree never appeared:\n\(loaded.screen)")
        let guest = try #require(try Self.guests(try RawPool(url: sim.urls[0])).graphical.first, "no running HVM guest")
        #expect(try Self.goto(guest.name, in: tmux), ":goto did not select \(guest.name)")
        try tmux.send("c")
        let message = try tmux.waitForScreen(timeout: 10) { $0.contains("only a graphical (rfb) console") }
        #expect(message.matched, "no rfb message:\n\(message.screen)")
        // Its detail names the tunnel to the VNC display and the xe command.
        try tmux.send("g", "t")
        try tmux.send("Enter")
        let detail = try tmux.waitForScreen(timeout: 10) { $0.contains("/var/run/xen/vnc-") && $0.contains("xe console-list") }
        #expect(detail.matched, "the entry's detail lacks the ssh tunnel or the xe command:\n\(detail.screen)")
        try tmux.send("Escape")
        _ = try tmux.quit()
    }
}
