import Foundation
import Inventory
import Terminal
import UI

/// Scenario 4: keystroke to frame, in this process, through the code the UI's key loop runs for
/// each key: `UIController.key` (the keymap, the `AppState` reducer, the render of a whole frame
/// by `AppView`, and the screen's diff of it against the last frame) into a `MemoryScreen` of
/// 200×50. What it leaves out is ncurses writing the diff to the terminal, which the footprint
/// scenario measures in bytes, and reading the key from the terminal.
@MainActor
struct KeysScenario {
    var inventories: [PoolInventory]
    var runs: Int
    /// Moves per run (down, then half as many up); pages and fold pairs likewise per run.
    var moves: Int
    var pages: Int = 10
    var folds: Int = 5
    /// How much of `filterText` is typed (all of it but in smoke runs).
    var filterLength = Int.max

    /// Typed one character at a time: a word matched against every text field, then a field test.
    static let filterText = "db-1 power_state:running"

    func run() -> [Figure] {
        var byKind: [String: [Double]] = [:]
        var p99s: [Double] = []
        var p50s: [Double] = []
        var filterP99s: [Double] = []
        let vms = inventories.reduce(0) { $0 + $1.vms.count }
        for run in 1...runs {
            progress("keys: run \(run) of \(runs) over \(inventories.count) pools, \(vms) VM records")
            let timings = oneRun()
            var all: [Double] = []
            for (kind, values) in timings {
                byKind[kind, default: []] += values
                all += values
            }
            p99s.append(Measured.percentile(all, 99))
            p50s.append(Measured.percentile(all, 50))
            filterP99s.append(Measured.percentile(timings["filter"] ?? [], 99))
        }
        let perRun = byKind.mapValues { $0.count / max(runs, 1) }
        let counts = ["move", "page", "fold", "filter"].map { "\(perRun[$0] ?? 0) \($0)" }.joined(separator: ", ")
        var figures = [
            Figure(id: "keys.p99", title: "keystroke to frame, p99, \(Measured.format(Double(vms))) VMs, filter typing included",
                   unit: "ms", goal: .atMost(10), samples: p99s,
                   note: "in-process UIController.key → MemoryScreen 200×50; per run \(counts) keys; median of the runs' p99"),
            Figure(id: "keys.p50", title: "keystroke to frame, p50", unit: "ms", samples: p50s, note: "the same runs, median key"),
            Figure(id: "keys.filter.p99", title: "keystroke to frame, p99, filter typing", unit: "ms", samples: filterP99s,
                   note: "typing \"\(Self.filterText)\", then 5 backspaces, esc, clear"),
        ]
        for kind in ["move", "page", "fold"] {
            let values = byKind[kind] ?? []
            figures.append(Figure(id: "keys.\(kind).p99", title: "keystroke to frame, p99, \(kind)", unit: "ms",
                                  samples: [Measured.percentile(values, 99)],
                                  note: "all runs' \(kind) keys together (p50 \(Measured.format(Measured.percentile(values, 50))) ms)"))
        }
        return figures
    }

    /// One pass over every kind of key, from a fresh controller; milliseconds per key, by kind.
    private func oneRun() -> [String: [Double]] {
        let state = AppState(pools: inventories.map { PoolEntry(inventory: $0) })
        let screen = MemoryScreen(width: 200, height: 50)
        let controller = UIController(screen: screen, keymap: .builtInDefault, theme: .builtInDark, state: state)
        controller.redraw()
        var timings: [String: [Double]] = [:]
        func press(_ name: String, _ kind: String) {
            guard let event = KeyEvent(name: name) else { return }
            let start = now()
            controller.key(event)
            timings[kind, default: []].append((now() - start) * 1000)
        }
        for _ in 0..<moves { press("j", "move") }
        for _ in 0..<(moves / 2) { press("k", "move") }
        for _ in 0..<pages { press("pgdn", "page") }
        for _ in 0..<pages { press("pgup", "page") }
        // Fold and unfold the first pool (1,000 VMs under it), then its first host.
        press("home", "move")
        for _ in 0..<folds {
            press("h", "fold")
            press("l", "fold")
        }
        press("j", "move")
        for _ in 0..<folds {
            press("h", "fold")
            press("l", "fold")
        }
        press("/", "filter")
        let typed = Self.filterText.prefix(filterLength)
        for character in typed { press(character == " " ? "space" : String(character), "filter") }
        for _ in 0..<min(5, typed.count) { press("backspace", "filter") }
        press("esc", "filter")
        press("esc", "filter")
        return timings
    }
}
