import Dispatch
import Inventory
import Synchronization

/// Writes the log pane's entries to the persistent log (PRODUCT §5) on a serial queue of its
/// own, in the order they came, so the main actor never waits for the disk. A failure is
/// reported once (one pane entry, not one per line) until a write succeeds again.
public final class LogFileWriter: Sendable {
    public let log: PersistentLog
    private let queue = DispatchQueue(label: "xentui.persistent-log")
    /// Whether the last failure was reported and no write has succeeded since.
    private let failing = Mutex(false)
    private let onFailure: @Sendable (PersistentLogError) -> Void

    /// `onFailure` runs on the writer's queue, once per run of failures.
    public init(log: PersistentLog, onFailure: @escaping @Sendable (PersistentLogError) -> Void) {
        self.log = log
        self.onFailure = onFailure
    }

    public func write(_ entries: [LogEntry]) {
        guard !entries.isEmpty else { return }
        queue.async { [self] in
            for entry in entries {
                do throws(PersistentLogError) {
                    try log.append(entry)
                    failing.withLock { $0 = false }
                } catch {
                    let first = failing.withLock { failing in
                        defer { failing = true }
                        return !failing
                    }
                    if first { onFailure(error) }
                }
            }
        }
    }

    /// Returns once everything handed to `write` before the call is on disk (tests, quitting).
    public func flushed() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async { done.resume() }
        }
    }

    /// The last `count` entries of earlier runs, read on the writer's queue.
    public func earlierEntries(last count: Int) async -> LogExcerpt {
        await withCheckedContinuation { (done: CheckedContinuation<LogExcerpt, Never>) in
            queue.async { [log] in done.resume(returning: log.read(last: count)) }
        }
    }
}
