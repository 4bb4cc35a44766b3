/// The `:` command line: what is typed, the candidates `tab` found when it could not choose,
/// and where `up`/`down` are in the session's history.
public struct CommandInput: Hashable, Sendable {
    public var editor = LineEditor()
    /// Shown above the line after an ambiguous `tab`; cleared by the next edit.
    public var candidates: [String] = []
    /// `tab` found nothing to complete.
    public var noCompletion = false
    /// Index into the history while recalling; nil when editing a new line.
    var historyIndex: Int?
    /// The line being typed before recalling started, restored after the newest entry.
    var draft = ""

    public init() {}

    public var text: String { editor.text }

    /// `up`: the previous entry of `history` (oldest first).
    mutating func recallPrevious(_ history: [String]) {
        guard !history.isEmpty else { return }
        if historyIndex == nil { draft = editor.text }
        let index = max(0, (historyIndex ?? history.count) - 1)
        historyIndex = index
        editor.set(history[index])
        candidates = []
    }

    /// `down`: the next entry, then back to the line being typed.
    mutating func recallNext(_ history: [String]) {
        guard let index = historyIndex else { return }
        if index + 1 < history.count {
            historyIndex = index + 1
            editor.set(history[index + 1])
        } else {
            historyIndex = nil
            editor.set(draft)
        }
        candidates = []
    }
}
