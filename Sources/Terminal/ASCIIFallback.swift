/// ASCII stand-ins for the glyphs xentui draws, for terminals in a non-UTF-8 locale. The screen
/// applies it to every cell when `capabilities.unicode` is false.
public enum ASCIIFallback {
    /// The ASCII stand-in for one character: line drawing to `-|+`, status glyphs to letters and
    /// signs, anything else outside ASCII to `?` (and a wide character to `??`, keeping its width).
    public static func map(_ character: Character) -> String {
        if character.isASCII { return String(character) }
        if let mapped = table[character] { return mapped }
        if let first = character.unicodeScalars.first {
            switch first.value {
            case 0x2500...0x257F: return boxDrawing(first)
            case 0x2580...0x259F: return "#"  // block elements
            default: break
            }
        }
        return DisplayWidth.of(character) == 2 ? "??" : "?"
    }

    /// A cell as a non-UTF-8 terminal shows it; wide cells become two ASCII cells' worth of text
    /// in the same two columns, so layout does not move.
    public static func map(_ cell: Cell) -> String {
        cell.isContinuation ? "" : map(Character(cell.grapheme.isEmpty ? " " : cell.grapheme))
    }

    private static func boxDrawing(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        switch v {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E:
            return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F:
            return "|"
        default:
            return "+"  // corners, tees, crosses
        }
    }

    private static let table: [Character: String] = [
        "●": "*", "○": "o", "◌": "o", "◉": "*", "◦": "o", "•": "*", "·": ".",
        "▸": ">", "▶": ">", "►": ">", "▾": "v", "▼": "v", "◂": "<", "◀": "<", "▴": "^", "▲": "^",
        "✓": "+", "✔": "+", "✗": "x", "✘": "x", "⟳": "~", "↻": "~", "⚠": "!",
        "…": ".", "→": ">", "←": "<", "↑": "^", "↓": "v", "—": "-", "–": "-",
        "░": ".", "▒": ":",  // shades: the "to do" part of progress bars
        // Sparklines and graphs: a ramp of rising ASCII, so their shape survives.
        "▁": "_", "▂": ".", "▃": "-", "▄": "=", "▅": "+", "▆": "*", "▇": "#",
        "\u{FFFD}": "?", "\u{00A0}": " ",
    ]
}
