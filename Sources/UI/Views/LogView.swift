import Foundation
import Terminal

/// The tasks & log pane: newest entry at the bottom, scrolled up by `AppState.logScroll`.
enum LogView {
    static func draw(_ state: AppState, theme: Theme, into buffer: inout FrameBuffer, rect: Rect) {
        guard rect.height > 0, rect.width > 1 else { return }
        if state.log.isEmpty {
            buffer.put(" No events yet", x: rect.x, y: rect.y, style: theme.style(.textDim), maxWidth: rect.width)
            return
        }
        // Scrolled to the top, the oldest page is full: the oldest entry on the first line.
        let end = state.log.count - min(state.logScroll, max(0, state.log.count - rect.height))
        let start = max(0, end - rect.height)
        let selected = state.focus == .log ? state.selectedLogIndex : nil
        for (row, index) in (start..<end).enumerated() {
            let entry = state.log[index]
            var line: [Span]
            switch entry.provenance {
            case .earlierRunsSeparator: line = separatorSpans(entry.text, width: rect.width, theme: theme)
            case .earlierRun, .thisRun:
                line = entry.task.map { taskSpans($0, entry: entry, now: state.now, theme: theme, width: rect.width) } ?? spans(entry, theme: theme)
                // An earlier run's entries are history: dim, whatever they say.
                if entry.provenance == .earlierRun { line = line.map { Span($0.text, style: theme.style(.textDim)) } }
            }
            if index == selected {
                let used = line.reduce(0) { $0 + displayWidth(of: $1.text) }
                line = line.map { Span($0.text, style: theme.style(.selection)) }
                if used < rect.width { line.append(Span(String(repeating: " ", count: rect.width - used), style: theme.style(.selection))) }
            }
            buffer.put(line, x: rect.x, y: rect.y + row, maxWidth: rect.width)
        }
    }

    /// `──── — earlier runs — ────`, centred.
    static func separatorSpans(_ text: String, width: Int, theme: Theme) -> [Span] {
        let label = " " + text + " "
        let side = max(0, (width - displayWidth(of: label)) / 2)
        let line = String(repeating: Glyphs.horizontalRule, count: side)
        return [Span(line + label + line, style: theme.style(.textDim))]
    }

    static let nameWidth = 17
    static let objectWidth = 14
    static let barWidth = 10

    /// `12:01:12 ⟳ VM.start           web-01         prod  ███████░░░  64%  12s`, then
    /// `✓ … 1.2s` or `✗ … CODE: params` once it ended.
    static func taskSpans(_ task: LogTask, entry: LogPaneEntry, now: Date, theme: Theme, width: Int) -> [Span] {
        let (glyph, role): (String, ThemeRole)
        switch task.outcome {
        case .running: (glyph, role) = (Glyphs.busy, .taskRunning)
        case .succeeded: (glyph, role) = ("✓", .taskSuccess)
        case .failed: (glyph, role) = ("✗", .taskFailure)
        case .cancelled: (glyph, role) = ("✗", .statusWarn)
        case .endedUnknown: (glyph, role) = ("?", .statusWarn)
        }
        var spans = [Span(" " + clock(entry.time) + " ", style: theme.style(.textDim)), Span(glyph, style: theme.style(role)),
                     Span(" " + column(task.name, nameWidth) + " " + column(task.objectName, objectWidth) + " ", style: theme.style(.text)),
                     Span(entry.pool + "  ", style: theme.style(.textDim))]
        let used = spans.reduce(0) { $0 + displayWidth(of: $1.text) }
        let room = max(0, width - used)
        switch task.outcome {
        case .running where entry.provenance == .earlierRun:
            // Its end was never logged: the run that started it ended first.
            spans.append(Span("started, end not logged", style: theme.style(.statusWarn)))
        case .running(let progress):
            let done = min(barWidth, max(0, Int((progress * Double(barWidth)).rounded())))
            let elapsed = max(0, now.timeIntervalSince(task.started)).rounded(.down)
            spans += [Span(String(repeating: "█", count: done), style: theme.style(.progressDone)),
                      Span(String(repeating: "░", count: barWidth - done), style: theme.style(.progressTodo)),
                      Span(" " + "\(Int((progress * 100).rounded()))%".padded(toWidth: 4, alignRight: true), style: theme.style(.text)),
                      Span("  " + duration(elapsed), style: theme.style(.textDim))]
        case .succeeded:
            spans.append(Span(duration(task.finished.map { max(0, $0.timeIntervalSince(task.started)) } ?? 0), style: theme.style(.taskSuccess)))
        case .failed(let code, let params):
            let detail = params.isEmpty ? "" : ": " + params.joined(separator: " ")
            let text = (code + detail).truncated(toWidth: room)
            let codePart = String(text.prefix(code.count))
            spans += [Span(codePart, style: theme.style(.taskFailure)), Span(String(text.dropFirst(codePart.count)), style: theme.style(.text))]
        case .cancelled: spans.append(Span("cancelled", style: theme.style(.statusWarn)))
        case .endedUnknown: spans.append(Span("ended (result unknown)", style: theme.style(.statusWarn)))
        }
        return spans
    }

    /// Cut with an ellipsis and padded to exactly `width` columns.
    static func column(_ text: String, _ width: Int) -> String {
        text.truncated(toWidth: width).padded(toWidth: width)
    }

    /// `0.4s`, `1.2s` (tenths under 10 s), `12s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10, seconds != seconds.rounded(.down) { return "\((seconds * 10).rounded() / 10)s" }
        let whole = Int(seconds.rounded())
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(two(whole % 60))s" }
        return "\(whole / 3600)h\(two(whole / 60 % 60))m"
    }

    static func spans(_ entry: LogPaneEntry, theme: Theme) -> [Span] {
        let (glyph, role): (String, ThemeRole)
        switch entry.level {
        case .success: (glyph, role) = ("✓", .taskSuccess)
        case .error: (glyph, role) = ("✗", .taskFailure)
        case .progress: (glyph, role) = ("⟳", .taskRunning)
        case .warning: (glyph, role) = ("!", .statusWarn)
        case .info: (glyph, role) = ("•", .textDim)
        }
        return [Span(" " + clock(entry.time) + " ", style: theme.style(.textDim)), Span(glyph, style: theme.style(role)),
                Span(" " + entry.text, style: theme.style(.text))]
    }

    /// `HH:MM:SS` in UTC, so that screens and the persistent log agree.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
    }
}
