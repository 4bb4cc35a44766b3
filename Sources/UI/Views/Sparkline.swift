import Inventory

/// `▁▂▃▅▇▅▃▂`: one character per point, eight levels, a space for a gap.
enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The newest `width` points of `values`, scaled to `maximum` (values above it are full).
    static func text(_ values: [Double], width: Int, maximum: Double) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let padding = String(repeating: " ", count: width - shown.count)
        return padding + String(shown.map { level($0, maximum: maximum) })
    }

    static func level(_ value: Double, maximum: Double) -> Character {
        guard value.isFinite else { return " " }
        let fraction = maximum > 0 ? min(max(value / maximum, 0), 1) : 0
        return levels[min(Int(fraction * Double(levels.count - 1) + 0.5), levels.count - 1)]
    }
}

/// Numbers with units, short enough for axes and rows: `14%`, `2.1 GiB`, `1.2 MB/s`.
enum StatsFormat {
    static func value(_ value: Double, metric: StatsMetric) -> String {
        switch metric {
        case .cpu: return percent(value)
        case .memory, .memoryTotal: return ByteCount.format(Int64(max(0, value).rounded()))
        case .networkReceive, .networkSend, .diskRead, .diskWrite: return rate(value)
        }
    }

    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        return "\(Int((fraction * 100).rounded()))%"
    }

    /// Decimal units, as network and disk rates usually are: `850 B/s`, `1.2 MB/s`.
    static func rate(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite else { return "–" }
        let units = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s"]
        var value = max(0, bytesPerSecond)
        var unit = 0
        while value >= 999.5, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if value >= 10 || unit == 0 { return "\(Int(value.rounded())) \(units[unit])" }
        let tenths = (value * 10).rounded() / 10
        return tenths.rounded() == tenths ? "\(Int(tenths)) \(units[unit])" : "\(tenths) \(units[unit])"
    }

    /// A round top for a graph of rates: 1, 2 or 5 × 10ⁿ, at least `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= value { magnitude *= 10 }
        while magnitude > value { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}
