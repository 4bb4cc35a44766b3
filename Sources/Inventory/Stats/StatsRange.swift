/// The RRD archives xentui shows: each is one of xcp-rrdd's own resolutions, so a graph is
/// the server's data point for point, never resampled.
public enum StatsRange: Int, CaseIterable, Hashable, Sendable, Comparable {
    /// 120 points of 5 s.
    case tenMinutes
    /// 120 points of 1 min.
    case twoHours
    /// 168 points of 1 h.
    case week

    /// Seconds between points.
    public var step: Int64 {
        switch self {
        case .tenMinutes: 5
        case .twoHours: 60
        case .week: 3_600
        }
    }

    public var points: Int {
        switch self {
        case .tenMinutes, .twoHours: 120
        case .week: 168
        }
    }

    public var seconds: Int64 { step * Int64(points) }

    public var title: String {
        switch self {
        case .tenMinutes: "10 min"
        case .twoHours: "2 h"
        case .week: "1 week"
        }
    }

    /// The next range, round again (the Stats tab's range key).
    public var next: StatsRange { StatsRange(rawValue: rawValue + 1) ?? .tenMinutes }

    public static func < (lhs: StatsRange, rhs: StatsRange) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the stats keep per object, derived from the RRD's data sources (StatsSample).
public enum StatsMetric: String, CaseIterable, Hashable, Sendable {
    /// Fraction 0…1 of the object's CPUs (VM: `cpu_usage` or the mean of `cpuN`; host: `cpu_avg`).
    case cpu
    /// Bytes in use (VM: `memory` less `memory_internal_free`; host: total less free).
    case memory
    /// Bytes the object has (VM: `memory`; host: `memory_total_kib`), the memory graph's top.
    case memoryTotal
    /// Bytes per second, summed over the VIFs (VM) or physical interfaces (host).
    case networkReceive, networkSend
    /// Bytes per second, summed over the VBDs (VM) or the resident VMs' VBDs (host).
    case diskRead, diskWrite
}
