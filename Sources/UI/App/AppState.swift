import Foundation
import Inventory
import XAPI

/// The pane that has the keyboard.
public enum Pane: String, Hashable, Sendable, CaseIterable {
    case tree, details, log

    /// `tab` order: tree, details, log, and round again.
    var next: Pane {
        switch self {
        case .tree: .details
        case .details: .log
        case .log: .tree
        }
    }
}

/// A popup over the panes.
public enum Popup: Hashable, Sendable {
    /// The `?` screen, scrolled by this many lines.
    case help(scroll: Int)
    /// The `ctrl-p` jump popup (its state is `AppState.jump`).
    case jump
    /// The detail of the log pane's entry at this index, scrolled by this many lines.
    case logDetail(entry: Int, scroll: Int)
    /// An object action being set up: host picker, name prompt or confirmation (`AppState.actionFlow`).
    case action
}

/// Everything the interactive UI shows, as values: the views are pure functions of it and
/// every key press or inventory change is a mutation (a reducer, as in ratatui apps).
public struct AppState: Sendable {
    public private(set) var pools: [PoolEntry]
    /// The left pane's visible rows.
    public private(set) var rows: [TreeRow] = []
    var rowIndex: [TreeNodeID: Int] = [:]
    /// The selected object, by identity, so that live updates keep it selected. Selecting an
    /// object marks its errors read (the tree's `✗` badge).
    public private(set) var cursor: TreeNodeID? {
        didSet { if let cursor, cursor != oldValue { logPane.markRead(cursor) } }
    }
    /// Where the cursor was, to stay near it when its row disappears.
    private var cursorHint = 0
    /// The first visible row of the left pane.
    public private(set) var scroll = 0
    /// Rows the left pane shows; the layout sets it from the terminal size (for paging).
    public var pageSize = 10 { didSet { keepCursorVisible() } }
    /// Fold state per node, remembered across views and updates (defaults: `TreeRows.foldedByDefault`).
    var folds: [TreeNodeID: Bool] = [:]
    public internal(set) var focus: Pane = .tree
    public internal(set) var leftView: LeftView = .tree
    /// Index into the selection's tabs (`DetailsTab.tabs(for:)`); kept across selections.
    public private(set) var detailsTab = 0
    public private(set) var filterText = ""
    public private(set) var filter: Filter?
    /// Why the filter line does not parse (with its column); the previous filter stays active.
    public private(set) var filterError: FilterSyntaxError?
    public internal(set) var isEditingFilter = false
    /// Per pool, what the active filter lets through (nil: no filter).
    private(set) var filterMatches: [String: PoolFilterMatches]?
    /// The filter `filterMatches` was made for, and recent results that typing reuses.
    private var shownFilter: Filter?
    private var filterHistory = FilterMatchHistory()
    /// What part of names the active filter matched, for the tree's `match` role.
    public private(set) var filterHighlight: FilterHighlight?
    /// The `:` command line while it is open.
    public internal(set) var command: CommandInput?
    /// Command lines run in this session, oldest first (`up`/`down` in the command line).
    public internal(set) var commandHistory: [String] = []
    /// The `ctrl-p` popup's candidates and results while it is open.
    public internal(set) var jump: JumpPopup?
    /// Themes `:theme` completes and `T` cycles through; the controller sets them from its loader.
    public var themeNames: [String] = BuiltInFiles.themes.keys.sorted()
    /// The theme in use (the controller keeps it current).
    public var themeName = ThemeLoader.defaultName
    /// A theme `:theme` or `T` asked for: the controller loads it, then calls `themeRequestHandled()`.
    public internal(set) var requestedTheme: String?
    /// Keymaps `:keymap` completes; the controller sets them from its loader.
    public var keymapNames: [String] = BuiltInFiles.keymaps.keys.sorted()
    /// A keymap `:keymap` asked for: the controller loads it, then calls `keymapRequestHandled()`.
    public internal(set) var requestedKeymap: String?
    /// The tasks & log pane's entries and task index (`LogPane`).
    public internal(set) var logPane = LogPane()
    public var log: [LogPaneEntry] { logPane.entries }
    /// The time of the last change or tick: task lines show their elapsed time against it.
    public private(set) var now: Date = Date(timeIntervalSince1970: 0)
    /// How many times the tree's rows were rebuilt (a batch that only touches tasks must not).
    public private(set) var rowBuilds = 0
    /// Lines the log pane is scrolled up from its newest entry.
    public private(set) var logScroll = 0
    /// The log pane's selected entry, counted up from the newest (0: the newest, followed as
    /// entries arrive); `enter` opens its detail.
    public private(set) var logSelection = 0
    /// Entries the log pane shows at once; the layout sets it from the terminal size.
    var logRowsFitted: Int?
    var logRows: Int { max(1, logRowsFitted ?? logHeight - 1) }
    /// The log pane's height in rows including its title line; the layout may shrink it.
    public private(set) var logHeight: Int
    public internal(set) var popup: Popup?
    /// Keys typed so far of a multi-key binding (`g` …), for the which-key popup.
    public var pending = PendingKeys()
    public internal(set) var quitRequested = false
    public var readOnly: Bool
    /// Pools configured `read_only = true`: no mutating action runs on their objects.
    public var readOnlyPools: Set<String> = []
    public var demo: Bool
    /// VMs marked with `x`/`space` for bulk actions (AppStateMarks.swift).
    public internal(set) var marks: Set<TreeNodeID> = []
    /// The object action being set up while `popup == .action` (AppStateActions.swift).
    public internal(set) var actionFlow: ActionFlow?
    /// Actions confirmed and not yet handed to the performer: the controller drains them.
    public internal(set) var pendingRequests: [QueuedAction] = []
    /// Task cancellations asked for and not yet handed to the performer.
    public internal(set) var pendingCancels: [TaskCancelRequest] = []
    /// A text console to attach to (`c`), for the controller.
    public internal(set) var consoleRequest: ConsoleRequest?
    /// Queued action id → its line in the log pane, until the performer answers.
    var actionEntries: [Int: Int] = [:]
    /// The request behind each action line, by its index in the log pane: the call, the
    /// object and the `xe` line for the entry's detail.
    public internal(set) var actionRequests: [Int: ActionRequest] = [:]
    var nextActionID = 1
    /// CPU, memory, network and disk series of the polled objects (AppStateStats.swift).
    public internal(set) var stats = StatsStore()
    /// CPU sparklines in the tree's rows (`S`).
    public internal(set) var showSparklines = false
    /// The Stats tab's time range (`r`).
    public internal(set) var statsRange: StatsRange = .tenMinutes

