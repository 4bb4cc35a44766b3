import Terminal

/// The `?` help popup and the which-key popup, drawn over the panes.
enum PopupViews {
    /// The help lines: one heading per action group, then `keys  description`.
    static func helpLines(_ keymap: Keymap, readOnly: Bool, theme: Theme) -> [[Span]] {
        var lines: [[Span]] = []
        for section in keymap.helpSections(readOnly: readOnly) {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(section.title, style: theme.style(.header))])
            for entry in section.entries {
                let keys = entry.keys.map(\.description).joined(separator: ", ")
                lines.append([Span(keys.padded(toWidth: 16) + " ", style: theme.style(.hintKey)),
                              Span(entry.description, style: theme.style(entry.dangerous ? .statusWarn : .text))])
            }
        }
        return lines
    }

    /// How many lines the help has (scroll limits before drawing).
    static func helpLineCount(readOnly: Bool, keymap: Keymap) -> Int {
        let sections = keymap.helpSections(readOnly: readOnly)
        return sections.reduce(0) { $0 + $1.entries.count + 1 } + max(0, sections.count - 1)
    }

    /// The popup's rectangle: centred, at most 64×(height-4), at least what fits.
    static func helpRect(in bounds: Rect) -> Rect {
        let width = min(64, bounds.width - 4)
        let height = bounds.height - 4
        return Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + 2, width: max(0, width), height: max(0, height))
    }

    /// Lines of content the help popup shows at once.
    static func helpPageHeight(in bounds: Rect) -> Int { max(0, helpRect(in: bounds).height - 2) }

    static func drawHelp(scroll: Int, keymap: Keymap, readOnly: Bool, theme: Theme, into buffer: inout FrameBuffer, bounds: Rect) {
        let rect = helpRect(in: bounds)
        guard rect.width >= 10, rect.height >= 3 else { return }
        let lines = helpLines(keymap, readOnly: readOnly, theme: theme)
        buffer.fill(rect, style: theme.style(.text))
        buffer.box(rect, style: theme.style(.borderFocus), title: [Span("Help · \(keymap.name) keymap", style: theme.style(.title))])
        let page = rect.height - 2
        let top = max(0, min(scroll, lines.count - page))
        for (offset, line) in lines.dropFirst(top).prefix(page).enumerated() {
            buffer.put(line, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: rect.width - 4)
        }
        let footer = [Span("j/k scroll  esc close", style: theme.style(.hintText))]
        buffer.borderTitle(footer, rect: rect, row: rect.maxY - 1, style: theme.style(.borderFocus))
    }

    /// Bottom-right, just above the hint bar (helix).
    static func drawWhichKey(_ whichKey: WhichKey, theme: Theme, into buffer: inout FrameBuffer, bounds: Rect) {
        let lines = whichKey.entries.map { entry in
            [Span(entry.key.description.padded(toWidth: max(1, entry.key.description.count)) + "  ", style: theme.style(.hintKey)),
             Span(entry.description, style: theme.style(.text))]
        }
        let contentWidth = lines.map { $0.reduce(0) { $0 + displayWidth(of: $1.text) } }.max() ?? 0
        let title = whichKey.prefix.description + " " + whichKey.title
        let width = min(bounds.width - 2, max(contentWidth, displayWidth(of: title) + 2) + 4)
        let height = min(bounds.height - 2, lines.count + 2)
        guard width >= 6, height >= 3 else { return }
        let rect = Rect(x: bounds.maxX - 1 - width, y: bounds.maxY - 1 - height, width: width, height: height)
        buffer.fill(rect, style: theme.style(.text))
        buffer.box(rect, style: theme.style(.borderFocus), title: [Span(title, style: theme.style(.title))])
        for (offset, line) in lines.prefix(height - 2).enumerated() {
            buffer.put(line, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: width - 3)
        }
    }
}
