/// One metric at one resolution: a fixed number of slots ending at the newest time seen, so
/// memory stays bounded however long xentui runs. A slot without data is NaN (a gap).
public struct StatsSeries: Sendable {
    public let step: Int64
    public let capacity: Int
    /// The time of the last slot (aligned to `step`); nil until the first value.
    public private(set) var end: Int64?
    /// Oldest first; `values[capacity - 1]` is at `end`.
    public private(set) var values: [Double]

    public init(step: Int64, capacity: Int) {
        self.step = max(step, 1)
        self.capacity = max(capacity, 1)
        values = Array(repeating: .nan, count: max(capacity, 1))
    }

    public init(range: StatsRange) { self.init(step: range.step, capacity: range.points) }

    /// Puts `value` in the slot of `time`; a newer time moves the window on (the slots it
    /// skips become gaps), a time older than the window is dropped.
    public mutating func record(_ value: Double, at time: Int64) {
        let slot = time - ((time % step) + step) % step
        guard let end else {
            self.end = slot
            values[capacity - 1] = value
            return
        }
        if slot > end {
            let shift = (slot - end) / step
            if shift >= Int64(capacity) {
                values = Array(repeating: .nan, count: capacity)
            } else {
                values.removeFirst(Int(shift))
                values.append(contentsOf: repeatElement(.nan, count: Int(shift)))
            }
            self.end = slot
        }
        let back = ((self.end ?? slot) - slot) / step
        guard back < Int64(capacity) else { return }
        values[capacity - 1 - Int(back)] = value
    }

    /// The newest value that is not a gap.
    public var latest: Double? { values.last { !$0.isNaN } }

    public var isEmpty: Bool { end == nil || values.allSatisfy(\.isNaN) }

    /// The largest finite value (nil when there is none).
    public var maximum: Double? { values.filter(\.isFinite).max() }

    /// Series of the same resolution slot by slot, for totals: a slot has a value only when
    /// every part has one there, since a total of some hosts is not the pool's (hosts are polled
    /// one by one, and a reply's newest row is often not consolidated yet). `latest` is then the
    /// newest complete total.
    public static func combined(_ series: [StatsSeries], _ combine: ([Double]) -> Double) -> StatsSeries? {
        let series = series.filter { $0.end != nil }
        guard let first = series.first, let end = series.compactMap(\.end).max() else { return nil }
        var result = StatsSeries(step: first.step, capacity: first.capacity)
        result.end = end
        for index in 0..<first.capacity {
            let time = end - Int64(first.capacity - 1 - index) * first.step
            let parts = series.compactMap { $0.value(at: time) }.filter(\.isFinite)
            if parts.count == series.count { result.values[index] = combine(parts) }
        }
        return result
    }

    /// The value in the slot of `time`, nil outside the window.
    public func value(at time: Int64) -> Double? {
        guard let end, time <= end else { return nil }
        let back = (end - time) / step
        guard back < Int64(capacity) else { return nil }
        return values[capacity - 1 - Int(back)]
    }
}

extension StatsSeries: Equatable {
    public static func == (lhs: StatsSeries, rhs: StatsSeries) -> Bool {
        lhs.step == rhs.step && lhs.capacity == rhs.capacity && lhs.end == rhs.end
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
