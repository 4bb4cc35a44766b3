/// Which entries `xentui log` shows: `--level` (a minimum) and `--pool`.
public struct LogFilter: Sendable, Hashable {
    public var minimumLevel: LogLevel?
    public var pool: String?

    public init(minimumLevel: LogLevel? = nil, pool: String? = nil) {
        self.minimumLevel = minimumLevel
        self.pool = pool
    }

    public func matches(_ entry: LogEntry) -> Bool {
        if let minimumLevel, entry.level < minimumLevel { return false }
        if let pool, entry.pool != pool { return false }
        return true
    }
}

/// A place in the log: a byte offset in one particular file (device and inode), so that a
/// follower can resume exactly where a read ended even if the file was rotated in between.
public struct LogPosition: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64

    public init(device: UInt64, inode: UInt64, offset: Int64) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }

    /// Before any file existed: following starts at the beginning of whatever file appears.
    public static let beforeStart = LogPosition(device: 0, inode: 0, offset: 0)
}

/// What a read found: the entries (oldest first), how many damaged lines were skipped on the
/// way, the files that could not be read, and where following should continue.
public struct LogExcerpt: Sendable, Hashable {
    public var entries: [LogEntry]
    /// Lines that were not valid entries (torn, corrupt, binary, longer than 1 MiB).
    public var damagedLines: Int
    /// Files that exist but could not be read; the entries of the others are still there.
    public var problems: [PersistentLogError]
    /// Where `follow(from:)` should start to see exactly the entries written after this read.
    public var end: LogPosition

    public init(entries: [LogEntry] = [], damagedLines: Int = 0, problems: [PersistentLogError] = [], end: LogPosition = .beforeStart) {
        self.entries = entries
        self.damagedLines = damagedLines
        self.problems = problems
        self.end = end
    }
}
