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
        let end = state.log.count - min(state.logScroll, state.log.count - 1)
        let start = max(0, end - rect.height)
        for (line, entry) in state.log[start..<end].enumerated() {
            buffer.put(spans(entry, theme: theme), x: rect.x, y: rect.y + line, maxWidth: rect.width)
        }
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
