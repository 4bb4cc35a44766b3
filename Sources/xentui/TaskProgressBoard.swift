import Foundation
import Inventory
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Shows the tasks of `xentui vm --wait`: on a terminal one progress line per target, redrawn
/// in place as the tasks move; otherwise one line per task when it ends. Safe to call from the
/// tasks that follow each action.
final class TaskProgressBoard: Sendable {
    private struct Row {
        var label: String
        var progress: Double = 0
        var end: String?
    }

    private struct State {
        var rows: [Row]
        var drawn: [String] = []
    }

    private let state: Mutex<State>
    let onTerminal: Bool
    private let labelWidth: Int

    init(labels: [String], onTerminal: Bool = isatty(1) == 1) {
        self.onTerminal = onTerminal
        labelWidth = min(48, labels.map(\.count).max() ?? 0)
        state = Mutex(State(rows: labels.map { Row(label: $0) }))
        if onTerminal { draw() }
    }

    func update(_ index: Int, progress: Double) {
        guard onTerminal else { return }
        state.withLock { $0.rows[index].progress = progress }
        draw()
    }

    func finish(_ index: Int, outcome: TaskOutcome) {
        let end: String
        switch outcome {
        case .success(_, let seconds): end = "✓ done in \(Self.seconds(seconds))"
        case .failure(let error, let seconds): end = "✗ \(PrintableText.escaped(error.code)) after \(Self.seconds(seconds))"
        case .cancelled(let seconds): end = "✗ cancelled after \(Self.seconds(seconds))"
        }
        finish(index, text: end)
    }

    /// Ends a row with a text of its own (the task could not be followed).
    func finish(_ index: Int, text: String) {
        let label = state.withLock { state in
            state.rows[index].end = text
            return state.rows[index].label
        }
        if onTerminal {
            draw()
        } else {
            printOutput(label + ": " + text + "\n")
        }
    }

    private func line(_ row: Row) -> String {
        let label = row.label.count > labelWidth ? String(row.label.prefix(labelWidth - 1)) + "…" : row.label
        let padded = label + String(repeating: " ", count: max(0, labelWidth - label.count))
        if let end = row.end { return padded + "  " + end }
        let width = 24
        let filled = Int((min(max(row.progress, 0), 1) * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = String(Int((row.progress * 100).rounded(.down)))
        return padded + "  " + bar + " " + String(repeating: " ", count: 3 - percent.count) + percent + "%"
    }

    /// Redraws the rows that changed: up to the first row, then `\r` and the line, cleared to its end.
    private func draw() {
        state.withLock { state in
            let lines = state.rows.map(line)
            guard lines != state.drawn else { return }
            var text = ""
            if !state.drawn.isEmpty, state.drawn.count > 0 { text += "\u{1B}[\(state.drawn.count)A" }
            for line in lines { text += "\r" + line + "\u{1B}[K\n" }
            state.drawn = lines
            printOutput(text)
        }
    }

    static func seconds(_ value: Double) -> String {
        let tenths = Int((max(0, value) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
