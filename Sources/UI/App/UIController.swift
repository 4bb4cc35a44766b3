import Foundation
import Inventory
import Terminal
import XAPI

/// Connects the state to a screen: keys and inventory changes go into `AppState`, and after
/// each one a whole frame is rendered and handed to the screen, which writes only what changed.
@MainActor
public final class UIController {
    public let screen: any Screen
    /// The keymap in use (`:keymap` switches it; read-only mode keeps mutating actions out).
    public private(set) var keymap: Keymap
    /// The theme as the screen shows it (adapted to its colour depth).
    public private(set) var theme: Theme
    /// Resolves `:theme NAME` as the command line does: built-in themes and the user's directory.
    public let themeLoader: ThemeLoader
    /// Resolves `:keymap NAME`: built-in keymaps and the user's directory.
    public let keymapLoader: KeymapLoader
    public internal(set) var state: AppState
    /// Where the pane's entries are written (nil: no persistent log, as in most tests).
    public let logWriter: LogFileWriter?
    /// Runs confirmed actions and cancellations; nil: they end as errors saying nothing can run them.
    public let performer: (any ActionPerforming)?
    /// The performer's calls under way (tests wait for them).
    private(set) var running: [Int: Task<Void, Never>] = [:]
    private var nextRun = 0
    /// Opens consoles (`c`); nil: the UI says it cannot.
    public var consoleOpener: (any ConsoleOpening)?
    /// Stops and restarts the run loop's key reading while a console has the terminal.
    public var consoleInput: (pause: () -> Void, resume: () -> Void)?
    /// The terminal a console uses while attached: standard input and output.
    public var consoleDescriptors: (input: Int32, output: Int32) = (0, 1)
    /// The console being opened or attached.
    var consoleTask: Task<Void, Never>?
    /// The benchmark's first-frame timestamps (`XENTUI_FIRST_FRAME_FILE`), nil when unset.
    private let firstFrameProbe = FirstFrameProbe.fromEnvironment()

    public init(screen: any Screen, keymap: Keymap, theme: Theme, state: AppState,
                themeLoader: ThemeLoader = ThemeLoader(), keymapLoader: KeymapLoader = KeymapLoader(),
                logWriter: LogFileWriter? = nil, performer: (any ActionPerforming)? = nil) {
        self.screen = screen
        self.logWriter = logWriter
        self.performer = performer
        self.keymap = keymap
        self.themeLoader = themeLoader
        self.keymapLoader = keymapLoader
        self.theme = theme.adapted(to: screen.capabilities.colorDepth)
        var state = state
        state.themeName = theme.name
        state.themeNames = Array(Set(themeLoader.builtInNames + themeLoader.userNames)).sorted()
        state.keymapNames = Array(Set(keymapLoader.builtInNames + keymapLoader.userNames)).sorted()
        if logWriter != nil { state.recordEntriesForLog() }
        self.state = state
    }

    public var quitRequested: Bool { state.quitRequested }

    /// A key from the run loop; a paste is typed into the filter line when it is open.
    public func key(_ event: KeyEvent, at time: Date = Date()) {
        if case .paste(let text) = event {
            guard state.isEditingFilter || state.command != nil || state.jump != nil else { return }
            for character in text where character != "\n" { state.press(String(character), keymap: keymap, at: time) }
        } else {
            state.press(event.name, keymap: keymap, at: time)
        }
        if let name = state.requestedTheme { switchTheme(to: name, at: time) }
        if let name = state.requestedKeymap { switchKeymap(to: name, at: time) }
        performRequests()
        attachRequestedConsole()
        redraw()
    }

    /// Hands the state's queued actions and cancellations to the performer; each answer goes
    /// back into the state (the task's ref, or the error) and redraws.
    func performRequests() {
        for queued in state.takeRequests() {
            guard let performer else {
                state.actionFailed(queued.id, error: XAPIError(code: "NO_PERFORMER", params: ["this UI cannot run actions"]))
                continue
            }
            track { [weak self] in
                let result = await performer.perform(queued.request)
                guard let self else { return }
                switch result {
                case .started(let task): self.state.actionStarted(queued.id, task: task)
                case .failed(let error): self.state.actionFailed(queued.id, error: error)
                case .cancelled: break
                }
                self.redraw()
            }
        }
        for cancel in state.takeCancels() {
            guard let performer else { continue }
            track { [weak self] in
                let result = await performer.cancel(cancel)
                guard let self else { return }
                if case .failed(let error) = result {
                    self.state.cancelFailed(cancel, error: error)
                    self.redraw()
                }
            }
        }
    }

