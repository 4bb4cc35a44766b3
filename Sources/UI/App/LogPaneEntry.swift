import Foundation

/// One line of the tasks & log pane: a connection event, an alert, or a XAPI task (which
/// updates in place while it runs). Issue 4 adds the user's actions and their errors.
public struct LogPaneEntry: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable {
        case info, success, warning, error, progress
    }

    public enum Kind: String, Hashable, Sendable {
        case connection, alert, task, action, error
    }

    public var time: Date
    public var level: Level
    public var kind: Kind
    public var pool: String
    public var text: String
    /// For `.task` entries: the task as last seen.
    public var task: LogTask?

    public init(time: Date, level: Level, kind: Kind, pool: String, text: String) {
        self.time = time
        self.level = level
        self.kind = kind
        self.pool = pool
        self.text = text
    }

    /// A task's line; `text` says the same in words, for logs and tests.
    public init(task: LogTask, pool: String) {
        let level: Level
        let result: String
        switch task.outcome {
        case .running(let progress): (level, result) = (.progress, "\(Int((progress * 100).rounded()))%")
        case .succeeded: (level, result) = (.success, "done")
        case .failed(let code, let params): (level, result) = (.error, ([code] + params).joined(separator: " "))
        case .cancelled: (level, result) = (.warning, "cancelled")
        case .endedUnknown: (level, result) = (.warning, "ended (result unknown)")
        }
        let object = task.objectName.isEmpty ? "" : " " + task.objectName
        self.init(time: task.started, level: level, kind: .task, pool: pool, text: "\(task.name)\(object): \(result)")
        self.task = task
    }
}
