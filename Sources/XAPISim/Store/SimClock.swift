#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the simulator reads the time (seconds since the epoch); tests pass a manual one.
public typealias SimClock = @Sendable () -> Double

public enum SimClocks {
    /// The wall clock.
    public static let system: SimClock = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
