import Foundation
import Inventory
import Terminal

/// What the interactive UI needs besides the pools (from the config and the command line).
public struct InteractiveUIOptions: Sendable {
    public var keymap: Keymap
    public var theme: Theme
    public var readOnly: Bool
    public var demo: Bool
    /// Pool title colours by configured pool name (`accent`).
    public var accents: [String: TerminalColor]
    public var logPaneHeight: Int
    /// Shown in the log pane at start (config, theme or keymap problems).
    public var startupMessages: [LogPaneEntry]
    /// Entries that arrive while the UI runs from outside the pools (cache save failures).
    public var messages: AsyncStream<LogPaneEntry>?
    /// Where `:theme NAME` and `:keymap NAME` look (the same folders as at start).
    public var themeLoader: ThemeLoader
    public var keymapLoader: KeymapLoader
    /// The persistent log's folder (`XentuiPaths.stateDirectory`); nil writes no log.
    public var logDirectory: String?
    /// Strings the log must never contain (passwords already read), masked if they turn up.
    public var logSecrets: [String] = []
    /// Pools configured `read_only = true` (`--read-only` is `readOnly`, for every pool).
    public var readOnlyPools: Set<String>
    /// Runs the actions the user confirms; nil: the UI runs none (each says so in the log pane).
    public var performer: (any ActionPerforming)?
    /// Opens consoles (`c`); nil: the UI says it cannot.
    public var consoleOpener: (any ConsoleOpening)?
    /// Fetches `/rrd_updates` for a host; nil: no stats are polled.
    public var statsFetch: StatsPoller.Fetch?

    public init(keymap: Keymap = .builtInDefault, theme: Theme = .builtInDark, readOnly: Bool = false, demo: Bool = false,
                accents: [String: TerminalColor] = [:], logPaneHeight: Int = 6, startupMessages: [LogPaneEntry] = [],
                themeLoader: ThemeLoader = ThemeLoader(), keymapLoader: KeymapLoader = KeymapLoader(),
                readOnlyPools: Set<String> = [], performer: (any ActionPerforming)? = nil) {
        self.keymap = keymap
        self.theme = theme
        self.readOnly = readOnly
        self.demo = demo
        self.accents = accents
        self.logPaneHeight = logPaneHeight
        self.startupMessages = startupMessages
        self.messages = nil
        self.themeLoader = themeLoader
        self.keymapLoader = keymapLoader
        self.readOnlyPools = readOnlyPools
        self.performer = performer
    }
}

/// Runs the full-screen UI over `inventory` until the user quits or the terminal goes away:
/// ncurses screen, key loop, the pools' syncs, and a redraw after every change.
/// Throws when the terminal cannot be set up (not a terminal, unknown TERM).
@MainActor
public func runInteractiveUI(inventory: MultiPoolInventory, options: InteractiveUIOptions = InteractiveUIOptions()) async throws {
    var entries: [PoolEntry] = []
    for sync in inventory.pools {
        let pool = await sync.inventory
        entries.append(PoolEntry(inventory: pool, accent: options.accents[pool.name]))
    }
    let keymap = options.readOnly ? options.keymap.readOnly() : options.keymap
    var state = AppState(pools: entries, logHeight: options.logPaneHeight, readOnly: options.readOnly, demo: options.demo)
    // A write failure becomes a pane entry, through a stream since the writer runs off the main actor.
    let (writeFailures, failureSink) = AsyncStream<PersistentLogError>.makeStream()
    let logWriter = options.logDirectory.map { directory in
        let log = PersistentLog(directory: directory)
        for secret in options.logSecrets { log.addSecret(secret) }
        return LogFileWriter(log: log) { error in failureSink.yield(error) }
    }
    if let logWriter {
        state.recordEntriesForLog()
        state.showEarlierEntries(await logWriter.earlierEntries(last: AppState.earlierEntryCount), at: Date())
    }
    state.readOnlyPools = options.readOnlyPools
    for message in options.startupMessages { state.appendLog(message) }
    let foldMemory = FoldMemory(stateDirectory: options.logDirectory)
    if let foldMemory { state.restoreFolds(foldMemory.load()) }

    let screen = try NcursesScreen()
    defer { screen.close() }
    let controller = UIController(screen: screen, keymap: keymap, theme: options.theme, state: state,
                                  themeLoader: options.themeLoader, keymapLoader: options.keymapLoader, logWriter: logWriter,
                                  performer: options.performer)
    let loop = TerminalRunLoop()
    controller.consoleOpener = options.consoleOpener
    controller.consoleInput = ({ [weak loop] in loop?.pauseInput() }, { [weak loop] in loop?.resumeInput() })
    let syncing = Task { await inventory.run() }
    let changes = Task { @MainActor in
        for await change in inventory.changes {
            controller.apply(change)
        }
    }
    let messages = Task { @MainActor in
        guard let stream = options.messages else { return }
        for await entry in stream { controller.appendLog(entry) }
    }
    let failures = Task { @MainActor in
        for await error in writeFailures { controller.logWriteFailed(error) }
    }
    // Elapsed times of running tasks move on once a second; nothing is drawn when none runs.
    let ticking = Task { @MainActor in
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            controller.tick()
        }
    }
    defer {
        syncing.cancel()
        changes.cancel()
        messages.cancel()
        failures.cancel()
        failureSink.finish()
        ticking.cancel()
    }
    let statsPolling = startStatsPolling(fetch: options.statsFetch, controller: controller)
    defer { statsPolling.forEach { $0.cancel() } }
    loop.onKey = { [weak loop] event in
        controller.key(event)
        if controller.quitRequested { loop?.stop() }
    }
    loop.onResize = { controller.resized() }
    loop.onInputClosed = { [weak loop] in loop?.stop() }
    loop.onTerminate = { _ in screen.close() }
    controller.redraw()
    await loop.run()
    foldMemory?.save(controller.state.foldState)
    controller.saveLog()
    await logWriter?.flushed()
}

/// The stats poller's loop and the task that hands its events to the controller, which tells
/// it the hosts on screen after every redraw.
@MainActor
func startStatsPolling(fetch: StatsPoller.Fetch?, controller: UIController) -> [Task<Void, Never>] {
    guard let fetch else { return [] }
    let poller = StatsPoller(now: { Date().timeIntervalSince1970 }, fetch: fetch)
    controller.onStatsHostsChanged = { hosts in
        Task { await poller.watch(hosts) }
    }
    let polling = Task { await poller.run() }
    let events = Task { @MainActor in
        for await event in poller.events { controller.applyStats(event) }
    }
    return [polling, events]
}
