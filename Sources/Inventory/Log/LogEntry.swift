/// How serious a log entry is; ordered, so `--level warn` keeps `warn` and `error`.
public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case info, warn, error

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .error: 2
        }
    }
}

/// What produced a log entry.
public enum LogKind: String, Sendable, Hashable, CaseIterable {
    /// An XAPI task (its progress and its end).
    case task
    /// An action the user started.
    case action
    /// An error that is not a task's (a failed call, a bad config file…).
    case error
    /// A pool alert (an XAPI `message` object).
    case alert
    /// A connection event (logged in, lost, reconnected, failed over).
    case connection
}

/// The object an entry is about; every part is optional because an alert may name only a uuid.
public struct LogObject: Sendable, Hashable {
    /// The XAPI class, e.g. `VM` (`class` in the JSON).
    public var className: String?
    public var uuid: String?
    public var name: String?

    public init(className: String? = nil, uuid: String? = nil, name: String? = nil) {
        self.className = className
        self.uuid = uuid
        self.name = name
    }

    var isEmpty: Bool { className == nil && uuid == nil && name == nil }
}

/// One line of the persistent log (PRODUCT §5). Absent fields are omitted from the JSON.
public struct LogEntry: Sendable, Hashable {
    public var ts: LogTimestamp
    public var level: LogLevel
    public var kind: LogKind
    /// The pool's name as configured.
    public var pool: String?
    public var object: LogObject?
    /// The XAPI call, e.g. `VM.start` (without `Async.`).
    public var call: String?
    /// The task's uuid or ref.
    public var task: String?
    /// `pending`, `success`, `failure`, `cancelled`, or a connection state.
    public var status: String?
    /// A task's progress, 0…1.
    public var progress: Double?
    /// XAPI's error description: the code first, then its parameters.
    public var error: [String]?
    public var message: String?
    /// The equivalent `xe` command.
    public var xe: String?

    public init(
        ts: LogTimestamp = .now(), level: LogLevel, kind: LogKind, pool: String? = nil, object: LogObject? = nil,
        call: String? = nil, task: String? = nil, status: String? = nil, progress: Double? = nil,
        error: [String]? = nil, message: String? = nil, xe: String? = nil
    ) {
        self.ts = ts
        self.level = level
        self.kind = kind
        self.pool = pool
        self.object = object
        self.call = call
        self.task = task
        self.status = status
        self.progress = progress
        self.error = error
        self.message = message
        self.xe = xe
    }
}
