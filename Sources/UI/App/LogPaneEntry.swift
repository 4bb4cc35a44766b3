import Foundation
import Inventory

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
    /// Where an entry comes from: this run, or the persistent log of an earlier run (drawn dim,
    /// under a separator line that is an entry of its own).
    public enum Provenance: Hashable, Sendable {
        case thisRun, earlierRun, earlierRunsSeparator
    }

    /// For `.task` entries: the task as last seen.
    public var task: LogTask?
    /// What the detail view shows and the persistent log keeps (`LogEntry`'s fields):
    /// the XAPI error as `[code, params…]`.
    public var error: [String]?
    /// The call that was made (`VM.start`).
    public var call: String?
    /// The object the entry is about (class, uuid, name).
    public var object: LogObject?
    /// The equivalent `xe` command line.
    public var xe: String?
    /// An alert's body, or the explanation of a connection problem as it was worded then.
    public var message: String?
    /// An alert's XAPI priority (1 most important … 5) and name (`VM_CRASHED`).
    public var priority: Int?
    public var alertName: String?
    /// A connection state's word (`failed`), a task's status once logged.
    public var status: String?
    /// Why a connection failed, in terms the explanation understands (this run only).
    public var connectionProblem: ConnectionProblem?
    public var provenance: Provenance = .thisRun

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
        self.call = task.name
        if case .failed(let code, let params) = task.outcome { error = [code] + params }
    }
}
