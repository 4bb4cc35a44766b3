import XAPI

/// Every series of one object: per range, per metric.
public struct ObjectStats: Sendable, Equatable {
    public private(set) var series: [StatsRange: [StatsMetric: StatsSeries]] = [:]
    public let objectClass: StatsSample.ObjectClass

    public init(objectClass: StatsSample.ObjectClass) { self.objectClass = objectClass }

    public func series(_ metric: StatsMetric, _ range: StatsRange) -> StatsSeries? { series[range]?[metric] }

    mutating func record(_ metric: StatsMetric, _ value: Double, at time: Int64, range: StatsRange) {
        series[range, default: [:]][metric, default: StatsSeries(range: range)].record(value, at: time)
    }
}

/// The stats of every polled object of every pool, by pool name and object uuid. Each
/// object holds at most 6 metrics × (120 + 120 + 168) points, whatever the run's length.
public struct StatsStore: Sendable, Equatable {
    private var pools: [String: [String: ObjectStats]] = [:]

    public init() {}

    public func object(pool: String, uuid: String) -> ObjectStats? { pools[pool]?[uuid] }

    public var isEmpty: Bool { pools.values.allSatisfy(\.isEmpty) }

    /// Takes in one reply for `range` (rows at that range's step).
    public mutating func record(_ updates: RRDUpdates, range: StatsRange, pool: String) {
        let sample = StatsSample(updates)
        for (uuid, object) in sample.objects {
            var stats = pools[pool]?[uuid] ?? ObjectStats(objectClass: object.objectClass)
            // Oldest first, so that the window only moves forward.
            for row in object.rows.sorted(by: { $0.time < $1.time }) {
                for metric in StatsMetric.allCases {
                    stats.record(metric, row.metrics[metric] ?? .nan, at: row.time, range: range)
                }
            }
            pools[pool, default: [:]][uuid] = stats
        }
    }

    /// Forgets objects that no longer exist (their uuids are not in `keeping`).
    public mutating func prune(pool: String, keeping uuids: Set<String>) {
        pools[pool] = pools[pool]?.filter { uuids.contains($0.key) }
    }

    /// The sum (or for CPU the mean) of several objects' series, for host and pool totals; nil
    /// until every object has reported, since a total of some of them would be wrong.
    public func total(_ metric: StatsMetric, _ range: StatsRange, pool: String, uuids: [String]) -> StatsSeries? {
        let parts = uuids.compactMap { object(pool: pool, uuid: $0)?.series(metric, range) }
        guard !parts.isEmpty, parts.count == uuids.count else { return nil }
        if metric == .cpu { return StatsSeries.combined(parts) { $0.reduce(0, +) / Double($0.count) } }
        return StatsSeries.combined(parts) { $0.reduce(0, +) }
    }
}
