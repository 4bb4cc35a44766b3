/// Waits between reconnection attempts: `initial`, doubling, at most `maximum` seconds.
public struct Backoff: Sendable, Hashable {
    public var initial: Double
    public var maximum: Double

    public init(initial: Double = 1, maximum: Double = 30) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before attempt `attempt` (1-based).
    public func delay(attempt: Int) -> Double {
        var delay = initial
        for _ in 1..<max(1, attempt) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }
}
