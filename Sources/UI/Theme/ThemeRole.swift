/// The semantic roles a theme colours (PRODUCT §5); views ask for roles, never for colours.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case background
    case text
    case textDim = "text.dim"
    case border
    case borderFocus = "border.focus"
    case title
    case selection
    case selectionUnfocused = "selection.unfocused"
    case header
    case hintKey = "hint.key"
    case hintText = "hint.text"
    case powerRunning = "power.running"
    case powerHalted = "power.halted"
    case powerPaused = "power.paused"
    case powerSuspended = "power.suspended"
    case statusOK = "status.ok"
    case statusWarn = "status.warn"
    case statusError = "status.error"
    case taskRunning = "task.running"
    case taskSuccess = "task.success"
    case taskFailure = "task.failure"
    case progressDone = "progress.done"
    case progressTodo = "progress.todo"
    case usageLow = "usage.low"
    case usageMid = "usage.mid"
    case usageHigh = "usage.high"
    case badge
    case match
    case demo
    case readonly
}

extension ThemeRole {
    /// The role for a XAPI `power_state` value (`Running`, `Halted`, `Paused`, `Suspended`,
    /// any case); nil for anything else (`Crashed`, unknown values).
    public static func power(_ powerState: String) -> ThemeRole? {
        switch powerState.lowercased() {
        case "running": return .powerRunning
        case "halted": return .powerHalted
        case "paused": return .powerPaused
        case "suspended": return .powerSuspended
        default: return nil
        }
    }

    /// The role for a usage fraction (CPU, memory, disk): high from 90 %, mid from 70 %
    /// (k9s's default thresholds).
    public static func usage(_ fraction: Double) -> ThemeRole {
        if fraction >= 0.9 { return .usageHigh }
        if fraction >= 0.7 { return .usageMid }
        return .usageLow
    }
}
