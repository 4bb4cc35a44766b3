import Foundation
import Synchronization

extension PersistentLog {
    /// The entries written from `position` on (the end of the log when nil), as they arrive, for
    /// as long as the stream is consumed. A thread of its own does the waiting.
    public func follow(from position: LogPosition? = nil, filter: LogFilter = LogFilter()) -> AsyncStream<LogEntry> {
        let (stream, continuation) = AsyncStream.makeStream(of: LogEntry.self)
        let stopped = StopFlag()
        continuation.onTermination = { _ in stopped.stop() }
        // The follower is made before the stream is returned, so nothing written after this call is missed.
        let follower = LogFollower(log: self, from: position, filter: filter)
        let handOff = FollowerHandOff(follower)
        let thread = Thread {
            nameThisThread("xentui log foll")
            let follower = handOff.follower
            while !stopped.isStopped {
                for entry in follower.nextBatch(timeoutMilliseconds: LogFollower.pollMilliseconds) {
                    continuation.yield(entry)
                }
            }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}

private final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func stop() { flag.store(true, ordering: .releasing) }
    var isStopped: Bool { flag.load(ordering: .acquiring) }
}

/// Moves the follower to its thread; nothing else touches it afterwards.
private final class FollowerHandOff: @unchecked Sendable {
    let follower: LogFollower
    init(_ follower: LogFollower) { self.follower = follower }
}

/// Names the calling thread for `top -H` and the tests (Linux keeps 15 bytes); best effort.
private func nameThisThread(_ name: String) {
    #if os(Linux)
    let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = LogFile.writeAll(fd, Array(name.utf8.prefix(15)))
    close(fd)
    #endif
}