    private func track(_ work: @escaping @MainActor () async -> Void) {
        let id = nextRun
        nextRun += 1
        running[id] = Task { @MainActor [weak self] in
            await work()
            self?.running[id] = nil
        }
    }

    /// Waits until every call handed to the performer has answered (tests, and quitting).
    public func waitForPerformer() async {
        while let task = running.values.first {
            await task.value
        }
    }

    /// Loads `name` for `:theme` or `T`: on success the screen takes it at once; a missing
    /// theme or a bad file keeps the current one and each problem (file:line) goes to the log pane.
    func switchTheme(to name: String, at time: Date) {
        let result = themeLoader.load(name)
        guard result.problems.isEmpty else {
            for problem in result.problems {
                // A missing theme has no file of its own to name.
                let detail = problem.file == "theme" && problem.line == nil ? problem.problem : problem.description
                state.appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: "", text: ":theme \(name): \(detail)"))
            }
            state.themeRequestHandled(loaded: nil)
            return
        }
        theme = result.theme.adapted(to: screen.capabilities.colorDepth)
        state.themeRequestHandled(loaded: name)
    }

    public func apply(_ change: InventoryChange) {
        state.apply(change)
        redraw()
    }

    public func apply(pool: String, kind: InventoryChange.Kind, inventory: PoolInventory, at time: Date) {
        state.apply(pool: pool, kind: kind, inventory: inventory, at: time)
        redraw()
    }

    /// Once a second while tasks run: their elapsed times move on.
    public func tick(at time: Date = Date()) {
        guard state.logPane.hasRunningTasks else { return }
        state.tick(at: time)
        redraw()
    }

    public func appendLog(_ entry: LogPaneEntry) {
        state.appendLog(entry)
        redraw()
    }

    /// Hands the entries added since the last call to the log writer (it writes off the main actor).
    public func saveLog() {
        if let logWriter { logWriter.write(state.takeUnsavedLogEntries()) }
    }

    /// The writer could not write (reported once per run of failures): one pane entry says why.
    public func logWriteFailed(_ error: PersistentLogError, at time: Date = Date()) {
        appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: "", text: PrintableText.escaped(error.description)))
    }

    /// After SIGWINCH.
    public func resized() {
        guard consoleTask == nil else { return }  // resuming from the console asks for the size
        screen.refreshSize()
        redraw()
    }

    /// Every change ends with a redraw: the entries it added go to the log writer's queue first.
    public func redraw() {
        saveLog()
        state.fit(to: screen.size, keymap: keymap)
        screen.draw(AppView.render(state, keymap: keymap, theme: theme, size: screen.size))
        firstFrameProbe?.drawn(state.pools)
        watchStats()
    }

    /// Told which hosts' stats are on screen, and for which ranges, whenever that changes
    /// (the stats poller's `watch`).
    public var onStatsHostsChanged: (@MainActor ([StatsHost: Set<StatsRange>]) -> Void)?
    private var watchedStatsHosts: [StatsHost: Set<StatsRange>]?

    private func watchStats() {
        guard let onStatsHostsChanged else { return }
        let hosts = state.statsWanted(treeHeight: state.pageSize)
        guard hosts != watchedStatsHosts else { return }
        watchedStatsHosts = hosts
        onStatsHostsChanged(hosts)
    }

    /// A reply or failure of the stats poller.
    public func applyStats(_ event: StatsEvent, at time: Date = Date()) {
        state.applyStats(event, at: time)
        redraw()
    }

    /// Loads `name` for `:keymap`; problems (file:line) go to the log pane and the keymap stays.
    func switchKeymap(to name: String, at time: Date) {
        let result = keymapLoader.load(name)
        if result.problems.isEmpty {
            keymap = state.readOnly ? result.keymap.readOnly() : result.keymap
        }
        for problem in result.problems {
            let detail = problem.file == "keymap" && problem.line == nil ? problem.problem : problem.description
            state.appendLog(LogPaneEntry(time: time, level: .error, kind: .error, pool: "", text: ":keymap \(name): \(detail)"))
        }
        state.keymapRequestHandled()
    }

}
