import Terminal

/// Colours as theme files and the config's pool `accent` write them:
/// `#rrggbb`, `#rgb`, an xterm index 0-255, `default`, or a name
/// (black red green yellow blue magenta cyan white, bright-*, gray/grey).
public enum ThemeColor {
    public static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a colour written as a string; nil when it is none of the forms above.
    public static func parse(_ text: String) -> TerminalColor? {
        let lower = text.lowercased()
        if lower == "default" { return .default }
        if let index = names[lower] ?? names[lower.replacingOccurrences(of: "_", with: "-")] { return .ansi(index) }
        if lower.hasPrefix("#") { return parseHex(String(lower.dropFirst())) }
        if let number = Int(lower) { return index(number) }
        return nil
    }

    /// An xterm colour number: 0-15 are the ANSI colours, 16-255 the cube and grays.
    public static func index(_ number: Int) -> TerminalColor? {
        guard (0...255).contains(number) else { return nil }
        return number < 16 ? .ansi(UInt8(number)) : .indexed(UInt8(number))
    }

    private static func parseHex(_ digits: String) -> TerminalColor? {
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        let values = digits.compactMap { $0.hexDigitValue }.map(UInt8.init)
        switch values.count {
        case 6: return .rgb(values[0] << 4 | values[1], values[2] << 4 | values[3], values[4] << 4 | values[5])
        case 3: return .rgb(values[0] * 17, values[1] * 17, values[2] * 17)
        default: return nil
        }
    }
}
