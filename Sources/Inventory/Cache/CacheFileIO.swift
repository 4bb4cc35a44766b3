import Foundation

/// Whole-file reads and atomic replacement for the inventory cache.
enum CacheFileIO {
    /// The file's bytes; `.missing` when there is no file.
    static func read(_ path: String) -> Result<[UInt8], InventoryCacheMiss.Reason> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(errnoText())) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(errnoText()))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Writes `bytes` to a temporary file beside `path` (mode 0600), flushes it, and renames it
    /// over `path`, so a reader sees the old file or the new one, never half of one.
    static func replace(_ path: String, with bytes: [UInt8]) throws(InventoryCacheSaveError) {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw InventoryCacheSaveError(path: path, problem: errnoText()) }
        var problem: String?
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                problem = errnoText()
                break
            }
            offset += written
        }
        // The umask may have narrowed the mode further, never widened it; set it exactly anyway.
        if problem == nil, fchmod(fd, 0o600) != 0 || fsync(fd) != 0 { problem = errnoText() }
        if close(fd) != 0, problem == nil { problem = errnoText() }
        if problem == nil, rename(temporary, path) != 0 { problem = errnoText() }
        if let problem {
            unlink(temporary)
            throw InventoryCacheSaveError(path: path, problem: problem)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