    public static let logHeightRange = 2...30

    public init(pools: [PoolEntry], logHeight: Int = 6, readOnly: Bool = false, demo: Bool = false) {
        self.pools = pools
        self.logHeight = min(max(logHeight, Self.logHeightRange.lowerBound), Self.logHeightRange.upperBound)
        self.readOnly = readOnly
        self.demo = demo
        rebuildRows()
    }

    // MARK: Queries

    public var cursorIndex: Int? { cursor.flatMap { rowIndex[$0] } }
    public var selectedRow: TreeRow? { cursorIndex.map { rows[$0] } }

    public func pool(named name: String) -> PoolEntry? { pools.first { $0.name == name } }

    /// The key context of what has the keyboard.
    public var keyContext: KeyContext {
        if popup == .jump || command != nil { return .command }
        if popup == .action, case .name? = actionFlow?.stage { return .command }
        if popup != nil { return .popup }
        if isEditingFilter { return .filter }
        switch focus {
        case .tree: return .tree
        case .details: return .details
        case .log: return .log
        }
    }

    /// Whether an action can run on the current selection (drives which-key, hints, help).
    public func isAvailable(_ id: ActionID) -> Bool {
        guard let definition = ActionTable.definition(id) else { return false }
        if case .logDetail = popup, id.rawValue == "confirm" { return false }  // a detail has nothing to confirm
        switch definition.target {
        case .none: return true
        case .vm, .host, .sr: return isObjectActionAvailable(id)
        case .task: return cancellableTask != nil
        case .logEntry: return focus == .log && !logPane.isEmpty
        }
    }

