#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PersistentLog {
    /// The last `n` entries matching the filter, oldest first (like `tail`), from `log.jsonl`
    /// and then the rotated files. Reads the files backwards in chunks and stops once it has `n`,
    /// so the last few entries of a big log cost little. Never fails: damaged lines are counted
    /// and unreadable files reported in the excerpt.
    public func read(last n: Int, filter: LogFilter = LogFilter()) -> LogExcerpt {
        var excerpt = LogExcerpt()
        let files = openForReading(&excerpt.problems)
        defer { for file in files { close(file.fd) } }

        let wanted = max(0, n)
        var newestFirst: [LogEntry] = []
        for file in files {
            let isCurrent = file.path == path
            guard let info = LogFile.status(file.fd) else { continue }
            var tailStart: Int64?
            let readError = LogLines.backward(fd: file.fd, size: Int64(info.st_size)) { line, offset, terminated in
                if newestFirst.count >= wanted, terminated { return false }
                guard let line else {
                    excerpt.damagedLines += 1
                    return newestFirst.count < wanted
                }
                if line.allSatisfy(LogLines.isBlank) { return newestFirst.count < wanted }
                if let entry = LogEntry(jsonLine: line) {
                    if newestFirst.count < wanted, filter.matches(entry) { newestFirst.append(entry) }
                } else {
                    excerpt.damagedLines += 1
                    if !terminated { tailStart = offset }
                }
                return newestFirst.count < wanted
            }
            if readError != 0 { excerpt.problems.append(.system("read", file.path, readError)) }
            if isCurrent {
                // An unfinished last line may still be being written: following resumes before it.
                excerpt.end = LogPosition(
                    device: UInt64(info.st_dev), inode: UInt64(info.st_ino), offset: tailStart ?? Int64(info.st_size))
            }
            if newestFirst.count >= wanted { break }
        }
        excerpt.entries = newestFirst.reversed()
        return excerpt
    }

    /// The convenience form for `xentui log -n N --level L --pool P`.
    public func read(last n: Int, level: LogLevel?, pool: String?) -> LogExcerpt {
        read(last: n, filter: LogFilter(minimumLevel: level, pool: pool))
    }

    /// Opens `log.jsonl`, `.1`, `.2`, `.3` (those that exist), newest first, under a shared lock so
    /// no rotation happens between the opens; the descriptors then stay valid whatever happens.
    func openForReading(_ problems: inout [PersistentLogError]) -> [(path: String, fd: Int32)] {
        let lock = LogFile.openFile(lockPath, O_RDONLY)
        if lock >= 0 { _ = LogFile.lock(lock, LOCK_SH) }
        defer { if lock >= 0 { close(lock) } }  // closing releases the lock
        var files: [(path: String, fd: Int32)] = []
        for candidate in allPaths {
            let fd = LogFile.openFile(candidate, O_RDONLY)
            if fd < 0 {
                if errno != ENOENT { problems.append(.system("read", candidate)) }
                continue
            }
            guard let info = LogFile.status(fd), LogFile.isRegular(info) else {
                problems.append(PersistentLogError(operation: "read", path: candidate, reason: "it is not a regular file"))
                close(fd)
                continue
            }
            files.append((candidate, fd))
        }
        return files
    }
}

/// Splitting a log file into lines.
enum LogLines {
    static let chunkSize = 64 * 1024

    /// Calls `body` with each line of the file from the last to the first: its bytes without
    /// the newline (nil for a line longer than `PersistentLog.maximumLineBytes`, which is never
    /// held in memory whole), where it starts, and whether a newline ends it (only the last line
    /// can lack one). Reads backwards in chunks; stops when `body` returns false.
    /// Returns 0, or the errno of a failed read.
    static func backward(fd: Int32, size: Int64, _ body: ([UInt8]?, Int64, Bool) -> Bool) -> Int32 {
        var end = size
        // The bytes of the line being assembled that lie after the current chunk.
        var carry: [UInt8] = []
        var oversized = false
        // Still before the file's last newline, in the segment a complete file leaves empty.
        var atEnd = true
        while end > 0 {
            let start = max(0, end - Int64(chunkSize))
            guard let chunk = LogFile.read(fd, at: start, count: Int(end - start)) else { return errno }
            guard chunk.count == Int(end - start) else { return EIO }  // truncated under us
            var lineEnd = chunk.count
            var i = chunk.count - 1
            while i >= 0 {
                if chunk[i] == UInt8(ascii: "\n") {
                    if atEnd, start + Int64(i) + 1 == size {
                        atEnd = false  // the file ends with a newline: nothing after it
                    } else {
                        let line: [UInt8]? = oversized ? nil : Array(chunk[(i + 1)..<lineEnd]) + carry
                        let terminated = !atEnd
                        atEnd = false
                        if !body(line, start + Int64(i) + 1, terminated) { return 0 }
                    }
                    carry = []
                    oversized = false
                    lineEnd = i
                }
                i -= 1
            }
            if !oversized {
                carry = Array(chunk[0..<lineEnd]) + carry
                if carry.count > PersistentLog.maximumLineBytes {
                    oversized = true
                    carry = []
                }
            }
            end = start
        }
        if oversized || !carry.isEmpty {
            _ = body(oversized ? nil : carry, 0, !atEnd)
        }
        return 0
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
