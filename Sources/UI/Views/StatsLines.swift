import Inventory
import Terminal
import XAPI

/// The stats of a VM, a host or a pool (the total of its hosts) as lines: the Stats tab's
/// graphs, the General tab's sparklines, and a tree row's sparkline.
struct StatsLines {
    let state: AppState
    let theme: Theme
    let width: Int

    static let graphs: [(title: String, metric: StatsMetric)] = [
        ("CPU", .cpu), ("Memory", .memory), ("Net in", .networkReceive), ("Net out", .networkSend),
        ("Disk read", .diskRead), ("Disk write", .diskWrite),
    ]

    func series(_ metric: StatsMetric, _ range: StatsRange, for id: TreeNodeID) -> StatsSeries? {
        if id.kind == .pool {
            guard let entry = state.pool(named: id.pool) else { return nil }
            let uuids = entry.tree.hosts.compactMap { entry.inventory.hosts[$0.ref]?.uuid }
            return state.stats.total(metric, range, pool: id.pool, uuids: uuids)
        }
        guard let uuid = state.statsUUID(id) else { return nil }
        return state.stats.object(pool: id.pool, uuid: uuid)?.series(metric, range)
    }

    func hasData(for id: TreeNodeID) -> Bool {
        StatsRange.allCases.contains { series(.cpu, $0, for: id).map { !$0.isEmpty } ?? false }
    }

    func maximum(_ metric: StatsMetric, _ range: StatsRange, for id: TreeNodeID, series: StatsSeries?) -> Double {
        switch metric {
        case .cpu: return 1
        case .memory, .memoryTotal:
            let total = self.series(.memoryTotal, range, for: id)?.latest ?? series?.maximum ?? 0
            return total > 0 ? total : 1
        case .networkReceive, .networkSend, .diskRead, .diskWrite:
            return StatsFormat.niceCeiling(series?.maximum ?? 0)
        }
    }

    func graph(_ title: String, _ metric: StatsMetric, range: StatsRange, for id: TreeNodeID) -> StatsGraph {
        let series = series(metric, range, for: id)
        return StatsGraph(title: title, metric: metric, series: series, maximum: maximum(metric, range, for: id, series: series), theme: theme)
    }

    /// The Stats tab in `height` lines: the range switch, then a graph per metric when each
    /// gets at least one plot row, else one sparkline line per metric.
    func tab(for id: TreeNodeID, height: Int) -> [[Span]] {
        let range = state.statsRange
        var lines: [[Span]] = [rangeLine(range)]
        guard hasData(for: id) else {
            let why: String
            if id.kind == .vm, let vm = state.pool(named: id.pool)?.inventory.vms[Ref(id.ref)],
                vm.power_state != .running && vm.power_state != .paused {
                why = "No stats: the VM is \(Glyphs.powerName(vm.power_state).lowercased())."
            } else {
                why = "Waiting for stats (polled every 5 s)…"
            }
            lines.append([Span(why, style: theme.style(.textDim))])
            return lines
        }
        let room = height - lines.count - 1  // the time axis
        let plotRows = min(room / Self.graphs.count - 1, 6)
        if plotRows >= 1 {
            for (title, metric) in Self.graphs {
                let graph = graph(title, metric, range: range, for: id)
                lines.append(graph.titleLine(detail: detail(metric, graph: graph, range: range, for: id)))
                lines += graph.plotLines(width: width, rows: plotRows)
            }
        } else {
            for (title, metric) in Self.graphs {
                lines.append(sparkLine(title, metric, range: range, for: id, width: width))
            }
        }
        lines.append(StatsGraph.timeAxis(range: range, width: plotRows >= 1 ? width : width, theme: theme))
        return lines
    }

    /// `10 min  2 h  1 week   r switches`: the selected range stands out.
    func rangeLine(_ selected: StatsRange) -> [Span] {
        var spans: [Span] = []
        for range in StatsRange.allCases {
            var style = theme.style(range == selected ? .header : .textDim)
            if range == selected { style.attributes.insert(.underline) }
            spans.append(Span(range.title, style: style))
            spans.append(Span("  "))
        }
        spans.append(Span("r switches", style: theme.style(.textDim)))
        return spans
    }

    private func detail(_ metric: StatsMetric, graph: StatsGraph, range: StatsRange, for id: TreeNodeID) -> String? {
        switch metric {
        case .memory: return "of " + StatsFormat.value(graph.maximum, metric: .memory)
        default:
            guard let peak = graph.series?.maximum else { return nil }
            return "peak " + StatsFormat.value(peak, metric: metric)
        }
    }

    /// `CPU        ▁▂▃▅▇▅▃▂  14%`: the label, the newest points, the latest value.
    func sparkLine(_ title: String, _ metric: StatsMetric, range: StatsRange, for id: TreeNodeID, width: Int) -> [Span] {
        let series = series(metric, range, for: id)
        let maximum = maximum(metric, range, for: id, series: series)
        let latest = series?.latest
        let value = latest.map { StatsFormat.value($0, metric: metric) } ?? "–"
        let room = max(4, min(24, width - DetailsLines.labelWidth - displayWidth(of: value) - 2))
        let role = metric == .cpu || metric == .memory ? ThemeRole.usage((latest ?? 0) / maximum) : .usageLow
        return [
            Span(title.padded(toWidth: DetailsLines.labelWidth), style: theme.style(.textDim)),
            Span(Sparkline.text(series?.values ?? [], width: room, maximum: maximum), style: theme.style(role)),
            Span("  " + value, style: theme.style(.text)),
        ]
    }

    /// The General tab's lines (CPU, memory, network over 10 minutes); none before any data.
    func summary(for id: TreeNodeID) -> [[Span]] {
        guard hasData(for: id) else { return [] }
        var lines = [sparkLine("CPU", .cpu, range: .tenMinutes, for: id, width: width),
                     sparkLine("Memory", .memory, range: .tenMinutes, for: id, width: width)]
        let receive = series(.networkReceive, .tenMinutes, for: id)?.latest
        let send = series(.networkSend, .tenMinutes, for: id)?.latest
        var network = sparkLine("Network", .networkReceive, range: .tenMinutes, for: id, width: width - 12)
        network[network.count - 1].text = "  ↓" + StatsFormat.rate(receive ?? .nan) + " ↑" + StatsFormat.rate(send ?? .nan)
        lines.append(network)
        return lines
    }

    /// The tree row's CPU sparkline (10 minutes), `width` columns; nil without data.
    func rowSparkline(for id: TreeNodeID, width: Int) -> Span? {
        guard id.kind == .vm || id.kind == .host, let series = series(.cpu, .tenMinutes, for: id), !series.isEmpty else { return nil }
        return Span(Sparkline.text(series.values, width: width, maximum: 1), style: theme.style(ThemeRole.usage(series.latest ?? 0)))
    }
}
