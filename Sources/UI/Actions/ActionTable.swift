/// The one table of actions. Ids are stable: keymap files and the `:` command name them.
/// The order here is the order of help sections and of the which-key popup.
public enum ActionTable {
    public static let all: [ActionDefinition] = navigation + views + selectionActions + vm + host + sr + tasks + application

    private static let byID: [ActionID: ActionDefinition] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    private static let order: [ActionID: Int] = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

    public static func definition(_ id: ActionID) -> ActionDefinition? { byID[id] }

    /// Position in the table, for stable ordering (unknown ids last).
    public static func index(of id: ActionID) -> Int { order[id] ?? Int.max }

    /// The VM action a XAPI `allowed_operations` value permits (`clean_shutdown` → `vm.shutdown`).
    public static func vmAction(forOperation operation: String) -> ActionDefinition? {
        all.first { $0.target == .vm && $0.xapiOperation == operation }
    }

    /// The known id nearest to `text` (for "did you mean"), if reasonably near.
    public static func suggestion(for text: String) -> ActionID? {
        Suggestion.nearest(to: text, among: all.map(\.id.rawValue)).map { ActionID($0) }
    }

    static let panes: Set<KeyContext> = [.tree, .details, .log]
    static let onSelection: Set<KeyContext> = [.tree, .details]

    static let navigation: [ActionDefinition] = [
        .init("nav.down", "Move down", group: .navigation, contexts: [.global]),
        .init("nav.up", "Move up", group: .navigation, contexts: [.global]),
        .init("nav.page_down", "Page down", group: .navigation, contexts: [.global]),
        .init("nav.page_up", "Page up", group: .navigation, contexts: [.global]),
        .init("nav.top", "Go to the top", group: .navigation, contexts: [.global]),
        .init("nav.bottom", "Go to the bottom", group: .navigation, contexts: [.global]),
        .init("tree.fold", "Fold the node (or go to its parent)", group: .navigation, contexts: [.tree]),
        .init("tree.unfold", "Unfold the node", group: .navigation, contexts: [.tree]),
        .init("open", "Open the selection", group: .navigation, contexts: [.global]),
        .init("pane.next", "Next pane", group: .navigation, contexts: panes),
        .init("pane.previous", "Previous pane", group: .navigation, contexts: panes),
        .init("details.next_tab", "Next details tab", group: .navigation, contexts: onSelection),
        .init("details.previous_tab", "Previous details tab", group: .navigation, contexts: onSelection),
        .init("back", "Back, cancel or close", group: .navigation, contexts: [.global],
              hint: "cancel", hintRank: 80, hintContexts: [.popup, .filter, .command]),
    ]

    static let views: [ActionDefinition] = [
        .init("goto.hosts", "Go to the hosts of every pool", group: .views, contexts: panes, hint: "hosts", hintRank: 10),
        .init("goto.pools", "Go to the pools", group: .views, contexts: panes),
        .init("goto.vms", "Go to the VMs of every pool", group: .views, contexts: panes, hint: "VMs", hintRank: 12),
        .init("goto.srs", "Go to the SRs of every pool", group: .views, contexts: panes),
        .init("goto.networks", "Go to the networks of every pool", group: .views, contexts: panes),
        .init("filter", "Filter the current view", group: .views, contexts: panes, hint: "filter", hintRank: 20),
        .init("search.next", "Next match", group: .views, contexts: panes),
        .init("search.previous", "Previous match", group: .views, contexts: panes),
        .init("jump", "Jump to any object by name", group: .views, contexts: panes),
        .init("command", "Command mode", group: .views, contexts: panes, hint: "command", hintRank: 40),
        // Mutating: typing into a console changes the guest, which read-only mode rules out.
        .init("console.attach", "Attach to the text console of the VM or host (ctrl-] returns)", group: .views,
              contexts: onSelection, mutating: true),
        .init("stats.sparklines", "Show or hide CPU sparklines in the tree", group: .views, contexts: panes),
        .init("stats.range", "Switch the stats range: 10 min, 2 h, 1 week", group: .views, contexts: onSelection),
    ]

    static let selectionActions: [ActionDefinition] = [
        .init("mark", "Mark for bulk actions", group: .selection, contexts: onSelection),
        .init("mark.clear", "Clear every mark", group: .selection, contexts: onSelection),
        .init("filter.mark_all", "Mark every VM the filter matches", group: .selection, contexts: onSelection),
    ]

