import Terminal

/// Where each part of the screen goes for a terminal size (PRODUCT §2): a border around
/// everything, the tree left, details right, the tasks & log pane below, the hint bar in the
/// bottom border. Narrow terminals lose the details pane, short ones most of the log pane.
public struct ScreenLayout: Hashable, Sendable {
    public var size: Size
    /// Too small for the panes; only a short message is drawn.
    public var isTooSmall: Bool
    public var tree: Rect
    /// Empty when collapsed (under `minimumDetailsWidth` columns).
    public var details: Rect
    /// The column of the line between tree and details; nil when details are collapsed.
    public var separatorX: Int?
    /// The row of the `├ Tasks & log ───┤` line.
    public var logTitleY: Int
    public var log: Rect

    public static let minimumSize = Size(width: 20, height: 6)
    public static let minimumDetailsWidth = 60
    public static let minimumTreeWidth = 24
    /// Below this height the log pane keeps only its title and one line.
    public static let shortHeight = 16

    public init(size: Size, logHeight: Int) {
        self.size = size
        let (w, h) = (size.width, size.height)
        isTooSmall = w < Self.minimumSize.width || h < Self.minimumSize.height
        guard !isTooSmall else {
            tree = Rect(x: 0, y: 0, width: 0, height: 0)
            details = tree
            log = tree
            logTitleY = 0
            return
        }
        let logRows = h < Self.shortHeight ? 2 : min(max(2, logHeight), h - 2 - 4)
        logTitleY = h - 1 - logRows
        log = Rect(x: 1, y: logTitleY + 1, width: w - 2, height: logRows - 1)
        let upperHeight = logTitleY - 1
        if w < Self.minimumDetailsWidth {
            tree = Rect(x: 1, y: 1, width: w - 2, height: upperHeight)
            details = Rect(x: w - 1, y: 1, width: 0, height: 0)
        } else {
            let treeWidth = max(Self.minimumTreeWidth, (w - 2) / 3)
            tree = Rect(x: 1, y: 1, width: treeWidth, height: upperHeight)
            separatorX = 1 + treeWidth
            details = Rect(x: 2 + treeWidth, y: 1, width: w - 3 - treeWidth, height: upperHeight)
        }
    }

    /// Rows of the tree the cursor can move through (a list view's header, the filter line and its error take one each).
    public func treeRows(for state: AppState) -> Int {
        var rows = tree.height
        if state.leftView != .tree { rows -= 1 }
        if state.isEditingFilter || state.filter != nil || state.filterError != nil { rows -= 1 }
        if state.filterError != nil { rows -= 1 }
        return max(1, rows)
    }
}

extension AppState {
    /// Tells the state how big its panes are (paging, scrolling, help popup bounds).
    public mutating func fit(to size: Size, keymap: Keymap) {
        let layout = ScreenLayout(size: size, logHeight: logHeight)
        pageSize = layout.treeRows(for: self)
        if layout.log.height > 0 {
            logRowsFitted = layout.log.height
            keepLogSelectionVisible()
        }
        clampLogDetailScroll(bounds: Rect(origin: Point(x: 0, y: 0), size: size))
        let helpLines = PopupViews.helpLineCount(readOnly: readOnly, keymap: keymap)
        clampHelpScroll(to: max(0, helpLines - PopupViews.helpPageHeight(in: Rect(origin: Point(x: 0, y: 0), size: size))))
    }
}
