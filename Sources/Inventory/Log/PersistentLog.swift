#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The persistent log (PRODUCT §5): `log.jsonl` in the state folder, JSON Lines, mode 0600,
/// rotated at 10 MiB into `log.jsonl.1` … `.3`.
///
/// Several xentui processes may write at once. Each entry is one `write(2)` of a whole line on
/// an `O_APPEND` descriptor, so lines never interleave, and every write happens under an
/// exclusive `flock` of `log.jsonl.lock` (a file that is never rotated), so rotation is safe:
/// the writer that finds the file full rotates it, and a writer whose descriptor no longer
/// names `log.jsonl` reopens it before writing.
///
/// Each entry is written at once, so a crash of xentui loses nothing already logged. There is no
/// fsync per entry: the line is in the kernel's page cache when `write` returns, and only a
/// power loss or kernel crash could lose the last seconds; a sync per entry would stall the UI
/// on slow disks for a log of UI events. A line torn by such a crash (or by a full disk) is
/// skipped by readers and terminated by the next writer, so it never swallows the next entry.
///
/// Failures are thrown as `PersistentLogError` values; nothing here ends the program.
public final class PersistentLog: Sendable {
    public static let fileName = "log.jsonl"
    public static let defaultRotationLimit = 10 * 1024 * 1024
    /// How many rotated files are kept (`.1` newest … `.3` oldest).
    public static let rotatedFileCount = 3
    /// Readers skip longer lines as damaged; the writer shortens entries to stay below it.
    public static let maximumLineBytes = 1024 * 1024

    /// The state folder holding the log.
    public let directory: String
    /// `directory/log.jsonl`.
    public let path: String
    /// The size in bytes past which the file is rotated before the next write.
    public let rotationLimit: Int

    private let writer: Mutex<LogWriterState>

    /// A log in `directory`; nothing is touched until the first append.
    public init(directory: String, rotationLimit: Int = PersistentLog.defaultRotationLimit, redaction: LogRedaction = LogRedaction()) {
        let trimmed = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.directory = trimmed
        self.path = trimmed + "/" + PersistentLog.fileName
        self.rotationLimit = max(1, rotationLimit)
        self.writer = Mutex(LogWriterState(redaction: redaction))
    }

    deinit {
        writer.withLock { $0.closeAll() }
    }

    /// `log.jsonl.N`, N from 1 (newest) to `rotatedFileCount`.
    public func rotatedPath(_ n: Int) -> String { path + "." + String(n) }

    /// `log.jsonl`, `.1`, `.2`, `.3`: newest first.
    var allPaths: [String] { [path] + (1...PersistentLog.rotatedFileCount).map(rotatedPath) }

    /// The lock file every writer holds while it rotates and writes.
    public var lockPath: String { path + ".lock" }

