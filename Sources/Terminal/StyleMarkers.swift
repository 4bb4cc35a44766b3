extension TerminalColor {
    /// Short readable name for golden tests: `red`, `bright-blue`, `123`, `#ff8800`, `default`.
    public var markerName: String {
        switch self {
        case .default: return "default"
        case .ansi(let n): return TerminalColor.ansiNames[Int(n % 16)]
        case .indexed(let n): return String(n)
        case .rgb(let r, let g, let b): return "#" + [r, g, b].map(TerminalColor.hexByte).joined()
        }
    }

    static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    private static func hexByte(_ value: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}

extension CellStyle {
    /// `fg=red bg=#102030 bold reverse`; empty for the plain style.
    public var markerDescription: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=" + foreground.markerName) }
        if background != .default { parts.append("bg=" + background.markerName) }
        let names: [(TextAttributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse"),
        ]
        for (attribute, name) in names where attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: " ")
    }
}
