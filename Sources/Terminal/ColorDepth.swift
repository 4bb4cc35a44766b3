/// How many colours a screen can show.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// No colour (`NO_COLOR`, or a monochrome terminal): attributes only.
    case none
    case ansi16
    case indexed256
    case truecolor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth to use given the environment and the number of colours terminfo reports.
    /// `NO_COLOR` (any non-empty value) wins; 24-bit needs a direct-colour terminfo entry
    /// (`COLORS` ≥ 2^24), otherwise `COLORTERM=truecolor` colours are mapped to the 256 palette.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors >= 1 << 24 { return .truecolor }
        if terminalColors >= 256 { return .indexed256 }
        if terminalColors >= 8 { return .ansi16 }
        return .none
    }
}

/// What a screen can show.
public struct ScreenCapabilities: Hashable, Sendable {
    public var colorDepth: ColorDepth
    /// False in a non-UTF-8 locale: the screen then shows `ASCIIFallback` glyphs.
    public var unicode: Bool

    public init(colorDepth: ColorDepth, unicode: Bool) {
        self.colorDepth = colorDepth
        self.unicode = unicode
    }
}
