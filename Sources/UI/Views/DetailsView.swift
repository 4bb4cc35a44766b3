import Inventory
import Terminal
import XAPI

/// The right pane: the selection's name and state, its tabs, and the current tab's content.
enum DetailsView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout FrameBuffer, rect: Rect, focused: Bool) {
        guard rect.width > 2, rect.height > 0, let row = state.selectedRow, let entry = state.pool(named: row.id.pool) else { return }
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        drawHeading(row, entry: entry, theme: theme, into: &buffer, rect: inner)
        guard inner.height > 1 else { return }
        let tabs = DetailsTab.tabs(for: row.id.kind)
        let selected = tabs[min(state.detailsTab, tabs.count - 1)]
        var x = inner.x
        for tab in tabs {
            let role: ThemeRole = tab == selected ? .header : .textDim
            var style = theme.style(role)
            if tab == selected, focused { style.attributes.insert(.underline) }
            let used = buffer.put(tab.rawValue, x: x, y: inner.y + 1, style: style, maxWidth: inner.maxX - x)
            x += used + 2
            if x >= inner.maxX { break }
        }
        var lines = DetailsLines(entry: entry, theme: theme, logPane: state.logPane, now: state.now, width: inner.width).lines(for: row.id, tab: selected)
        let stats = StatsLines(state: state, theme: theme, width: inner.width)
        if selected == .stats { lines = stats.tab(for: row.id, height: inner.height - 2) }
        if selected == .general { lines += stats.summary(for: row.id) }
        for (offset, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + 2 + offset, maxWidth: inner.width)
        }
    }

    /// `web-01                ● Running on xcp-host-02`: the name left, the state right.
    static func drawHeading(_ row: TreeRow, entry: PoolEntry, theme: Theme, into buffer: inout FrameBuffer, rect: Rect) {
        let status = statusSpans(row, entry: entry, theme: theme)
        let statusWidth = status.reduce(0) { $0 + displayWidth(of: $1.text) }
        let nameRoom = max(0, rect.width - statusWidth - 2)
        var titleStyle = theme.style(.title)
        titleStyle.attributes.insert(.bold)
        buffer.put(row.name.truncated(toWidth: max(nameRoom, min(rect.width, 8))), x: rect.x, y: rect.y, style: titleStyle)
        if statusWidth + 2 <= rect.width - min(displayWidth(of: row.name), 8) {
            buffer.put(status, x: rect.maxX - statusWidth, y: rect.y)
        }
    }

    static func statusSpans(_ row: TreeRow, entry: PoolEntry, theme: Theme) -> [Span] {
        let inventory = entry.inventory
        switch row.id.kind {
        case .vm:
            guard let vm = inventory.vms[Ref(row.id.ref)] else { return [] }
            let role = ThemeRole.power(Glyphs.powerName(vm.power_state)) ?? .statusError
            var text = " " + Glyphs.powerName(vm.power_state)
            if let host = inventory.hosts[vm.resident_on] { text += " on " + host.name_label }
            return [Span(Glyphs.power(vm.power_state), style: theme.style(role)), Span(text, style: theme.style(.text))]
        case .host:
            guard let host = inventory.hosts[Ref(row.id.ref)] else { return [] }
            return host.enabled ? [Span("enabled", style: theme.style(.statusOK))] : [Span("maintenance", style: theme.style(.statusWarn))]
        case .pool:
            return [Span(Plural.count(entry.tree.hosts.count, "host") + " · " + Plural.count(entry.vmCount, "VM"), style: theme.style(.textDim))]
        case .sr, .network, .storageGroup, .networkGroup:
            return [Span(row.poolSuffix ?? entry.displayName, style: theme.style(.textDim))]
        }
    }
}
