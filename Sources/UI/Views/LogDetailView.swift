import Terminal

/// The detail popup of a log pane entry: labelled rows, values wrapped at word boundaries
/// under their label, scrolled by `j`/`k`.
enum LogDetailView {
    static let labelWidth = 14

    /// Nearly the whole screen: details are long and the panes behind them do not matter now.
    static func rect(in bounds: Rect) -> Rect {
        let width = max(0, min(100, bounds.width - 2))
        let height = max(0, bounds.height - 2)
        return Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + 1, width: width, height: height)
    }

    /// Rows of text the popup shows at once.
    static func pageHeight(in bounds: Rect) -> Int { max(0, rect(in: bounds).height - 2) }

    /// The detail as lines for a content width.
    static func lines(_ detail: LogEntryDetail, width: Int, theme: Theme) -> [[Span]] {
        var lines: [[Span]] = []
        let label = min(labelWidth, max(4, width / 3))
        let valueWidth = max(1, width - label - 1)
        for row in detail.rows {
            if row.role == .blank {
                lines.append([])
                continue
            }
            let role: ThemeRole
            switch row.role {
            case .heading: role = .header
            case .failure: role = .taskFailure
            case .suggestion: role = .statusOK
            case .command: role = .hintKey
            case .field, .explanation, .parameter, .blank: role = .text
            }
            let name = row.role == .parameter ? "  " + row.label : row.label
            for (index, part) in WordWrap.lines(row.value, width: valueWidth).enumerated() {
                let head = index == 0 ? name.truncated(toWidth: label).padded(toWidth: label) : String(repeating: " ", count: label)
                lines.append([Span(head + " ", style: theme.style(.textDim)), Span(part, style: theme.style(role))])
            }
        }
        return lines
    }

    static func lineCount(_ detail: LogEntryDetail, bounds: Rect) -> Int {
        let width = max(0, rect(in: bounds).width - 4)
        return lines(detail, width: width, theme: .builtInDark).count
    }

    static func draw(_ detail: LogEntryDetail, scroll: Int, theme: Theme, into buffer: inout FrameBuffer, bounds: Rect) {
        let rect = rect(in: bounds)
        guard rect.width >= 12, rect.height >= 3 else { return }
        let content = lines(detail, width: rect.width - 4, theme: theme)
        buffer.fill(rect, style: theme.style(.text))
        buffer.box(rect, style: theme.style(.borderFocus), title: [Span(detail.title.truncated(toWidth: rect.width - 6), style: theme.style(.title))])
        let page = rect.height - 2
        let top = max(0, min(scroll, content.count - page))
        for (offset, line) in content.dropFirst(top).prefix(page).enumerated() {
            buffer.put(line, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: rect.width - 4)
        }
        let more = content.count > page ? "  \(top + 1)-\(min(content.count, top + page))/\(content.count)" : ""
        let footer = [Span("j/k scroll  esc close" + more, style: theme.style(.hintText))]
        buffer.borderTitle(footer, rect: rect, row: rect.maxY - 1, style: theme.style(.borderFocus))
    }
}
