import Foundation
import Inventory

/// The log pane and the persistent log: entries of earlier runs at start, and this run's
/// entries handed to the writer.
extension AppState {
    /// How many entries of earlier runs the pane shows at start.
    public static let earlierEntryCount = 50
    static let earlierRunsLabel = "— earlier runs —"

    /// From now on, keeps what the pane gets for the persistent log (`takeUnsavedLogEntries`).
    public mutating func recordEntriesForLog() {
        logPane.recordsUnsaved = true
    }

    /// This run's entries since the last call, as the persistent log writes them: everything
    /// the pane got, and each task's start and end (not its progress).
    public mutating func takeUnsavedLogEntries() -> [LogEntry] {
        logPane.takeUnsaved().map(\.logEntry)
    }

    /// Shows the last entries of earlier runs, dim under a separator, before anything of this
    /// run; a damaged or unreadable log adds one warning and the rest is still shown.
    public mutating func showEarlierEntries(_ excerpt: LogExcerpt, at time: Date) {
        // A task that ended needs only its end line: it says when it started too.
        let ended = Set(excerpt.entries.compactMap { entry in
            entry.kind == .task && entry.status != "pending" ? entry.task.map { "\(entry.pool ?? "") \($0)" } : nil
        })
        let entries = excerpt.entries.filter { entry in
            !(entry.kind == .task && entry.status == "pending" && entry.task.map { ended.contains("\(entry.pool ?? "") \($0)") } == true)
        }
        if !entries.isEmpty {
            var separator = LogPaneEntry(time: entries[0].ts.date, level: .info, kind: .connection, pool: "", text: Self.earlierRunsLabel)
            separator.provenance = .earlierRunsSeparator
            appendLog(separator)
            for entry in entries { appendLog(LogPaneEntry(logEntry: entry)) }
        }
        var problems = excerpt.problems.map(\.description)
        if excerpt.damagedLines > 0 {
            let lines = excerpt.damagedLines == 1 ? "1 damaged line" : "\(excerpt.damagedLines) damaged lines"
            problems.insert("the persistent log has \(lines) (a crash or a full disk); they were skipped", at: 0)
        }
        if !problems.isEmpty {
            // Shown, not written back: the damage stays in the file, so it would be logged again at every start.
            let recording = logPane.recordsUnsaved
            logPane.recordsUnsaved = false
            appendLog(LogPaneEntry(time: time, level: .warning, kind: .error, pool: "", text: PrintableText.escaped(problems.joined(separator: "; "))))
            logPane.recordsUnsaved = recording
        }
    }
}
