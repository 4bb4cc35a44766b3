/// One key press by its canonical name, the same vocabulary the Terminal module's key
/// decoder produces: a printable character ("a", "G", "?"), a named key ("enter", "esc",
/// "tab", "shift-tab", "backspace", "delete", "insert", "up", "down", "left", "right", "home", "end",
/// "pgup", "pgdn", "space", "f1"…"f12"), "ctrl-" and a letter ("ctrl-d"), or "alt-" and a
/// character or named key ("alt-x", "alt-<", "alt-enter").
///
/// Parsing also accepts common spellings and normalises them: "C-d", "<C-d>", "Ctrl+D",
/// "M-x", "<Esc>", "<CR>", "return", "escape", "PageDown", "backtab", "S-tab".
public struct KeyStroke: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String

    public var description: String { name }

    public static func < (lhs: KeyStroke, rhs: KeyStroke) -> Bool { lhs.name < rhs.name }

    public static let namedKeys: Set<String> = Set(
        ["enter", "esc", "tab", "shift-tab", "backspace", "delete", "insert", "up", "down", "left", "right",
         "home", "end", "pgup", "pgdn", "space"] + (1...12).map { "f\($0)" })

    private static let aliases: [String: String] = [
        "return": "enter", "ret": "enter", "cr": "enter", "escape": "esc", "backtab": "shift-tab",
        "s-tab": "shift-tab", "bs": "backspace", "del": "delete", "ins": "insert",
        "pageup": "pgup", "pagedown": "pgdn", "page_up": "pgup", "page_down": "pgdn", "pgdown": "pgdn",
        "spc": "space",
    ]

    /// A stroke from a canonical name, or nil when `name` is not canonical.
    public init?(canonical name: String) {
        guard let parsed = KeyStroke(parsing: name), parsed.name == name else { return nil }
        self = parsed
    }

    private init(validated name: String) { self.name = name }

    /// Parses a key name in any accepted spelling; nil when it names no key.
    public init?(parsing text: String) {
        var body = text
        if body.count > 2, body.hasPrefix("<"), body.hasSuffix(">") {
            body = String(body.dropFirst().dropLast())
        }
        guard !body.isEmpty, !body.contains(where: { $0.isWhitespace }) else { return nil }
        if body.count == 1 {
            guard let char = body.first, Self.isPrintable(char) else { return nil }
            self.init(validated: body)
            return
        }
        let lower = body.lowercased()
        if Self.namedKeys.contains(lower) { self.init(validated: lower); return }
        if let alias = Self.aliases[lower] { self.init(validated: alias); return }
        guard let (modifier, rest) = Self.splitModifier(body) else { return nil }
        switch modifier {
        case "ctrl":
            // Terminals send the same byte for ctrl-d and ctrl-D.
            guard rest.count == 1, let char = rest.lowercased().first, char.isASCII, char.isLetter || char == "@" || char == "\\" || char == "]" || char == "^" || char == "_" else {
                if rest.lowercased() == "space" { self.init(validated: "ctrl-space"); return }
                return nil
            }
            self.init(validated: "ctrl-\(char)")
        case "alt":
            if rest.count == 1, let char = rest.first, Self.isPrintable(char) {
                self.init(validated: "alt-\(char)")
            } else if let inner = KeyStroke(parsing: rest), !inner.name.hasPrefix("alt-"), !inner.name.hasPrefix("ctrl-") {
                self.init(validated: "alt-\(inner.name)")
            } else {
                return nil
            }
        case "shift":
            guard rest.lowercased() == "tab" else { return nil }
            self.init(validated: "shift-tab")
        default:
            return nil
        }
    }

    private static func isPrintable(_ char: Character) -> Bool {
        !char.isWhitespace && char.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7f }
    }

    /// Splits "ctrl-d", "C-d", "Ctrl+D", "M-x", "alt+x", "shift-tab" into modifier and key.
    private static func splitModifier(_ text: String) -> (String, String)? {
        let lower = text.lowercased()
        let spellings: [(String, String)] = [
            ("ctrl-", "ctrl"), ("ctrl+", "ctrl"), ("control-", "ctrl"), ("c-", "ctrl"),
            ("alt-", "alt"), ("alt+", "alt"), ("meta-", "alt"), ("m-", "alt"), ("a-", "alt"),
            ("shift-", "shift"), ("shift+", "shift"),
        ]
        for (prefix, modifier) in spellings where lower.hasPrefix(prefix) && text.count > prefix.count {
            return (modifier, String(text.dropFirst(prefix.count)))
        }
        return nil
    }
}

/// Keys pressed one after the other ("g h"), written space-separated in keymap files.
public struct KeySequence: Hashable, Sendable, CustomStringConvertible {
    public let strokes: [KeyStroke]

    public init(_ strokes: [KeyStroke]) { self.strokes = strokes }

    /// Parses "g h", "<C-d>", "ctrl-x ctrl-s"; nil when empty or any key is unknown.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else { return nil }
        var strokes: [KeyStroke] = []
        for word in words {
            guard let stroke = KeyStroke(parsing: String(word)) else { return nil }
            strokes.append(stroke)
        }
        self.strokes = strokes
    }

    /// The words of `text` that are not key names (for error messages).
    static func badWords(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init).filter { KeyStroke(parsing: $0) == nil }
    }

    public var names: [String] { strokes.map(\.name) }

    /// As help and hints show it: "g h".
    public var description: String { names.joined(separator: " ") }

    public var count: Int { strokes.count }
}
