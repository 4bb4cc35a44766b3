import Inventory
import Terminal
import XAPI

/// The left pane: the visible rows with indentation, fold and power glyphs, counts and badges.
enum TreeView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout FrameBuffer, rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        var area = rect
        if state.leftView != .tree {
            let title = "\(state.leftView.title) (\(state.rows.count))"
            buffer.put(" " + title, x: area.x, y: area.y, style: theme.style(.header), maxWidth: area.width)
            area = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        if let error = state.filterError, area.height > 2 {
            drawFilterError(error, theme: theme, into: &buffer, x: area.x, y: area.maxY - 1, width: area.width)
            area = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        }
        if state.isEditingFilter || state.filter != nil || state.filterError != nil, area.height > 1 {
            drawFilterLine(state, theme: theme, into: &buffer, x: area.x, y: area.maxY - 1, width: area.width)
            area = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        }
        guard area.height > 0 else { return }
        if state.rows.isEmpty {
            let message = state.filter != nil ? "Nothing matches the filter" : "Connecting…"
            buffer.put(" " + message, x: area.x, y: area.y, style: theme.style(.textDim), maxWidth: area.width)
            return
        }
        let cursor = state.cursorIndex
        let badges = TreeBadges(state)
        let scroll = visibleScroll(state, height: area.height)
        for line in 0..<area.height {
            let index = scroll + line
            guard index < state.rows.count else { break }
            let y = area.y + line
            drawRow(state.rows[index], badge: badges.badge(for: state.rows[index]), state: state, theme: theme, into: &buffer,
                    x: area.x, y: y, width: area.width)
            if index == cursor {
                buffer.updateStyle(in: Rect(x: area.x, y: y, width: area.width, height: 1)) { style in
                    let selection = theme.style(focused ? .selection : .selectionUnfocused)
                    style.background = selection.background
                    style.attributes.formUnion(selection.attributes)
                    if selection.foreground != .default { style.foreground = selection.foreground }
                }
            }
        }
    }

    /// The state's scroll, corrected so that the cursor is visible in `height` rows.
    static func visibleScroll(_ state: AppState, height: Int) -> Int {
        var scroll = state.scroll
        if let cursor = state.cursorIndex {
            if cursor < scroll { scroll = cursor }
            if cursor >= scroll + height { scroll = cursor - height + 1 }
        }
        return max(0, min(scroll, max(0, state.rows.count - height)))
    }

    static func rowSpans(_ row: TreeRow, badge: TreeBadges.Badge, state: AppState, theme: Theme) -> [Span] {
        // A marked VM has `*` in the first column, so marking shifts nothing.
        var spans: [Span] = state.isMarked(row.id)
            ? [Span("*", style: theme.style(.badge)), Span(String(repeating: "  ", count: row.depth))]
            : [Span(" " + String(repeating: "  ", count: row.depth))]
        if let power = row.power {
            spans.append(Span(Glyphs.power(power), style: theme.style(ThemeRole.power(Glyphs.powerName(power)) ?? .statusError)))
        } else if let folded = row.folded {
            spans.append(Span(folded ? Glyphs.folded : Glyphs.unfolded, style: theme.style(.textDim)))
        } else {
            spans.append(Span("•", style: theme.style(.textDim)))
        }
        let nameStyle: CellStyle
        switch row.id.kind {
        case .pool: nameStyle = theme.poolTitleStyle(accent: state.pool(named: row.id.pool)?.accent)
        case .storageGroup, .networkGroup: nameStyle = theme.style(.textDim)
        default: nameStyle = theme.style(.text)
        }
        spans.append(Span(" ", style: nameStyle))
        if let highlight = state.filterHighlight, !highlight.isEmpty, state.isFilterMatch(row.id) {
            let marks = highlight.marks(in: row.name)
            spans += JumpView.runs(Array(row.name), marked: { marks[$0] }, plain: nameStyle, match: theme.style(.match, over: nameStyle))
        } else {
            spans.append(Span(row.name, style: nameStyle))
        }
        // current_operations says an operation runs even before its task is seen; the count says how many.
        if badge.tasks > 1 {
            spans.append(Span(" " + Glyphs.busy + "\(badge.tasks)", style: theme.style(.badge)))
        } else if row.busy || badge.tasks == 1 {
            spans.append(Span(" " + Glyphs.busy, style: theme.style(.badge)))
        }
        if badge.errors > 0 { spans.append(Span(" ✗\(badge.errors)", style: theme.style(.statusError))) }
        if PVDriversBadge.isMissing(row, state: state) { spans.append(Span(" " + PVDriversBadge.text, style: theme.style(.statusWarn))) }
        if let counts = row.counts, !counts.isEmpty {
            spans.append(Span("  "))
            if counts.running > 0 {
                spans.append(Span(Glyphs.power(.running), style: theme.style(.powerRunning)))
                spans.append(Span(" \(counts.running)", style: theme.style(.text)))
            }
            if counts.halted > 0 {
                if counts.running > 0 { spans.append(Span("  ")) }
                spans.append(Span(Glyphs.power(.halted), style: theme.style(.powerHalted)))
                spans.append(Span(" \(counts.halted)", style: theme.style(.text)))
            }
        }
        if let count = row.childCount, row.folded == true {
            spans.append(Span("  \(count)", style: theme.style(.textDim)))
        }
        if let pool = row.poolSuffix {
            spans.append(Span("  " + pool, style: theme.style(.textDim)))
        }
        return spans
    }

    static func drawRow(_ row: TreeRow, badge: TreeBadges.Badge, state: AppState, theme: Theme, into buffer: inout FrameBuffer, x: Int, y: Int, width: Int) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: theme.style(.text))
        var width = width
        // `S`: the CPU sparkline at the row's end, when the row has room for a name as well.
        if state.showSparklines, width >= 24 {
            let sparkWidth = min(10, width / 4)
            if let spark = StatsLines(state: state, theme: theme, width: width).rowSparkline(for: row.id, width: sparkWidth) {
                buffer.put(spark.text, x: x + width - sparkWidth - 1, y: y, style: spark.style)
            }
            width -= sparkWidth + 2
        }
        let spans = rowSpans(row, badge: badge, state: state, theme: theme)
        let total = spans.reduce(0) { $0 + displayWidth(of: $1.text) }
        if total <= width {
            buffer.put(spans, x: x, y: y, maxWidth: width)
        } else {
            // Too narrow: the name is cut with an ellipsis so that the glyphs stay readable.
            let text = spans.map(\.text).joined().truncated(toWidth: width)
            buffer.put(spans, x: x, y: y, maxWidth: width)
            let cut = displayWidth(of: text)
            if cut > 0 { buffer.put("…", x: x + cut - 1, y: y, style: theme.style(.textDim)) }
        }
    }

    /// ` / text▏` (the title bar says how many objects match); with a syntax error the character
    /// at its column is marked.
    static func drawFilterLine(_ state: AppState, theme: Theme, into buffer: inout FrameBuffer, x: Int, y: Int, width: Int) {
        var spans = [Span(" / ", style: theme.style(.hintKey))]
        let text = Array(state.filterText)
        if let error = state.filterError, error.column - 1 < text.count {
            let column = max(0, error.column - 1)
            var marked = theme.style(.statusError)
            marked.attributes.insert(.reverse)
            spans += JumpView.runs(text, marked: { $0 == column }, plain: theme.style(.match), match: marked)
        } else {
            spans.append(Span(state.filterText, style: theme.style(.match)))
        }
        if state.isEditingFilter {
            let atEnd = state.filterError.map { $0.column - 1 >= text.count } ?? false
            spans.append(Span("▏", style: theme.style(atEnd ? .statusError : .text)))
        }
        buffer.put(spans, x: x, y: y, maxWidth: width)
    }

    /// Under the filter line: what is wrong and at which column (`✗ col 21: unclosed group`).
    static func drawFilterError(_ error: FilterSyntaxError, theme: Theme, into buffer: inout FrameBuffer, x: Int, y: Int, width: Int) {
        buffer.put(" ✗ col \(error.column): \(error.message)", x: x, y: y, style: theme.style(.statusError), maxWidth: width)
    }
}
