import Inventory
import Terminal

/// One metric over a range as a block graph: a title line, `rows` plot rows with a y axis
/// (top and zero labelled with units), each column one point or the mean of several, eight
/// levels per cell. A gap stays empty; a zero is a thin line so it differs from a gap.
struct StatsGraph {
    static let axisWidth = 9

    let title: String
    let metric: StatsMetric
    let series: StatsSeries?
    /// The graph's top (CPU: 100%; memory: what the object has; rates: a round ceiling).
    let maximum: Double
    let theme: Theme

    /// `CPU        14%  peak 38%`.
    func titleLine(detail: String? = nil) -> [Span] {
        let latest = series?.latest
        var spans = [Span(title.padded(toWidth: DetailsLines.labelWidth), style: theme.style(.header))]
        spans.append(Span(latest.map { StatsFormat.value($0, metric: metric) } ?? "–", style: theme.style(role(latest ?? 0))))
        if let detail { spans.append(Span("  " + detail, style: theme.style(.textDim))) }
        return spans
    }

    /// The plot rows, `width` columns wide including the axis.
    func plotLines(width: Int, rows: Int) -> [[Span]] {
        guard rows > 0 else { return [] }
        let columns = max(1, width - Self.axisWidth - 1)
        let values = Self.resample(series?.values ?? [], to: columns)
        let axisStyle = theme.style(.textDim)
        var lines: [[Span]] = []
        for row in 0..<rows {
            let fromBottom = rows - 1 - row
            let label: String
            if row == 0 {
                label = StatsFormat.value(maximum, metric: metric)
            } else if fromBottom == 0 {
                label = StatsFormat.value(0, metric: metric)
            } else {
                label = ""
            }
            var spans = [Span(label.leftPadded(toWidth: Self.axisWidth - 1) + " " + (label.isEmpty ? "│" : "┤"), style: axisStyle)]
            for value in values {
                spans.append(Span(String(cell(value, fromBottom: fromBottom, rows: rows)), style: theme.style(role(value))))
            }
            lines.append(Self.merged(spans))
        }
        return lines
    }

    /// `└-10m────-5m────now` under the last graph.
    static func timeAxis(range: StatsRange, width: Int, theme: Theme) -> [Span] {
        let columns = max(1, width - axisWidth - 1)
        var axis = Array(repeating: Character("─"), count: columns)
        let labels: (String, String) = switch range {
        case .tenMinutes: ("-10m", "-5m")
        case .twoHours: ("-2h", "-1h")
        case .week: ("-7d", "-3.5d")
        }
        func place(_ text: String, at start: Int) {
            for (offset, character) in text.enumerated() where start + offset >= 0 && start + offset < columns {
                axis[start + offset] = character
            }
        }
        if columns >= 14 { place(labels.1, at: columns / 2 - labels.1.count / 2) }
        if columns >= 8 { place(labels.0, at: 0) }
        place("now", at: columns - 3)
        return [Span(String(repeating: " ", count: axisWidth) + "└" + String(axis), style: theme.style(.textDim))]
    }

    private func cell(_ value: Double, fromBottom: Int, rows: Int) -> Character {
        guard value.isFinite else { return " " }
        let eighths = maximum > 0 ? Int((min(max(value / maximum, 0), 1) * Double(rows * 8)).rounded()) : 0
        let filled = eighths - fromBottom * 8
        if filled >= 8 { return "█" }
        if filled <= 0 { return fromBottom == 0 && eighths == 0 ? "▁" : " " }
        return Sparkline.levels[filled - 1]
    }

    private func role(_ value: Double) -> ThemeRole {
        switch metric {
        case .cpu, .memory: ThemeRole.usage(maximum > 0 && value.isFinite ? value / maximum : 0)
        default: .usageLow
        }
    }

    /// `values` in `columns` columns: each the mean of the finite points it covers (a gap if none).
    static func resample(_ values: [Double], to columns: Int) -> [Double] {
        guard !values.isEmpty, columns > 0 else { return Array(repeating: .nan, count: max(columns, 0)) }
        if values.count == columns { return values }
        return (0..<columns).map { column in
            let low = column * values.count / columns
            let high = max(low + 1, (column + 1) * values.count / columns)
            let finite = values[low..<min(high, values.count)].filter(\.isFinite)
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
    }

    /// Adjacent spans of one style as one, so lines stay short in memory and in golden diffs.
    static func merged(_ spans: [Span]) -> [Span] {
        var out: [Span] = []
        for span in spans {
            if let last = out.last, last.style == span.style {
                out[out.count - 1].text += span.text
            } else {
                out.append(span)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(toWidth width: Int) -> String {
        let used = displayWidth(of: self)
        return used >= width ? self : String(repeating: " ", count: width - used) + self
    }
}
