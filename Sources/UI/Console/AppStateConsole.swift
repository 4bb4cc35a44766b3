import Foundation
import Inventory

extension AppState {
    /// `c` and `:console`: asks the controller to attach to the selection's text console, or
    /// says in the log pane why there is none (with the way to the graphical one).
    mutating func requestConsole(at time: Date) {
        // Typing into a console changes the guest: `:console` and a full keymap on a read-only
        // pool must not get past what the read-only keymap hides.
        if let pool = cursor?.pool, isReadOnly(pool: pool) {
            let why = readOnly ? "xentui runs read-only (--read-only)" : "pool \(pool) is read-only (read_only = true in the config)"
            return logError("console refused: \(why), typing into a console could change the guest", at: time)
        }
        switch ConsoleChoice.choose(cursor, pools: pools) {
        case .text(let request):
            consoleRequest = request
        case .graphicalOnly(let message, let xe):
            var entry = LogPaneEntry(time: time, level: .warning, kind: .error, pool: cursor?.pool ?? "", text: message)
            entry.xe = xe
            entry.message = message
            appendLog(entry)
        case .unavailable(let message):
            appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: cursor?.pool ?? "", text: message))
        }
    }

    /// The console to attach to, once (the controller takes it after each key).
    public mutating func takeConsoleRequest() -> ConsoleRequest? {
        defer { consoleRequest = nil }
        return consoleRequest
    }
}
