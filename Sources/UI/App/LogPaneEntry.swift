import Foundation

/// One line of the tasks & log pane. Issue 4 extends it with tasks, actions and errors.
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

    public init(time: Date, level: Level, kind: Kind, pool: String, text: String) {
        self.time = time
        self.level = level
        self.kind = kind
        self.pool = pool
        self.text = text
    }
}
