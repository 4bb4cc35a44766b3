import Foundation
import Inventory
import Terminal

/// Connects the state to a screen: keys and inventory changes go into `AppState`, and after
/// each one a whole frame is rendered and handed to the screen, which writes only what changed.
@MainActor
public final class UIController {
    public let screen: any Screen
    public let keymap: Keymap
    public let theme: Theme
    public private(set) var state: AppState

    public init(screen: any Screen, keymap: Keymap, theme: Theme, state: AppState) {
        self.screen = screen
        self.keymap = keymap
        self.theme = theme.adapted(to: Self.themeDepth(screen.capabilities.colorDepth))
        self.state = state
    }

    public var quitRequested: Bool { state.quitRequested }

    /// A key from the run loop; a paste is typed into the filter line when it is open.
    public func key(_ event: KeyEvent) {
        if case .paste(let text) = event {
            guard state.isEditingFilter else { return }
            for character in text where character != "\n" { state.press(String(character), keymap: keymap) }
        } else {
            state.press(event.name, keymap: keymap)
        }
        redraw()
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

    /// After SIGWINCH.
    public func resized() {
        screen.refreshSize()
        redraw()
    }

    public func redraw() {
        state.fit(to: screen.size, keymap: keymap)
        screen.draw(AppView.render(state, keymap: keymap, theme: theme, size: screen.size))
    }

    static func themeDepth(_ depth: Terminal.ColorDepth) -> ColorDepth {
        switch depth {
        case .none: .none
        case .ansi16: .ansi16
        case .indexed256: .xterm256
        case .truecolor: .trueColor
        }
    }
}
