import Terminal

/// The `:` command line, just above the hint bar, and the candidates an ambiguous `tab` found
/// in a box above it (the first ones, then how many more).
enum CommandLineView {
    static let maximumCandidates = 8

    static func draw(_ input: CommandInput, theme: Theme, into buffer: inout FrameBuffer, rect: Rect) {
        guard rect.width > 2, rect.height > 0 else { return }
        buffer.fill(rect, style: theme.style(.text))
        var spans = [Span(":", style: theme.style(.hintKey))]
        spans += InputLineSpans.spans(input.editor, theme: theme)
        if input.noCompletion { spans.append(Span("  no completion", style: theme.style(.textDim))) }
        buffer.put(spans, x: rect.x, y: rect.y, maxWidth: rect.width)
        drawCandidates(input.candidates, theme: theme, into: &buffer, above: rect)
    }

    static func drawCandidates(_ candidates: [String], theme: Theme, into buffer: inout FrameBuffer, above line: Rect) {
        guard !candidates.isEmpty else { return }
        var lines = candidates.prefix(maximumCandidates).map { $0 }
        if candidates.count > maximumCandidates { lines[maximumCandidates - 1] = "… \(candidates.count - maximumCandidates + 1) more" }
        let title = "\(candidates.count) candidates"
        let contentWidth = lines.map { displayWidth(of: $0) }.max() ?? 0
        let width = min(line.width, max(contentWidth, displayWidth(of: title) + 2) + 4)
        let height = min(line.y - 1, lines.count + 2)
        guard width >= 6, height >= 3 else { return }
        let rect = Rect(x: line.x, y: line.y - height, width: width, height: height)
        buffer.fill(rect, style: theme.style(.text))
        buffer.box(rect, style: theme.style(.borderFocus), title: [Span(title, style: theme.style(.title))])
        for (offset, text) in lines.prefix(height - 2).enumerated() {
            let more = candidates.count > maximumCandidates && offset == maximumCandidates - 1
            buffer.put(text, x: rect.x + 2, y: rect.y + 1 + offset, style: theme.style(more ? .textDim : .text), maxWidth: width - 3)
        }
    }
}

/// A line being typed with its cursor: a bar at the end, or the character under it reversed.
enum InputLineSpans {
    static func spans(_ editor: LineEditor, theme: Theme, style role: ThemeRole = .text) -> [Span] {
        let text = Array(editor.text)
        let style = theme.style(role)
        let before = String(text.prefix(editor.cursor))
        guard editor.cursor < text.count else { return [Span(before, style: style), Span("▏", style: theme.style(.text))] }
        var under = style
        under.attributes.insert(.reverse)
        return [Span(before, style: style), Span(String(text[editor.cursor]), style: under),
                Span(String(text[(editor.cursor + 1)...]), style: style)]
    }
}
