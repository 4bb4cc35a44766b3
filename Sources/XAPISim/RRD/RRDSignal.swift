#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How one data source moves: smooth daily and hourly waves plus a little noise, all pure
/// functions of (time, data source key), so every request sees the same history.
struct RRDSignal: Sendable {
    enum Shape: Sendable {
        /// A fraction in 0...1 (CPU).
        case fraction
        /// A non-negative quantity (rates, latencies, free memory) bounded above.
        case bounded(maximum: Double)
        /// Never moves (sizes, totals).
        case constant
    }

    let base: Double
    let swing: Double
    let shape: Shape
    let key: UInt64

    func value(at time: Int64, step: Int64, consolidation: RRDUpdatesQuery.ConsolidationFunction) -> Double {
        if case .constant = shape { return base }
        let phase1 = Double(key & 0xFFFF) / 65536 * 2 * .pi
        let phase2 = Double((key >> 16) & 0xFFFF) / 65536 * 2 * .pi
        let phase3 = Double((key >> 32) & 0xFFFF) / 65536 * 2 * .pi
        let t = Double(time)
        let wave = 0.55 * sin(2 * .pi * t / 86_400 + phase1) + 0.3 * sin(2 * .pi * t / 3_607 + phase2)
            + 0.15 * sin(2 * .pi * t / 613 + phase3)
        let bucket = UInt64(bitPattern: time / max(step, 1))
        let noise = RRDSignal.unit(key ^ (bucket &* 0x9E37_79B9_7F4A_7C15)) * 2 - 1
        var value = base + swing * (0.8 * wave + 0.2 * noise)
        // Coarser archives hide wider excursions between their MIN and MAX.
        let spread = swing * min(1, 0.15 + log10(Double(max(step, 5)) / 5) / 4)
        switch consolidation {
        case .average: break
        case .min: value -= spread * (0.5 + 0.5 * RRDSignal.unit(key &+ bucket))
        case .max: value += spread * (0.5 + 0.5 * RRDSignal.unit(key &+ bucket &+ 1))
        }
        switch shape {
        case .fraction: return min(max(value, 0), 1)
        case .bounded(let maximum): return min(max(value, 0), maximum)
        case .constant: return base
        }
    }

    /// A hash of `x` mapped to [0, 1) (SplitMix64's finaliser).
    static func unit(_ x: UInt64) -> Double {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }
}
