import Inventory
import Terminal
import XAPI

/// The whole screen as a pure function of the state: one frame per change, which the
/// `Screen` diffs against the last one (ratatui's model).
public enum AppView {
    public static func render(_ state: AppState, keymap: Keymap, theme: Theme, size: Size) -> FrameBuffer {
        var buffer = FrameBuffer(size: size, fill: Cell(" ", style: theme.style(.background)))
        let layout = ScreenLayout(size: size, logHeight: state.logHeight)
        if layout.isTooSmall {
            drawTooSmall(theme: theme, into: &buffer)
            return buffer
        }
        let bounds = buffer.bounds
        let border = theme.style(.border)
        buffer.box(bounds, style: border)
        buffer.horizontalLine(x: 0, y: layout.logTitleY, length: size.width, style: border)
        if let x = layout.separatorX {
            buffer.verticalLine(x: x, y: 0, length: layout.logTitleY + 1, style: border)
        }
        drawTitleBar(state, theme: theme, into: &buffer)
        let logRole: ThemeRole = state.focus == .log ? .borderFocus : .title
        buffer.borderTitle([Span("Tasks & log", style: theme.style(logRole))], rect: bounds, row: layout.logTitleY, style: border)
        let treeFocused = state.focus == .tree || layout.details.isEmpty && state.focus == .details
        TreeView.draw(state, theme: theme, into: &buffer, rect: layout.tree, focused: treeFocused && state.popup == nil)
        if !layout.details.isEmpty {
            DetailsView.draw(state, theme: theme, into: &buffer, rect: layout.details, focused: state.focus == .details)
        }
        // The command line takes the log pane's last row, just above the hint bar.
        var logRect = layout.log
        if state.command != nil, logRect.height > 0 { logRect.height -= 1 }
        LogView.draw(state, theme: theme, into: &buffer, rect: logRect)
        drawHintBar(state, keymap: keymap, theme: theme, into: &buffer)
        if let command = state.command, layout.log.height > 0 {
            let line = Rect(x: layout.log.x, y: layout.log.maxY - 1, width: layout.log.width, height: 1)
            CommandLineView.draw(command, theme: theme, into: &buffer, rect: line)
        }
        if state.popup == .action, let flow = state.actionFlow {
            ActionPopupView.draw(flow, theme: theme, into: &buffer, bounds: bounds)
        } else if state.popup == .jump, let jump = state.jump {
            JumpView.draw(jump, theme: theme, into: &buffer, bounds: bounds)
        } else if case .logDetail(let entry, let scroll) = state.popup, state.log.indices.contains(entry) {
            LogDetailView.draw(LogEntryDetail(state.log[entry]), scroll: scroll, theme: theme, into: &buffer, bounds: bounds)
        } else if case .help(let scroll) = state.popup {
            PopupViews.drawHelp(scroll: scroll, keymap: keymap, readOnly: state.readOnly, theme: theme, into: &buffer, bounds: bounds)
        } else if state.pending.isWaiting,
                  let whichKey = keymap.whichKey(after: state.pending.keys, in: state.keyContext, isAvailable: state.isAvailable) {
            PopupViews.drawWhichKey(whichKey, theme: theme, into: &buffer, bounds: bounds)
        }
        return buffer
    }

    static func drawTooSmall(theme: Theme, into buffer: inout FrameBuffer) {
        guard buffer.height > 0, buffer.width > 0 else { return }
        let message = buffer.width >= 18 ? "terminal too small" : "too small"
        buffer.put(message, x: 0, y: buffer.height / 2, style: theme.style(.statusWarn), maxWidth: buffer.width)
    }

    // MARK: Title bar

    /// `xentui ── prod ▸ xcp-host-02 ▸ web-01` left; markers, connection states, the filter's
    /// match count and totals right.
    static func drawTitleBar(_ state: AppState, theme: Theme, into buffer: inout FrameBuffer) {
        let room = buffer.width - 4
        var right: [[Span]] = []
        if state.demo { right.append([Span("DEMO", style: theme.style(.demo))]) }
        if state.readOnly { right.append([Span("READ-ONLY", style: theme.style(.readonly))]) }
        if !state.marks.isEmpty { right.append([Span("\(state.marks.count) marked", style: theme.style(.badge))]) }
        for entry in state.pools where entry.inventory.state != .live || entry.inventory.isStale {
            right.append(connectionSpans(entry, theme: theme))
        }
        if let count = state.filterMatchCount {
            right.append([Span(count == 1 ? "1 match" : "\(count) matches", style: theme.style(.match))])
        }
        right.append([Span(totals(state), style: theme.style(.title))])
        // Drop what matters least (totals, then matches, then states) until the breadcrumb keeps some room.
        while !right.isEmpty, width(joined(right)) + 12 > room { right.removeLast() }
        let rightSpans = joined(right)
        let rightWidth = width(rightSpans)
        if rightWidth > 0 {
            let x = buffer.width - 2 - rightWidth - 1
            buffer.put(" ", x: x - 1, y: 0, style: theme.style(.border))
            buffer.put(rightSpans + [Span(" ", style: theme.style(.border))], x: x, y: 0)
        }
        let leftRoom = room - (rightWidth > 0 ? rightWidth + 3 : 0)
        // A breadcrumb too long for its room keeps the pool and the selection: `prod ▸ … ▸ web-01`.
        var left = [Span("xentui", style: theme.style(.title))] + breadcrumb(state, theme: theme)
        if width(left) > leftRoom {
            left = [Span("xentui", style: theme.style(.title))] + breadcrumb(state, theme: theme, compact: true)
        }
        guard leftRoom >= 1 else { return }
        buffer.put(" ", x: 1, y: 0, style: theme.style(.border))
        let used = buffer.put(left, x: 2, y: 0, maxWidth: leftRoom)
        buffer.put(" ", x: 2 + used, y: 0, style: theme.style(.border))
    }