    /// The folder xentui uses: `XENTUI_STATE_DIR`, else `$XDG_STATE_HOME/xentui`, else
    /// `~/.local/state/xentui`. Nil when no home folder can be found.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let dir = environment["XENTUI_STATE_DIR"], !dir.isEmpty { return dir }
        // The XDG spec says relative paths are invalid and must be ignored.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/xentui" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/xentui" }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            let home = String(cString: dir)
            if !home.isEmpty { return home + "/.local/state/xentui" }
        }
        return nil
    }

    /// Adds a string that must never be written (e.g. a password once read), masked from then on.
    public func addSecret(_ secret: String) {
        guard !secret.isEmpty else { return }
        writer.withLock { _ = $0.redaction.secrets.insert(secret) }
    }

    /// Appends one entry, redacted, as one line.
    ///
    /// If the file was over the limit and could not be rotated, the entry is still written
    /// and the rotation error is thrown.
    public func append(_ entry: LogEntry) throws(PersistentLogError) {
        try writer.withLock { (state: inout LogWriterState) throws(PersistentLogError) in
            let line = LogEntryLimit.line(for: state.redaction.apply(to: entry))
            try append(line, state: &state)
        }
    }

    private func append(_ line: [UInt8], state: inout LogWriterState) throws(PersistentLogError) {
        if state.lockFD < 0 {
            try createDirectory()
            let fd = LogFile.openFile(lockPath, O_RDWR | O_CREAT)
            guard fd >= 0 else { throw .system("open the lock of", path) }
            state.lockFD = fd
        }
        let lockError = LogFile.lock(state.lockFD, LOCK_EX)
        guard lockError == 0 else {
            state.closeAll()
            throw .system("lock", path, lockError)
        }
        defer { _ = LogFile.lock(state.lockFD, LOCK_UN) }

        // Another process may have rotated the file since our last write.
        if state.fd >= 0 {
            let current = LogFile.status(path: path)
            let ours = LogFile.status(state.fd)
            if current == nil || ours == nil || !LogFile.sameFile(current!, ours!) { state.closeFile() }
        }
        var info = try openFile(state: &state)
        var rotationError: PersistentLogError?
        if info.st_size > 0, Int(info.st_size) + line.count > rotationLimit {
            do {
                try rotate()
                state.closeFile()
                info = try openFile(state: &state)
            } catch {
                rotationError = error
            }
        }

        var bytes = line
        // A torn last line (a crash or a full disk mid-write) is ended first, so that it does not
        // swallow this entry.
        if info.st_size > 0, let last = LogFile.read(state.fd, at: Int64(info.st_size) - 1, count: 1),
            last.first != UInt8(ascii: "\n")
        {
            bytes.insert(UInt8(ascii: "\n"), at: 0)
        }
        let writeError = LogFile.writeAll(state.fd, bytes)
        if writeError != 0 {
            state.closeFile()
            throw .system("write to", path, writeError)
        }
        if let rotationError { throw rotationError }
    }

    /// Opens `log.jsonl` for appending unless it is open; enforces mode 0600 on a file we own.
    private func openFile(state: inout LogWriterState) throws(PersistentLogError) -> stat {
        if state.fd < 0 {
            let fd = LogFile.openFile(path, O_RDWR | O_APPEND | O_CREAT)
            guard fd >= 0 else {
                let code = errno
                if code == ELOOP {
                    throw PersistentLogError(operation: "open", path: path, code: code, reason: "it is a symbolic link")
                }
                throw .system("open", path, code)
            }
            state.fd = fd
        }
        guard let info = LogFile.status(state.fd) else {
            let code = errno
            state.closeFile()
            throw .system("inspect", path, code)
        }
        guard LogFile.isRegular(info) else {
            state.closeFile()
            throw PersistentLogError(operation: "open", path: path, reason: "it is not a regular file")
        }
        if info.st_uid == geteuid(), info.st_mode & 0o777 != 0o600 {
            guard fchmod(state.fd, 0o600) == 0 else {
                let code = errno
                state.closeFile()
                throw .system("make private (mode 0600)", path, code)
            }
        }
        return info
    }

    /// `.2` → `.3`, `.1` → `.2`, `log.jsonl` → `.1`; the old `.3` is replaced, so dropped.
    private func rotate() throws(PersistentLogError) {
        for n in stride(from: PersistentLog.rotatedFileCount, to: 1, by: -1) {
            if rename(rotatedPath(n - 1), rotatedPath(n)) != 0, errno != ENOENT {
                throw .system("rotate", rotatedPath(n - 1))
            }
        }
        if rename(path, rotatedPath(1)) != 0, errno != ENOENT {
            throw .system("rotate", path)
        }
    }

    /// Creates the folder and its missing parents, private to the user (0700).
    private func createDirectory() throws(PersistentLogError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw .system("create the folder of", path)
            }
        }
        var info = stat()
        guard stat(directory, &info) == 0 else { throw .system("create the folder of", path) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw PersistentLogError(operation: "create the folder of", path: path, code: ENOTDIR, reason: "\(directory) is not a folder")
        }
    }
}

/// The writer's descriptors, guarded by the log's mutex.
struct LogWriterState: Sendable {
    var fd: Int32 = -1
    var lockFD: Int32 = -1
    var redaction: LogRedaction

    init(redaction: LogRedaction) { self.redaction = redaction }

    mutating func closeFile() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    mutating func closeAll() {
        closeFile()
        if lockFD >= 0 { close(lockFD) }
        lockFD = -1
    }
}
