import Foundation
import Inventory
import XAPI

/// The log pane's connection and alert lines, with what their detail view needs.
extension AppState {
    static func connectionEntry(_ state: ConnectionState, pool: String, problem: ConnectionProblem? = nil, time: Date) -> LogPaneEntry {
        let level: LogPaneEntry.Level
        switch state {
        case .live: level = .success
        case .connecting, .loading: level = .progress
        case .reconnecting: level = .warning
        case .failed: level = .error
        }
        var entry = LogPaneEntry(time: time, level: level, kind: .connection, pool: pool, text: PrintableText.escaped("\(pool): \(state)"))
        entry.status = state.statusWord
        switch state {
        case .failed, .reconnecting:
            if let problem {
                entry.connectionProblem = problem
                entry.error = [problem.kind] + problem.parameters.map(\.value)
                // Kept in words, so that the detail of an earlier run's entry still explains it.
                entry.message = ErrorDetail(problem: problem, pool: pool).logMessage
            }
        case .live, .connecting, .loading: break
        }
        return entry
    }

    /// `prod: P2 VM_CRASHED VM web-01`: the priority, the alert's name and its object by name
    /// when the pool's inventory knows it (else the start of its uuid). XAPI priorities: 1-2 are
    /// errors and warnings worth attention, higher numbers are informational.
    static func alertEntry(_ message: MessageRecord, pool: String, inventory: PoolInventory, time: Date) -> LogPaneEntry {
        let level: LogPaneEntry.Level = message.priority <= 2 ? .error : (message.priority <= 4 ? .warning : .info)
        let object = TaskObjects.logObject(ofAlert: message, pool: pool, in: inventory)
        let text = LogPaneEntry.alertText(pool: pool, priority: Int(message.priority), name: message.name, object: object)
        var entry = LogPaneEntry(time: time, level: level, kind: .alert, pool: pool, text: text)
        entry.priority = Int(message.priority)
        entry.alertName = message.name
        entry.object = object
        entry.message = message.body
        return entry
    }
}

extension ConnectionState {
    /// One word for the log's `status` field.
    var statusWord: String {
        switch self {
        case .connecting: "connecting"
        case .loading: "loading"
        case .live: "live"
        case .reconnecting: "reconnecting"
        case .failed: "failed"
        }
    }
}

extension LogPaneEntry {
    /// An alert's line, also rebuilt from the persistent log.
    static func alertText(pool: String, priority: Int?, name: String, object: LogObject?) -> String {
        var words = [pool + ":"]
        if let priority { words.append("P\(priority)") }
        words.append(name)
        if let object {
            if let className = object.className { words.append(className.lowercased()) }
            if let label = object.name ?? object.uuid.map({ String($0.prefix(8)) }) { words.append(label) }
        }
        return PrintableText.escaped(words.joined(separator: " "))
    }
}
