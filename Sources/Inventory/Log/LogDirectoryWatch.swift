#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sleeps until something changes in the log's folder (inotify), or the time runs out. Where
/// inotify is missing, or the folder does not exist yet, it just sleeps.
final class LogDirectoryWatch {
    private let directory: String
    private var fd: Int32 = -1
    private var watching = false

    init(directory: String) {
        self.directory = directory
        #if os(Linux)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        addWatch()
        #endif
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    private func addWatch() {
        #if os(Linux)
        guard fd >= 0, !watching else { return }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE)
        watching = inotify_add_watch(fd, directory, mask) >= 0
        #endif
    }

    /// Returns after an event in the folder or after `milliseconds`.
    func wait(milliseconds: Int32) {
        addWatch()  // the folder may have appeared since
        guard fd >= 0, watching else {
            usleep(useconds_t(max(0, milliseconds)) * 1000)
            return
        }
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&request, 1, milliseconds) > 0 {
            drain()
        }
    }

    /// Reads and forgets the pending events: the follower rereads the files anyway.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            // The folder itself went away: watch again once it is back.
            if containsIgnored(buffer, count: n) { watching = false }
        }
    }

    private func containsIgnored(_ buffer: [UInt8], count: Int) -> Bool {
        #if os(Linux)
        var at = 0
        let header = MemoryLayout<inotify_event>.size
        while at + header <= count {
            let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: inotify_event.self) }
            if event.mask & UInt32(IN_IGNORED) != 0 { return true }
            at += header + Int(event.len)
        }
        #endif
        return false
    }
}