    // MARK: Keys

    /// One key press (a `KeyEvent.name`): typed into the filter line, or resolved through the
    /// keymap in the current context, multi-key prefixes included.
    /// `time` stamps the log entries the key causes (a command's error).
    public mutating func press(_ key: String, keymap: Keymap, at time: Date = Date()) {
        if popup == .action, !pending.isWaiting {
            pressInActionPopup(key, keymap: keymap, at: time)
            return
        }
        if !pending.isWaiting, typeIntoInput(key, keymap: keymap) { return }
        if isEditingFilter, !pending.isWaiting, typeIntoFilter(key) { return }
        let resolution = pending.press(key, keymap: keymap, context: keyContext, isAvailable: isAvailable)
        if case .action(let id) = resolution { handle(id, at: time) }
    }

    /// Characters and backspace edit the filter line; false for keys the keymap handles.
    private mutating func typeIntoFilter(_ key: String) -> Bool {
        if key == "backspace" {
            if !filterText.isEmpty { setFilter(String(filterText.dropLast())) }
            return true
        }
        if key == "space" {
            setFilter(filterText + " ")
            return true
        }
        if key.count == 1 {
            setFilter(filterText + key)
            return true
        }
        return false
    }

    // MARK: Actions

    public mutating func handle(_ action: ActionID, at time: Date = Date()) {
        if case .help(let scroll) = popup {
            handleHelp(action, scroll: scroll)
            return
        }
        if popup == .jump {
            handleJump(action)
            return
        }
        if case .logDetail(let entry, let scroll) = popup {
            handleLogDetail(action, entry: entry, scroll: scroll)
            return
        }
        if command != nil {
            handleCommand(action, at: time)
            return
        }
        switch action.rawValue {
        case "quit": quitRequested = true
        case "help": popup = .help(scroll: 0)
        case "back": back()
        case "filter":
            isEditingFilter = true
            focus = .tree
        case "input.accept": isEditingFilter = false
        case "input.clear": setFilter("")
        case "command": openCommand()
        case "jump": openJump()
        case "search.next": nextMatch(forward: true, at: time)
        case "search.previous": nextMatch(forward: false, at: time)
        case "theme.cycle": cycleTheme()
        case "pane.next": focus = focus.next
        case "pane.previous": focus = focus.next.next
        case "log.focus": focus = .log
        case "log.grow": logHeight = min(logHeight + 1, Self.logHeightRange.upperBound)
        case "log.shrink": logHeight = max(logHeight - 1, Self.logHeightRange.lowerBound)
        case "details.next_tab": detailsTab += 1
        case "details.previous_tab": detailsTab = max(0, detailsTab - 1)
        case "goto.hosts": show(.hosts)
        case "goto.pools": show(.pools)
        case "goto.vms": show(.vms)
        case "goto.srs": show(.srs)
        case "goto.networks": show(.networks)
        case "nav.up", "nav.down", "nav.page_up", "nav.page_down", "nav.top", "nav.bottom":
            if focus == .log { scrollLog(action) } else { move(action) }
        case "tree.fold": foldOrParent()
        case "tree.unfold": unfoldOrChild()
        case "open": open()
        case "log.detail": openLogDetail()
        case "mark": toggleMark(at: time)
        case "mark.clear": marks = []
        case "filter.mark_all": markFilterMatches(at: time)
        case "task.cancel": cancelTask(at: time)
        case "console.attach": requestConsole(at: time)
        case "stats.sparklines": showSparklines.toggle()
        case "stats.range": statsRange = statsRange.next
        default:
            if let action = ObjectActionIDs.action(action) { beginAction(action, at: time) }
        }
    }

    private mutating func handleHelp(_ action: ActionID, scroll: Int) {
        switch action.rawValue {
        case "back", "help", "quit": popup = nil
        case "nav.down": popup = .help(scroll: scroll + 1)
        case "nav.up": popup = .help(scroll: max(0, scroll - 1))
        case "nav.page_down": popup = .help(scroll: scroll + max(1, pageSize))
        case "nav.page_up": popup = .help(scroll: max(0, scroll - max(1, pageSize)))
        case "nav.top": popup = .help(scroll: 0)
        case "nav.bottom": popup = .help(scroll: Int.max / 2)
        default: break
        }
    }

