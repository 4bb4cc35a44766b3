import Foundation

/// The real `xentui` binary on a pseudo-terminal of `columns`×`rows`, as a user's terminal (or
/// an SSH link) would run it: everything it writes is kept with the time it arrived, and keys
/// are written to it as a terminal would send them.
final class TerminalProcess: @unchecked Sendable {
    let process = Process()
    /// The wall clock (ns) just before the process was started.
    let startedAt: Int64
    private let master: Int32
    private let lock = NSLock()
    private var output: [UInt8] = []
    /// The end offset of each chunk read, with its arrival (monotonic seconds).
    private var chunks: [(end: Int, time: Double)] = []
    private var readerDone = false

    init(arguments: [String], environment: [String: String], columns: Int = 200, rows: Int = 50) throws {
        master = PseudoTerminal.openMaster()
        guard master >= 0, PseudoTerminal.unlock(master), let name = PseudoTerminal.slaveName(master) else {
            throw BenchError.failed("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError.failed("cannot open \(name)") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: Binaries.path("xentui"))
        process.arguments = arguments
        process.environment = environment
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = FileHandle.nullDevice
        startedAt = realtimeNanoseconds()
        try process.run()
        try? terminal.close()
        let reader = Thread { [self] in readLoop() }
        reader.start()
    }

    var pid: Int32 { process.processIdentifier }

    private func readLoop() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            if ready == 0 {
                if !process.isRunning { break }
                continue
            }
            let count = read(master, &chunk, chunk.count)
            if count <= 0 { break }
            let time = now()
            lock.withLock {
                output += chunk[..<count]
                chunks.append((output.count, time))
            }
        }
        lock.withLock { readerDone = true }
    }

    /// Bytes written to the terminal so far.
    var byteCount: Int { lock.withLock { output.count } }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// When `needle` first arrived at or after `offset` (monotonic seconds), waiting up to `timeout`.
    func waitFor(_ needle: String, after offset: Int, timeout: Double) -> Double? {
        let pattern = Array(needle.utf8)
        let deadline = now() + timeout
        while now() < deadline {
            let found: Double? = lock.withLock {
                guard let end = Self.find(pattern, in: output, from: offset) else { return nil }
                return chunks.first { $0.end >= end }?.time
            }
            if let found { return found }
            usleep(1000)
        }
        return nil
    }

    /// Waits until output starts after `offset` and then stays quiet for `quiet` seconds; the
    /// arrival of the first new byte and the byte count at the end (nil first byte: nothing came).
    func waitForQuiet(after offset: Int, quiet: Double, timeout: Double) -> (firstByte: Double?, end: Int) {
        let deadline = now() + timeout
        while now() < deadline {
            let (first, last, count) = lock.withLock { () -> (Double?, Double?, Int) in
                let first = chunks.first { $0.end > offset }?.time
                return (first, chunks.last?.time, output.count)
            }
            if let first, let last, now() - last >= quiet { return (first, count) }
            usleep(2000)
        }
        return (lock.withLock { chunks.first { $0.end > offset }?.time }, byteCount)
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from offset: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count - offset >= pattern.count else { return nil }
        var index = max(offset, 0)
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], Array(bytes[index..<(index + pattern.count)]) == pattern { return index + pattern.count }
            index += 1
        }
        return nil
    }

    /// Quits with `q` (so caches are saved), then SIGTERM and SIGKILL if it lingers.
    func quit(timeout: Double = 60) {
        if process.isRunning { send("q") }
        var deadline = now() + timeout
        while process.isRunning, now() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        deadline = now() + 5
        while process.isRunning, now() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        deadline = now() + 2
        while !lock.withLock({ readerDone }), now() < deadline { usleep(10_000) }
        close(master)
    }

    deinit { if process.isRunning { quit(timeout: 1) } }
}

/// posix_openpt, unlockpt and ptsname: Swift's Glibc module leaves them out (they need
/// _XOPEN_SOURCE), so they are looked up in the C library at run time.
enum PseudoTerminal {
    private typealias Open = @convention(c) (Int32) -> Int32
    private typealias Unlock = @convention(c) (Int32) -> Int32
    private typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    private static func function<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    static func openMaster() -> Int32 { function("posix_openpt", as: Open.self)?(O_RDWR | O_NOCTTY) ?? -1 }
    static func unlock(_ master: Int32) -> Bool { function("unlockpt", as: Unlock.self)?(master) == 0 }
    static func slaveName(_ master: Int32) -> String? {
        function("ptsname", as: Name.self)?(master).map { String(cString: $0) }
    }
}

/// What `/proc` tells about a running process.
enum ProcessStats {
    /// Resident memory in bytes (`VmRSS`), or its peak (`VmHWM`).
    static func residentBytes(_ pid: Int32, peak: Bool = false) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let key = peak ? "VmHWM:" : "VmRSS:"
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes * 1024
    }

    /// CPU seconds used so far (user + system).
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