    static let vm: [ActionDefinition] = [
        vmAction("vm.start", "Start the VM", "start"),
        vmAction("vm.start_on", "Start the VM on a chosen host", "start_on"),
        vmAction("vm.shutdown", "Shut the VM down cleanly", "clean_shutdown"),
        vmAction("vm.hard_shutdown", "Power the VM off (hard shutdown)", "hard_shutdown", danger: .always),
        vmAction("vm.reboot", "Reboot the VM cleanly", "clean_reboot"),
        vmAction("vm.hard_reboot", "Reset the VM (hard reboot)", "hard_reboot", danger: .always),
        vmAction("vm.pause", "Pause the VM", "pause"),
        vmAction("vm.unpause", "Unpause the VM", "unpause"),
        vmAction("vm.suspend", "Suspend the VM to disk", "suspend"),
        vmAction("vm.resume", "Resume the suspended VM", "resume"),
        vmAction("vm.migrate", "Migrate the VM to another host", "pool_migrate", danger: .whenSeveral),
        vmAction("vm.snapshot", "Snapshot the VM", "snapshot"),
        vmAction("vm.clone", "Clone the VM", "clone"),
        vmAction("vm.destroy", "Destroy the VM and its disks", "destroy", danger: .always),
    ]

    static let host: [ActionDefinition] = [
        .init("host.disable", "Disable the host (no new VMs start on it)", group: .host, contexts: onSelection, mutating: true, target: .host),
        .init("host.enable", "Enable the host", group: .host, contexts: onSelection, mutating: true, target: .host),
        .init("host.reboot", "Reboot the host", group: .host, contexts: onSelection, mutating: true, danger: .always, target: .host, xapiOperation: "reboot"),
        .init("host.shutdown", "Shut the host down", group: .host, contexts: onSelection, mutating: true, danger: .always, target: .host, xapiOperation: "shutdown"),
    ]

    static let sr: [ActionDefinition] = [
        .init("sr.scan", "Rescan the SR for disks", group: .sr, contexts: onSelection, mutating: true, target: .sr, xapiOperation: "scan"),
    ]

    static let tasks: [ActionDefinition] = [
        .init("log.focus", "Focus the tasks & log pane", group: .tasks, contexts: panes),
        .init("log.detail", "Open the log entry's detail", group: .tasks, contexts: [.log], target: .logEntry, hint: "detail", hintRank: 5),
        .init("task.cancel", "Cancel the running task", group: .tasks, contexts: [.log], mutating: true, target: .task, xapiOperation: "cancel"),
        .init("log.grow", "Make the log pane taller", group: .tasks, contexts: panes),
        .init("log.shrink", "Make the log pane shorter", group: .tasks, contexts: panes),
    ]

    static let application: [ActionDefinition] = [
        .init("confirm", "Confirm", group: .application, contexts: [.popup], hint: "confirm", hintRank: 1),
        .init("input.accept", "Accept the input", group: .application, contexts: [.filter, .command], hint: "accept", hintRank: 1),
        .init("input.complete", "Complete the word", group: .application, contexts: [.command], hint: "complete", hintRank: 2),
        .init("input.history_previous", "Previous input from history", group: .application, contexts: [.filter, .command]),
        .init("input.history_next", "Next input from history", group: .application, contexts: [.filter, .command]),
        .init("input.clear", "Clear the input", group: .application, contexts: [.filter, .command]),
        .init("refresh", "Reload everything from the pools", group: .application, contexts: panes),
        .init("redraw", "Redraw the screen", group: .application, contexts: [.global]),
        .init("theme.cycle", "Switch to the next theme", group: .application, contexts: panes),
        .init("help", "Help: every key binding", group: .application, contexts: panes, hint: "help", hintRank: 90),
        .init("quit", "Quit xentui", group: .application, contexts: panes, hint: "quit", hintRank: 99),
    ]

    private static func vmAction(_ id: ActionID, _ description: String, _ operation: String, danger: ActionDanger = .none) -> ActionDefinition {
        .init(id, description, group: .vm, contexts: onSelection, mutating: true, danger: danger, target: .vm, xapiOperation: operation)
    }
}