    /// Clamps the help scroll to what the view can show (the view knows the popup's height).
    public mutating func clampHelpScroll(to maximum: Int) {
        if case .help(let scroll) = popup, scroll > maximum { popup = .help(scroll: max(0, maximum)) }
    }

    private mutating func back() {
        if isEditingFilter {
            isEditingFilter = false
            setFilter("")
        } else if leftView != .tree {
            show(.tree)
        } else if focus != .tree {
            focus = .tree
        } else if !marks.isEmpty {
            marks = []
        } else if filter != nil {
            setFilter("")
        }
    }

    /// Switches the left pane; going back to the tree reveals the selected object there.
    mutating func show(_ view: LeftView) {
        if view == .tree, let cursor { reveal(cursor) }
        leftView = view
        focus = .tree
        cursorHint = 0  // a list without the selection starts at its top
        rebuildRows()
        if cursorIndex == nil, !rows.isEmpty { setCursor(0) }
    }

    mutating func reveal(_ id: TreeNodeID) {
        folds[TreeNodeID(pool: id.pool, kind: .pool)] = false
        switch id.kind {
        case .vm:
            guard let entry = pool(named: id.pool), let vm = entry.inventory.vms[Ref(id.ref)] else { return }
            let host = vm.resident_on.isNull ? vm.affinity : vm.resident_on
            if !host.isNull { folds[TreeNodeID(pool: id.pool, kind: .host, ref: host.rawValue)] = false }
        case .sr: folds[TreeNodeID(pool: id.pool, kind: .storageGroup)] = false
        case .network: folds[TreeNodeID(pool: id.pool, kind: .networkGroup)] = false
        case .pool, .host, .storageGroup, .networkGroup: break
        }
    }

    private mutating func move(_ action: ActionID) {
        guard !rows.isEmpty else { return }
        let current = cursorIndex ?? 0
        let page = max(1, pageSize - 1)
        let target: Int
        switch action.rawValue {
        case "nav.up": target = current - 1
        case "nav.down": target = current + 1
        case "nav.page_up": target = current - page
        case "nav.page_down": target = current + page
        case "nav.top": target = 0
        default: target = rows.count - 1
        }
        setCursor(min(max(target, 0), rows.count - 1))
    }

    /// Moves the log pane's selection; the view scrolls just enough to keep it visible, and
    /// never past the oldest page (the top shows a full page, the oldest entry first).
    private mutating func scrollLog(_ action: ActionID) {
        let oldest = max(0, logPane.count - 1)
        let page = max(1, logRows - 1)
        switch action.rawValue {
        case "nav.up": logSelection += 1
        case "nav.down": logSelection -= 1
        case "nav.page_up": logSelection += page
        case "nav.page_down": logSelection -= page
        case "nav.top": logSelection = oldest
        default: logSelection = 0
        }
        logSelection = min(max(logSelection, 0), oldest)
        keepLogSelectionVisible()
    }

    mutating func keepLogSelectionVisible() {
        if logSelection < logScroll { logScroll = logSelection }
        if logSelection >= logScroll + logRows { logScroll = logSelection - logRows + 1 }
        logScroll = min(max(logScroll, 0), max(0, logPane.count - logRows))
    }

    private mutating func foldOrParent() {
        guard leftView == .tree, let index = cursorIndex else { return }
        let row = rows[index]
        if row.folded == false {
            setFold(row.id, folded: true)
            return
        }
        var parent = index - 1
        while parent >= 0, rows[parent].depth >= row.depth { parent -= 1 }
        if parent >= 0 { setCursor(parent) }
    }

    private mutating func unfoldOrChild() {
        guard leftView == .tree, let index = cursorIndex else { return }
        let row = rows[index]
        if row.folded == true {
            setFold(row.id, folded: false)
        } else if row.folded == false, index + 1 < rows.count, rows[index + 1].depth > row.depth {
            setCursor(index + 1)
        }
    }

