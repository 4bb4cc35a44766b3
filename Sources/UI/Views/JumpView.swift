import Terminal

/// The `ctrl-p` popup, centred: the input line with the number of matches, then the best
/// results, each name with its matched characters in the `match` role, its kind and its pool.
enum JumpView {
    static func rect(in bounds: Rect) -> Rect {
        let width = min(64, bounds.width - 4)
        let height = min(bounds.height - 4, JumpPopup.limit + 3)
        return Rect(x: bounds.x + (bounds.width - width) / 2, y: bounds.y + 2, width: max(0, width), height: max(0, height))
    }

    static func draw(_ popup: JumpPopup, theme: Theme, into buffer: inout FrameBuffer, bounds: Rect) {
        let rect = rect(in: bounds)
        guard rect.width >= 12, rect.height >= 4 else { return }
        buffer.fill(rect, style: theme.style(.text))
        buffer.box(rect, style: theme.style(.borderFocus), title: [Span("Jump to", style: theme.style(.title))])
        let inner = rect.width - 4
        let count = "\(popup.matchCount) of \(popup.candidates.count)"
        let input = [Span("> ", style: theme.style(.hintKey))] + InputLineSpans.spans(popup.input, theme: theme)
        buffer.put(input, x: rect.x + 2, y: rect.y + 1, maxWidth: max(1, inner - displayWidth(of: count) - 1))
        buffer.put(count, x: rect.maxX - 2 - displayWidth(of: count), y: rect.y + 1, style: theme.style(.textDim))
        let listTop = rect.y + 2
        let rows = rect.height - 3
        if popup.results.isEmpty {
            buffer.put("nothing matches", x: rect.x + 2, y: listTop, style: theme.style(.textDim), maxWidth: inner)
            return
        }
        // Keep the selected result visible when the list is longer than the popup.
        let top = max(0, popup.selected - rows + 1)
        for (line, result) in popup.results.dropFirst(top).prefix(rows).enumerated() {
            let candidate = popup.candidates[result.candidate]
            let y = listTop + line
            var spans = highlighted(candidate.name, positions: result.positions, theme: theme)
            spans.append(Span("  \(candidate.kind) · \(candidate.pool)", style: theme.style(.textDim)))
            buffer.put(spans, x: rect.x + 2, y: y, maxWidth: inner)
            if top + line == popup.selected {
                buffer.updateStyle(in: Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1)) { style in
                    let selection = theme.style(.selection)
                    style.background = selection.background
                    style.attributes.formUnion(selection.attributes)
                }
            }
        }
    }

    /// The name in the `text` role with the characters at `positions` in the `match` role.
    static func highlighted(_ name: String, positions: [Int], theme: Theme, base: CellStyle? = nil) -> [Span] {
        let marks = Set(positions)
        return runs(Array(name), marked: { marks.contains($0) }, plain: base ?? theme.style(.text), match: theme.style(.match))
    }

    /// Consecutive characters with the same mark as one span each.
    static func runs(_ characters: [Character], marked: (Int) -> Bool, plain: CellStyle, match: CellStyle) -> [Span] {
        var spans: [Span] = []
        var current = ""
        var currentMarked = false
        for (index, character) in characters.enumerated() {
            let isMarked = marked(index)
            if isMarked != currentMarked, !current.isEmpty {
                spans.append(Span(current, style: currentMarked ? match : plain))
                current = ""
            }
            currentMarked = isMarked
            current.append(character)
        }
        if !current.isEmpty { spans.append(Span(current, style: currentMarked ? match : plain)) }
        return spans
    }
}