    static func joined(_ parts: [[Span]]) -> [Span] {
        var spans: [Span] = []
        for part in parts {
            if !spans.isEmpty { spans.append(Span("  ")) }
            spans += part
        }
        return spans
    }

    static func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + displayWidth(of: $1.text) } }

    static func totals(_ state: AppState) -> String {
        let hosts = state.pools.reduce(0) { $0 + $1.tree.hosts.count }
        let vms = state.pools.reduce(0) { $0 + $1.vmCount }
        let pools = state.pools.count
        return [Plural.count(pools, "pool"), Plural.count(hosts, "host"), Plural.count(vms, "VM")].joined(separator: " · ")
    }

    static func connectionSpans(_ entry: PoolEntry, theme: Theme) -> [Span] {
        let (glyph, word, role): (String, String, ThemeRole)
        switch entry.inventory.state {
        case .live: (glyph, word, role) = ("✓", "live", .statusOK)
        case .connecting: (glyph, word, role) = ("⟳", "connecting", .statusWarn)
        case .loading: (glyph, word, role) = ("⟳", "loading", .statusWarn)
        case .reconnecting: (glyph, word, role) = ("⟳", "reconnecting", .statusWarn)
        case .failed: (glyph, word, role) = ("✗", "failed", .statusError)
        }
        var spans = [Span(entry.name + " ", style: theme.poolTitleStyle(accent: entry.accent)), Span("\(glyph) \(word)", style: theme.style(role))]
        // Until the live load replaces it, the tree shows the inventory saved by the last run.
        if entry.inventory.isStale { spans.append(Span(" · cached", style: theme.style(.statusWarn))) }
        return spans
    }

    static func breadcrumb(_ state: AppState, theme: Theme, compact: Bool = false) -> [Span] {
        guard let row = state.selectedRow, let entry = state.pool(named: row.id.pool) else { return [] }
        let inventory = entry.inventory
        var names: [String] = []
        switch row.id.kind {
        case .pool: break
        case .host: names = [row.name]
        case .vm:
            if let vm = inventory.vms[Ref(row.id.ref)] {
                let host = vm.resident_on.isNull ? vm.affinity : vm.resident_on
                if let hostName = inventory.hosts[host]?.name_label { names.append(hostName) }
            }
            names.append(row.name)
        case .storageGroup, .networkGroup: names = [row.name]
        case .sr: names = ["Storage", row.name]
        case .network: names = ["Networks", row.name]
        }
        if compact, names.count > 1 { names = ["…", names[names.count - 1]] }
        var spans = [Span(" ── ", style: theme.style(.border)), Span(entry.displayName, style: theme.poolTitleStyle(accent: entry.accent))]
        for name in names {
            spans.append(Span(" \(Glyphs.breadcrumb) ", style: theme.style(.textDim)))
            spans.append(Span(name, style: theme.style(.title)))
        }
        return spans
    }

    // MARK: Hint bar

    /// The keys that work now, from the keymap, as many whole hints as fit.
    static func drawHintBar(_ state: AppState, keymap: Keymap, theme: Theme, into buffer: inout FrameBuffer) {
        let hints = keymap.hints(for: state.keyContext, readOnly: state.readOnly, isAvailable: state.isAvailable)
        let room = buffer.width - 4
        var spans: [Span] = []
        var used = 0
        for hint in hints {
            let keys = hint.keys.description
            let width = displayWidth(of: keys) + 1 + displayWidth(of: hint.label) + (spans.isEmpty ? 0 : 2)
            if used + width > room { break }
            if !spans.isEmpty { spans.append(Span("  ", style: theme.style(.hintText))) }
            spans.append(Span(keys, style: theme.style(.hintKey)))
            spans.append(Span(" " + hint.label, style: theme.style(.hintText)))
            used += width
        }
        guard !spans.isEmpty else { return }
        buffer.borderTitle(spans, rect: buffer.bounds, row: buffer.height - 1, style: theme.style(.border))
    }
}
