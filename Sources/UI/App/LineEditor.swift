/// One line of text being typed (the `:` command line, the `ctrl-p` jump input), with a
/// cursor between characters. Keys that are not editing keys are left to the keymap.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String
    /// Characters before the cursor.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Applies an editing key (a `KeyEvent.name`); false for keys it does not edit with.
    public mutating func edit(_ key: String) -> Bool {
        switch key {
        case "backspace":
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case "delete", "ctrl-d":
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case "left", "ctrl-b": cursor = max(0, cursor - 1)
        case "right", "ctrl-f": cursor = min(text.count, cursor + 1)
        case "home", "ctrl-a": cursor = 0
        case "end", "ctrl-e": cursor = text.count
        case "ctrl-w": deleteWordBackward()
        case "space": insert(" ")
        default:
            guard key.count == 1 else { return false }
            insert(key)
        }
        return true
    }

    public mutating func insert(_ string: String) {
        text.insert(contentsOf: string, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += string.count
    }

    /// Replaces the whole line, cursor at its end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    private mutating func deleteWordBackward() {
        var start = cursor
        let characters = Array(text)
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        text = String(characters[..<start]) + String(characters[cursor...])
        cursor = start
    }
}
