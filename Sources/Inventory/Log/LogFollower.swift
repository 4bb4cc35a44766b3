#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows the persistent log as it grows (`xentui log -f`), also while other processes write
/// to it and across rotation: when `log.jsonl` is renamed away, the old file is read to its end
/// and then its successor from its start, under the writers' lock so no file is skipped.
///
/// Wakes on inotify events on the folder where the system has them, and polls every 250 ms in
/// any case (inotify says nothing about writes from another machine to a shared home folder).
/// Not thread-safe: one follower belongs to one thread.
public final class LogFollower {
    public let log: PersistentLog
    public let filter: LogFilter
    /// Lines that were not valid entries, skipped so far.
    public private(set) var damagedLines = 0
    /// The last problem reading the log (a file that cannot be opened or read), if any.
    public private(set) var problem: PersistentLogError?

    private var fd: Int32 = -1
    private var offset: Int64 = 0
    /// Bytes read after the last newline: a line still being written.
    private var pending: [UInt8] = []
    private var pendingOversized = false
    /// Where to start when no file is open yet.
    private var firstFiles = FirstFiles.current
    private enum FirstFiles {
        case current
        /// The oldest file that is not one of these (which existed when following began).
        case oldest(skipping: [LogFileID])
    }
    private let watch: LogDirectoryWatch

    static let pollMilliseconds: Int32 = 250
    static let readSize = 64 * 1024

