import Foundation
import TestSupport
import Testing

/// `xentui --demo` in tmux, as `make demo` shows it: CPU sparklines in the tree move as the
/// 5-second polls arrive, and the Stats tab draws graphs with units.
@Suite("Stats in tmux", .serialized, .ownThread, .timeLimit(.minutes(1)))
struct StatsTmuxTests {
    static let levels = Set("▁▂▃▄▅▆▇█")

    /// The sparkline characters of the tree pane (left of the first inner `│`).
    static func treeSparklines(_ screen: String) -> String {
        screen.split(separator: "\n").dropFirst().prefix(20).map { line in
            let inner = line.dropFirst()
            let tree = inner.prefix { $0 != "│" }
            return String(tree.filter { levels.contains($0) })
        }.joined(separator: "|")
    }

    @Test func sparklinesMoveAndTheStatsTabHasGraphs() throws {
        guard TmuxSession.isAvailable else {
            Issue.record("tmux is not installed (make test installs it)")
            return
        }
        let home = try TemporaryFolder.make()
        let xentui = BuildPaths.executable("xentui").path
        let tmux = try TmuxSession(
            command: "\(xentui) --demo; echo XENTUI-EXIT=$?; sleep 60", width: 100, height: 30,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "XDG_CACHE_HOME": home + "/cache",
                          "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        defer { tmux.stop() }
        let loaded = try tmux.waitForScreen(timeout: 15) { $0.contains("2 pools") && $0.contains("● app-03") }
        #expect(loaded.matched, "the demo never appeared:\n\(loaded.screen)")

        try tmux.send("j", "j", "S")
        let shown = try tmux.waitForScreen(timeout: 20) { Self.treeSparklines($0).count >= 40 }
        #expect(shown.matched, "no sparklines in the tree:\n\(shown.screen)")
        let first = Self.treeSparklines(shown.screen)
        let moved = try tmux.waitForScreen(timeout: 20) { Self.treeSparklines($0).count >= 40 && Self.treeSparklines($0) != first }
        #expect(moved.matched, "the sparklines did not move in 20 s:\n\(moved.screen)")

        try tmux.send("]")
        let stats = try tmux.waitForScreen(timeout: 10) { $0.contains("100% ┤") && $0.contains("B/s ┤") && $0.contains("now") }
        #expect(stats.matched, "the Stats tab has no graphs:\n\(stats.screen)")
        #expect(!stats.screen.contains("unavailable"), "a stats failure in the log:\n\(stats.screen)")

        let exited = try tmux.quit()
        #expect(exited.contains("XENTUI-EXIT=0"), "xentui did not quit cleanly:\n\(exited)")
    }
}
