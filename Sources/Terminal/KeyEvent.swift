/// A key without modifiers.
public enum Key: Hashable, Sendable {
    /// Printable text: `a`, `G`, `é`, `中`, `/`; the space bar is `.character(" ")`.
    case character(Character)
    case enter, tab, backspace, escape
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    /// F1 to F12 (and beyond, when a terminal sends them).
    case function(Int)
}

/// Modifier keys held with a key. Shift is only recorded for keys that are not text (`shift-tab`,
/// `shift-up`): for text it is already in the character (`G`).
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let shift = KeyModifiers(rawValue: 1 << 0)
    public static let alt = KeyModifiers(rawValue: 1 << 1)
    public static let ctrl = KeyModifiers(rawValue: 1 << 2)
}

/// What the user typed: a key with modifiers, or a whole bracketed paste.
public enum KeyEvent: Hashable, Sendable {
    case key(Key, KeyModifiers = [])
    /// Text pasted while the terminal's bracketed paste mode was on (line ends as `\n`).
    case paste(String)

    /// A printable character.
    public static func char(_ character: Character) -> KeyEvent { .key(.character(character)) }
    /// Ctrl with a letter or symbol: `.ctrl("c")`.
    public static func ctrl(_ character: Character) -> KeyEvent { .key(.character(character), .ctrl) }
    /// Alt with a letter or symbol: `.alt("x")`.
    public static func alt(_ character: Character) -> KeyEvent { .key(.character(character), .alt) }
}

// MARK: Names

extension KeyEvent {
    /// The name keymaps use: `a`, `G`, `space`, `ctrl-d`, `alt-x`, `enter`, `esc`, `shift-tab`,
    /// `ctrl-up`, `f5`… Modifiers come in the order ctrl, alt, shift. A paste is `paste`.
    public var name: String {
        switch self {
        case .paste: return "paste"
        case .key(let key, let modifiers):
            var prefix = ""
            if modifiers.contains(.ctrl) { prefix += "ctrl-" }
            if modifiers.contains(.alt) { prefix += "alt-" }
            if modifiers.contains(.shift) { prefix += "shift-" }
            return prefix + KeyEvent.baseName(of: key)
        }
    }

    /// Parses a keymap name (the inverse of `name`). Also accepts any case for modifiers and
    /// named keys (`Ctrl-D` is `ctrl-d`), `+` as a separator (`ctrl+d`), `c-`/`a-`/`m-`/`s-`
    /// prefixes, and common aliases (`escape`, `return`, `pageup`, `backtab`, `del`…).
    /// Nil for an empty or unknown name.
    public init?(name: String) {
        var rest = Substring(name)
        var modifiers: KeyModifiers = []
        while true {
            guard let separator = rest.firstIndex(where: { $0 == "-" || $0 == "+" }),
                  separator != rest.startIndex,
                  rest.index(after: separator) != rest.endIndex,
                  let modifier = KeyEvent.modifierNames[rest[..<separator].lowercased()]
            else { break }
            modifiers.insert(modifier)
            rest = rest[rest.index(after: separator)...]
        }
        guard !rest.isEmpty else { return nil }
        let base = String(rest)
        if base.count == 1, let character = base.first {
            // A single character: ctrl with a letter is always the lower-case letter (terminals
            // cannot tell ctrl-D from ctrl-d).
            let text = modifiers.contains(.ctrl) && character.isLetter ? Character(character.lowercased()) : character
            if text == " " { self = .key(.character(" "), modifiers); return }
            self = .key(.character(text), modifiers)
            return
        }
        if let key = KeyEvent.namedKeys[base.lowercased()] {
            if key == .backtab {
                self = .key(.tab, modifiers.union(.shift))
            } else if case .key(let k) = key {
                self = .key(k, modifiers)
            } else {
                return nil
            }
            return
        }
        let lower = base.lowercased()
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), number >= 1, number <= 63 {
            self = .key(.function(number), modifiers)
            return
        }
        return nil
    }

    private static func baseName(of key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .enter: return "enter"
        case .tab: return "tab"
        case .backspace: return "backspace"
        case .escape: return "esc"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .insert: return "insert"
        case .delete: return "delete"
        case .function(let n): return "f\(n)"
        }
    }

    private static let modifierNames: [String: KeyModifiers] = [
        "ctrl": .ctrl, "control": .ctrl, "c": .ctrl,
        "alt": .alt, "meta": .alt, "a": .alt, "m": .alt,
        "shift": .shift, "s": .shift,
    ]

    private enum NamedKey: Equatable {
        case key(Key)
        case backtab
    }

    private static let namedKeys: [String: NamedKey] = [
        "space": .key(.character(" ")),
        "enter": .key(.enter), "return": .key(.enter), "ret": .key(.enter), "cr": .key(.enter),
        "tab": .key(.tab), "backtab": .backtab,
        "backspace": .key(.backspace), "bs": .key(.backspace),
        "esc": .key(.escape), "escape": .key(.escape),
        "up": .key(.up), "down": .key(.down), "left": .key(.left), "right": .key(.right),
        "home": .key(.home), "end": .key(.end),
        "pgup": .key(.pageUp), "pageup": .key(.pageUp), "pgdn": .key(.pageDown), "pagedown": .key(.pageDown),
        "insert": .key(.insert), "ins": .key(.insert), "delete": .key(.delete), "del": .key(.delete),
        "minus": .key(.character("-")), "plus": .key(.character("+")),
    ]
}

extension KeyEvent: CustomStringConvertible {
    public var description: String {
        if case .paste(let text) = self { return "paste(\(text.count) characters)" }
        return name
    }
}
