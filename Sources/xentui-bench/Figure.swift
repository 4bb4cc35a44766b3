import Foundation

/// What a figure must reach: at least or at most `value` (in the figure's unit).
struct Goal: Codable, Sendable {
    enum Direction: String, Codable, Sendable { case atLeast, atMost }
    var direction: Direction
    var value: Double

    static func atLeast(_ value: Double) -> Goal { Goal(direction: .atLeast, value: value) }
    static func atMost(_ value: Double) -> Goal { Goal(direction: .atMost, value: value) }

    var text: String { (direction == .atLeast ? "≥ " : "≤ ") + Measured.format(value) }

    func isMet(by measured: Double) -> Bool { direction == .atLeast ? measured >= value : measured <= value }

    /// How far off a measured value is, as a factor (> 1 when the goal is missed).
    func shortfall(of measured: Double) -> Double {
        guard measured > 0 else { return .infinity }
        return direction == .atLeast ? value / measured : measured / value
    }
}

/// One row of the table: several runs of one measurement, with the goal it is held to (none
/// for the rows that only explain another, like the Python client's own time).
struct Figure: Codable, Sendable {
    var id: String
    var title: String
    var unit: String
    var goal: Goal?
    var samples: [Double]
    /// What was measured and how (sizes, protocol, counts), one short line.
    var note: String

    init(id: String, title: String, unit: String, goal: Goal? = nil, samples: [Double], note: String = "") {
        self.id = id
        self.title = title
        self.unit = unit
        self.goal = goal
        self.samples = samples.filter { $0.isFinite }
        self.note = note
    }

    var median: Double { Measured.median(samples) }
    var minimum: Double { samples.min() ?? .nan }
    var maximum: Double { samples.max() ?? .nan }
    var passed: Bool? { goal.map { !samples.isEmpty && $0.isMet(by: median) } }

    var resultText: String {
        guard let goal else { return "info" }
        if samples.isEmpty { return "not measured" }
        if goal.isMet(by: median) { return "pass" }
        return "gap ×" + String(format: "%.1f", goal.shortfall(of: median))
    }

    var spreadText: String {
        samples.count < 2 ? "(1 run)" : "\(Measured.format(minimum))–\(Measured.format(maximum)) (\(samples.count) runs)"
    }
}

/// Statistics and number formatting shared by the scenarios and the report.
enum Measured {
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile (p in 0...100).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Three significant digits, thousands separated: 1,234 / 56.7 / 0.123.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1000 {
            let digits = String(Int64(value.rounded()))
            var grouped = ""
            for (index, character) in digits.reversed().enumerated() {
                if index > 0, index % 3 == 0, character != "-" { grouped.append(",") }
                grouped.append(character)
            }
            return String(grouped.reversed())
        }
        if magnitude >= 100 || value == value.rounded() { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}

/// The wall clock, monotonic, in seconds.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The real-time clock in nanoseconds, comparable with the timestamps xentui writes.
func realtimeNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}
