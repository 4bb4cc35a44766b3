import Foundation
import Inventory

/// The input lines over the panes: the `:` command line and the `ctrl-p` jump popup. Their
/// characters and editing keys are typed; what the keymap binds in `[command]` (enter, tab,
/// esc, up, down…) runs as actions.
extension AppState {
    /// Types `key` into the open command line or jump input; false when none is open or the
    /// key is for the keymap.
    mutating func typeIntoInput(_ key: String, keymap: Keymap) -> Bool {
        guard command != nil || jump != nil else { return false }
        let typed = key.count == 1 || key == "space"
        if !typed, keymap.resolve([key], in: .command) != .none { return false }
        if var input = command {
            guard input.editor.edit(key) else { return false }
            input.candidates = []
            input.noCompletion = false
            input.historyIndex = nil
            command = input
            return true
        }
        if var popup = jump {
            guard popup.input.edit(key) else { return false }
            popup.search()
            jump = popup
            return true
        }
        return false
    }

    mutating func openCommand() {
        command = CommandInput()
        pending.reset()
    }

    mutating func handleCommand(_ action: ActionID, at time: Date) {
        guard var input = command else { return }
        switch action.rawValue {
        case "back": command = nil
        case "input.accept":
            command = nil
            let line = input.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return }
            if commandHistory.last != line { commandHistory.append(line) }
            run(line, at: time)
        case "input.complete":
            let before = String(input.text.prefix(input.editor.cursor))
            let after = String(input.text.dropFirst(input.editor.cursor))
            let result = CommandCompletion.complete(before, arguments: completionArguments)
            input.editor.set(result.text)
            if !after.isEmpty {
                input.editor.insert(after)
                for _ in 0..<after.count { _ = input.editor.edit("left") }
            }
            input.candidates = result.candidates
            input.noCompletion = !result.found
            command = input
        case "input.history_previous":
            input.recallPrevious(commandHistory)
            command = input
        case "input.history_next":
            input.recallNext(commandHistory)
            command = input
        case "input.clear":
            input.editor.set("")
            input.candidates = []
            command = input
        default: break
        }
    }

    /// What `tab` offers after a command name.
    func completionArguments(_ command: String) -> [String] {
        switch command {
        case "goto": pools.map(\.displayName) + ObjectLookup.names(in: pools)
        case "theme": themeNames
        case "keymap": keymapNames
        case "filter": CommandCompletion.filterWords
        case "vm": ObjectActionIDs.vmCommandNames
        case CommandCompletion.vmNamesSource: vmNames + ["--force"]
        default: []
        }
    }

    // MARK: Running commands

    /// Runs one command line (without its `:`). Errors go to the log pane and change nothing else.
    mutating func run(_ line: String, at time: Date) {
        let name = String(line.prefix { $0 != " " })
        let argument = String(line.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        switch name {
        case "q", "quit": quitRequested = true
        case "help": popup = .help(scroll: 0)
        case "log": focus = .log
        case "filter": runFilter(argument, at: time)
        case "goto": runGoto(argument, at: time)
        case "theme":
            guard !argument.isEmpty else {
                return logError(":theme needs a name: \(themeNames.joined(separator: ", "))", at: time)
            }
            requestedTheme = argument
        case "keymap":
            guard !argument.isEmpty else {
                return logError(":keymap needs a name: \(keymapNames.joined(separator: ", "))", at: time)
            }
            requestedKeymap = argument
        case "vm": runVM(argument, at: time)
        case "console": requestConsole(at: time)
        default:
            let hint = Suggestion.nearest(to: name, among: CommandCompletion.commandNames).map { " (did you mean :\($0)?)" } ?? ""
            logError("unknown command :\(name)\(hint); tab lists the commands", at: time)
        }
    }

    private mutating func runFilter(_ text: String, at time: Date) {
        if !text.isEmpty {
            do { _ = try Filter(text) } catch {
                return logError(":filter: \(error.message) at column \(error.column)", at: time)
            }
        }
        isEditingFilter = false
        setFilter(text)
    }

    private mutating func runGoto(_ name: String, at time: Date) {
        guard !name.isEmpty else { return logError(":goto needs a pool, host, VM, SR or network name (tab completes)", at: time) }
        let found = ObjectLookup.find(name, in: pools)
        guard let target = found.first else {
            let hint = Suggestion.nearest(to: name, among: completionArguments("goto")).map { " (did you mean \($0)?)" } ?? ""
            return logError(":goto: nothing named \(name) in any pool\(hint)", at: time)
        }
        select(target)
        if found.count > 1 {
            appendLog(LogPaneEntry(time: time, level: .info, kind: .action, pool: target.pool,
                                   text: ":goto: \(found.count) objects are named \(name); this is the first (its uuid is unique)"))
        }
    }

    mutating func logError(_ text: String, at time: Date) {
        appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: "", text: text))
    }

    // MARK: Jumping

    /// Shows `id` in the tree and selects it: leaves a flat list, unfolds its ancestors, and
    /// clears a filter that hides it.
    mutating func select(_ id: TreeNodeID) {
        reveal(id)
        leftView = .tree
        focus = .tree
        rebuildRows()
        if rows.firstIndex(where: { $0.id == id }) == nil, filter != nil || filterError != nil {
            isEditingFilter = false
            setFilter("")
        }
        if let index = rows.firstIndex(where: { $0.id == id }) { setCursorCentred(index) }
    }

    mutating func openJump() {
        jump = JumpPopup(pools: pools)
        popup = .jump
        pending.reset()
    }

    mutating func handleJump(_ action: ActionID) {
        guard var popup = jump else { return }
        switch action.rawValue {
        case "back":
            closeJump()
        case "input.accept", "open":
            let target = popup.selectedCandidate?.id
            closeJump()
            if let target { select(target) }
        case "input.history_previous", "nav.up": popup.move(by: -1)
        case "input.history_next", "nav.down", "input.complete": popup.move(by: 1)
        case "input.clear":
            popup.input.set("")
            popup.search()
        default: break
        }
        if jump != nil { jump = popup }
    }

    private mutating func closeJump() {
        jump = nil
        popup = nil
    }

    // MARK: Filter matches

    /// How many objects the active filter matches: the rows of a flat list; in the tree the VMs,
    /// and the hosts, SRs, networks and pools that match themselves.
    public var filterMatchCount: Int? {
        guard let filterMatches else { return nil }
        if leftView != .tree { return rows.count }
        return filterMatches.values.reduce(0) { $0 + $1.count }
    }

    /// Whether the row's object matches the active filter (false without one).
    public func isFilterMatch(_ id: TreeNodeID) -> Bool {
        filterMatches?[id.pool]?.contains(id) ?? false
    }

    /// `n` / `N`: the next or previous match after the cursor, wrapping; in the tree a match
    /// inside a folded node is unfolded.
    mutating func nextMatch(forward: Bool, at time: Date) {
        guard let filterMatches else {
            return appendLog(LogPaneEntry(time: time, level: .warning, kind: .error, pool: "", text: "no filter to find the next match of: / filters"))
        }
        let order = leftView == .tree ? TreeOrder.nodes(pools, matches: filterMatches) : rows.map(\.id)
        let isMatch = { (id: TreeNodeID) in filterMatches[id.pool]?.contains(id) ?? false }
        guard !order.isEmpty, order.contains(where: isMatch) else {
            return appendLog(LogPaneEntry(time: time, level: .warning, kind: .error, pool: "", text: "nothing matches the filter \(filterText)"))
        }
        let start = cursor.flatMap { order.firstIndex(of: $0) } ?? (forward ? order.count - 1 : 0)
        var index = start
        for _ in 0..<order.count {
            index = (index + (forward ? 1 : -1) + order.count) % order.count
            if isMatch(order[index]) { break }
        }
        if leftView == .tree {
            select(order[index])
        } else if let row = rowIndex[order[index]] {
            setCursorCentred(row)
        }
    }

    // MARK: Themes

    mutating func cycleTheme() {
        guard !themeNames.isEmpty else { return }
        let index = themeNames.firstIndex(of: themeName).map { ($0 + 1) % themeNames.count } ?? 0
        requestedTheme = themeNames[index]
    }

    /// The controller loaded (or failed to load) `requestedKeymap`.
    public mutating func keymapRequestHandled() {
        requestedKeymap = nil
        pending.reset()
    }

    /// The controller loaded (or failed to load) `requestedTheme`.
    public mutating func themeRequestHandled(loaded name: String?) {
        if let name { themeName = name }
        requestedTheme = nil
    }
}