    private mutating func open() {
        guard focus == .tree, let row = selectedRow else { return }
        if leftView != .tree {
            show(.tree)
        } else if let folded = row.folded {
            setFold(row.id, folded: !folded)
        }
    }

    mutating func setFold(_ id: TreeNodeID, folded: Bool) {
        folds[id] = folded
        rebuildRows()
    }

    mutating func setCursor(_ index: Int) {
        guard rows.indices.contains(index) else { return }
        cursor = rows[index].id
        cursorHint = index
        keepCursorVisible()
    }

    /// After a jump (`ctrl-p`, `:goto`, `n`/`N`): a target that was off screen lands in the
    /// middle of the pane, with its neighbours in view, not on the edge.
    mutating func setCursorCentred(_ index: Int) {
        guard rows.indices.contains(index) else { return }
        let height = max(1, pageSize)
        if index < scroll || index >= scroll + height {
            scroll = max(0, min(index - height / 2, max(0, rows.count - height)))
        }
        setCursor(index)
    }

    private mutating func keepCursorVisible() {
        let index = cursorIndex ?? 0
        let height = max(1, pageSize)
        if index < scroll { scroll = index }
        if index >= scroll + height { scroll = index - height + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - height)))
    }

    // MARK: Filter

    /// Sets the filter line; the VM rows follow at once. A line that does not parse keeps the
    /// previous filter and shows the error.
    public mutating func setFilter(_ text: String) {
        filterText = text
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            filter = nil
            filterError = nil
        } else {
            do {
                filter = try Filter(text)
                filterError = nil
            } catch {
                filterError = error
            }
        }
        // A space, or a line that stops parsing half-way, leaves the rows as they are.
        if let filter, filterMatches != nil, filter.expression == shownFilter?.expression { return }
        shownFilter = filter
        filterMatches = nil
        filterHighlight = nil
        if let filter {
            filterMatches = filterHistory.matches(filter, pools: pools)
            filterHighlight = FilterHighlight(filter.expression)
        }
        rebuildRows()
    }

    // MARK: Inventory changes

    /// Applies one batch from `PoolSync`: the pool's inventory is replaced by the one after the
    /// change, connection state changes and new pool alerts go to the log pane.
    public mutating func apply(_ change: InventoryChange, at time: Date = Date()) {
        apply(pool: change.pool, kind: change.kind, inventory: change.inventory, at: time)
    }

    /// The same from its parts (for callers that build changes themselves, and tests).
    /// Only a batch that touches what the tree shows rebuilds the rows and the pool's tree;
    /// tasks, alerts, metrics and the like just replace the inventory.
    public mutating func apply(pool: String, kind: InventoryChange.Kind, inventory: PoolInventory, at time: Date = Date()) {
        let change = (pool: pool, kind: kind, inventory: inventory)
        guard let index = pools.firstIndex(where: { $0.name == change.pool }) else { return }
        now = time
        let before = pools[index].inventory
        var touchesTree = Self.touchesTree(change.kind)
        if touchesTree { filterHistory.forget() }  // filters match these records: earlier results are stale
        if touchesTree, filter == nil, case .events(let changed) = change.kind, let vms = Self.onlyVMs(changed),
           pools[index].updateVMsInPlace(change.inventory, changed: vms.map { Ref<VMRecord>($0) }) {
            patchRows(pool: index, vms: vms)
            touchesTree = false
        } else if change.kind == .state {
            pools[index].updateState(change.inventory.state)
        } else if touchesTree {
            pools[index].update(change.inventory)
        } else {
            pools[index].updateRecords(change.inventory)
        }
        if before.state != change.inventory.state {
            appendLog(Self.connectionEntry(change.inventory.state, pool: change.pool, problem: change.inventory.connectionProblem, time: time))
        }
        if case .events(let changed) = change.kind, let messages = changed["message"] {
            for ref in messages.sorted() {
                let ref = Ref<MessageRecord>(ref)
                guard before.messages[ref] == nil, let message = change.inventory.messages[ref] else { continue }
                appendLog(Self.alertEntry(message, pool: change.pool, inventory: change.inventory, time: time))
                logPane.noteAlert(message, pool: change.pool, in: change.inventory, selected: cursor)
            }
        }
        trackTasks(pool: change.pool, kind: change.kind, inventory: change.inventory, at: time)
        if let filter, touchesTree {
            filterMatches?[change.pool] = PoolFilterMatches(pools[index], filter: filter)
            if let filterMatches { filterHistory.remember(filter, filterMatches) }
        }
        if touchesTree { rebuildRows() }
    }

    /// Whether a batch can change the tree's rows: the classes the tree and its rows read.
    static func touchesTree(_ kind: InventoryChange.Kind) -> Bool {
        switch kind {
        case .state: false
        case .reloaded: true
        case .events(let changed): changed.keys.contains { treeClasses.contains($0) }
        }
    }

    static let treeClasses: Set<String> = ["pool", "host", "vm", "sr", "network"]

    /// The changed VMs when they are the only tree class the batch touches.
    static func onlyVMs(_ changed: [String: Set<String>]) -> Set<String>? {
        guard let vms = changed["vm"], !changed.keys.contains(where: { $0 != "vm" && treeClasses.contains($0) }) else { return nil }
        return vms
    }

    /// Redraws the rows of VMs whose change left the tree's shape alone: their power glyph and
    /// busy badge, and the counts on their host and pool rows.
    private mutating func patchRows(pool index: Int, vms: Set<String>) {
        let entry = pools[index]
        var hosts: Set<Ref<HostRecord>> = []
        for ref in vms {
            guard let vm = entry.inventory.vms[Ref(ref)] else { continue }
            if !vm.resident_on.isNull { hosts.insert(vm.resident_on) }
            guard let row = rowIndex[TreeNodeID(pool: entry.name, kind: .vm, ref: ref)] else { continue }
            rows[row].power = vm.power_state
            rows[row].busy = !vm.current_operations.isEmpty
        }
        for host in hosts {
            if let row = rowIndex[TreeNodeID(pool: entry.name, kind: .host, ref: host.rawValue)], rows[row].counts != nil {
                rows[row].counts = entry.hostCounts[host] ?? PowerCounts()
            }
        }
        if let row = rowIndex[TreeNodeID(pool: entry.name, kind: .pool)], rows[row].counts != nil {
            rows[row].counts = entry.counts
        }
    }

    private mutating func trackTasks(pool: String, kind: InventoryChange.Kind, inventory: PoolInventory, at time: Date) {
        let added: Int
        switch kind {
        case .state: return
        case .reloaded: added = logPane.track(pool: pool, inventory: inventory, changed: nil, at: time, selected: cursor)
        case .events(let changed):
            guard changed["task"] != nil || changed["vm"] != nil || changed["host"] != nil else { return }
            added = logPane.track(pool: pool, inventory: inventory, changed: changed, at: time, selected: cursor)
        }
        if logScroll > 0 { logScroll += added }
        if logSelection > 0 { logSelection += added }
    }

    /// Moves the clock on (once a second while tasks run) so that their elapsed times advance.
    public mutating func tick(at time: Date) {
        now = max(now, time)
    }

    public mutating func appendLog(_ entry: LogPaneEntry) {
        logPane.append(entry)
        if logScroll > 0 { logScroll += 1 }
        if logSelection > 0 { logSelection += 1 }
    }

    mutating func rebuildRows() {
        rowBuilds += 1
        rows = TreeRows.build(leftView, pools: pools, folds: folds, matches: filterMatches)
        var index: [TreeNodeID: Int] = [:]
        index.reserveCapacity(rows.count)
        for (position, row) in rows.enumerated() {
            if let first = index.updateValue(position, forKey: row.id) { index[row.id] = first }
        }
        rowIndex = index
        if cursorIndex == nil, !rows.isEmpty {
            let index = min(cursorHint, rows.count - 1)
            cursor = rows[index].id
            cursorHint = index
        } else if let index = cursorIndex {
            cursorHint = index
        } else {
            cursor = nil
        }
        keepCursorVisible()
    }
}
