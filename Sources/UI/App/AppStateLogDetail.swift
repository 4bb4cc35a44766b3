import Terminal

/// `enter` on a log pane entry: its detail in a popup, scrolled with the popup keys.
extension AppState {
    /// The index in `log` of the log pane's selected entry.
    public var selectedLogIndex: Int? {
        logPane.isEmpty ? nil : max(0, logPane.count - 1 - logSelection)
    }

    mutating func openLogDetail() {
        guard let index = selectedLogIndex, log[index].provenance != .earlierRunsSeparator else { return }
        popup = .logDetail(entry: index, scroll: 0)
        pending.reset()
    }

    mutating func handleLogDetail(_ action: ActionID, entry: Int, scroll: Int) {
        let page = max(1, pageSize)
        switch action.rawValue {
        case "back", "quit", "log.detail", "open": popup = nil
        case "nav.down": popup = .logDetail(entry: entry, scroll: scroll + 1)
        case "nav.up": popup = .logDetail(entry: entry, scroll: max(0, scroll - 1))
        case "nav.page_down": popup = .logDetail(entry: entry, scroll: scroll + page)
        case "nav.page_up": popup = .logDetail(entry: entry, scroll: max(0, scroll - page))
        case "nav.top": popup = .logDetail(entry: entry, scroll: 0)
        case "nav.bottom": popup = .logDetail(entry: entry, scroll: Int.max / 2)
        default: break
        }
    }

    /// Keeps the detail's scroll within its lines at this screen size.
    mutating func clampLogDetailScroll(bounds: Rect) {
        guard case .logDetail(let entry, let scroll) = popup, log.indices.contains(entry) else { return }
        let count = LogDetailView.lineCount(LogEntryDetail(log[entry]), bounds: bounds)
        let maximum = max(0, count - LogDetailView.pageHeight(in: bounds))
        if scroll > maximum { popup = .logDetail(entry: entry, scroll: maximum) }
    }
}
