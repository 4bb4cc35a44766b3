#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time the current thread spends in `body`. Unlike wall-clock time it does not grow
/// when other tests or processes compete for the cores, so ratios between two runs compare
/// the work alone. `body` must be synchronous (it stays on this thread).
func threadCPUTime(_ body: () throws -> Void) rethrows -> Duration {
    func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }
    let start = now()
    try body()
    return now() - start
}
