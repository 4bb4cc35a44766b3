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