    /// Starts at `position` (usually `LogExcerpt.end` of the read that printed the last lines),
    /// or at the current end of the log when nil.
    public init(log: PersistentLog, from position: LogPosition? = nil, filter: LogFilter = LogFilter()) {
        self.log = log
        self.filter = filter
        self.watch = LogDirectoryWatch(directory: log.directory)
        start(at: position)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    private func start(at position: LogPosition?) {
        let candidates = log.allPaths
        if let position, position != .beforeStart {
            // The file the position is in: the current one, or a rotated one if it moved since.
            for candidate in candidates {
                let opened = LogFile.openFile(candidate, O_RDONLY)
                guard opened >= 0 else { continue }
                if let info = LogFile.status(opened), UInt64(info.st_dev) == position.device,
                    UInt64(info.st_ino) == position.inode
                {
                    fd = opened
                    offset = position.offset
                    return
                }
                close(opened)
            }
            // Rotated out of reach: everything still there came after it.
            firstFiles = .oldest(skipping: [])
            return
        }
        if position == nil {
            let opened = LogFile.openFile(log.path, O_RDONLY)
            if opened >= 0, let info = LogFile.status(opened) {
                fd = opened
                offset = Int64(info.st_size)
                return
            }
            if opened >= 0 { close(opened) }
        }
        // No log yet: the first file that appears, even if it is rotated before we look.
        firstFiles = .oldest(skipping: candidates.compactMap { LogFile.status(path: $0) }.map(LogFileID.init))
    }

    /// Waits up to `timeoutMilliseconds` for entries; returns those that matched the filter,
    /// oldest first (possibly none).
    public func nextBatch(timeoutMilliseconds: Int32 = 1000) -> [LogEntry] {
        var entries = readAvailable()
        var waited: Int32 = 0
        while entries.isEmpty, waited < timeoutMilliseconds {
            let slice = min(Self.pollMilliseconds, timeoutMilliseconds - waited)
            watch.wait(milliseconds: slice)
            waited += slice
            entries = readAvailable()
        }
        return entries
    }

    /// Reads whatever has been written since the last call, following rotation; never blocks.
    public func readAvailable() -> [LogEntry] {
        var entries: [LogEntry] = []
        // Each turn moves to the next file; a bound keeps a pathological churn from spinning.
        for _ in 0...(PersistentLog.rotatedFileCount + 1) {
            if fd < 0 {
                guard openFirstFile() else { return entries }
            }
            readToEnd(&entries)
            guard let ours = LogFile.status(fd) else { return entries }
            // Missing: the file was renamed away and its successor is not created yet.
            guard let current = LogFile.status(path: log.path) else { return entries }
            if LogFile.sameFile(current, ours) {
                if Int64(ours.st_size) < offset {
                    // Truncated by hand: start again from the top.
                    offset = 0
                    pending = []
                    continue
                }
                return entries
            }
            moveToSuccessor(&entries)
        }
        return entries
    }

    /// Opens the file to read from when none is open: the current one, or at the start the
    /// oldest one that did not exist before.
    private func openFirstFile() -> Bool {
        var paths = [log.path]
        var skipped: [LogFileID] = []
        if case .oldest(let skipping) = firstFiles {
            paths = log.allPaths.reversed()
            skipped = skipping
        }
        for path in paths {
            let opened = LogFile.openFile(path, O_RDONLY)
            guard opened >= 0 else {
                if errno != ENOENT { problem = .system("read", path) }
                continue
            }
            if let info = LogFile.status(opened), skipped.contains(LogFileID(info)) {
                close(opened)
                continue
            }
            fd = opened
            offset = 0
            pending = []
            pendingOversized = false
            firstFiles = .current
            return true
        }
        return false
    }

    /// Our file was rotated: finish it, then open the file that came after it, under a shared
    /// lock so no writer rotates while we look.
    private func moveToSuccessor(_ entries: inout [LogEntry]) {
        let lock = LogFile.openFile(log.lockPath, O_RDONLY)
        if lock >= 0 { _ = LogFile.lock(lock, LOCK_SH) }
        defer { if lock >= 0 { close(lock) } }

        // Every write to the old file happened before the rename we noticed, so this reaches its true end.
        readToEnd(&entries)
        if !pending.isEmpty || pendingOversized {
            finishLine(pending, &entries)  // a last line without its newline
        }
        pending = []
        pendingOversized = false
        let successor = LogFile.status(fd).map(successorPath(of:)) ?? log.path
        close(fd)
        fd = LogFile.openFile(successor, O_RDONLY)
        offset = 0
        if fd < 0, errno != ENOENT { problem = .system("read", successor) }
    }

    /// The file written after ours. When ours is no longer among the rotated files (the writers
    /// rotated more often than we read and it fell off the end), every file still there is newer
    /// than ours unless it was written before ours was: the oldest newer one comes next, so the
    /// files in between are not skipped.
    private func successorPath(of ours: stat) -> String {
        for n in 1...PersistentLog.rotatedFileCount {
            if let info = LogFile.status(path: log.rotatedPath(n)), LogFile.sameFile(info, ours) {
                return n == 1 ? log.path : log.rotatedPath(n - 1)
            }
        }
        let oursWritten = LogFile.modificationTime(ours)
        for n in stride(from: PersistentLog.rotatedFileCount, through: 1, by: -1) {
            if let info = LogFile.status(path: log.rotatedPath(n)), LogFile.modificationTime(info) >= oursWritten {
                return log.rotatedPath(n)
            }
        }
        return log.path
    }

    private func readToEnd(_ entries: inout [LogEntry]) {
        while true {
            guard let chunk = LogFile.read(fd, at: offset, count: Self.readSize) else {
                problem = .system("read", log.path)
                return
            }
            if chunk.isEmpty { return }
            offset += Int64(chunk.count)
            var lineStart = 0
            for i in 0..<chunk.count where chunk[i] == UInt8(ascii: "\n") {
                if pendingOversized {
                    finishLine([], &entries)
                } else {
                    finishLine(pending + chunk[lineStart..<i], &entries)
                }
                pending = []
                pendingOversized = false
                lineStart = i + 1
            }
            if !pendingOversized {
                pending += chunk[lineStart...]
                if pending.count > PersistentLog.maximumLineBytes {
                    pendingOversized = true
                    pending = []
                }
            }
            if chunk.count < Self.readSize { return }
        }
    }

    private func finishLine(_ line: [UInt8], _ entries: inout [LogEntry]) {
        if pendingOversized {
            damagedLines += 1
            return
        }
        if line.allSatisfy(LogLines.isBlank) { return }
        guard let entry = LogEntry(jsonLine: line) else {
            damagedLines += 1
            return
        }
        if filter.matches(entry) { entries.append(entry) }
    }
}
