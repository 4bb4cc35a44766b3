/// Maps theme colours down to what a terminal can show: 24-bit to the xterm 256-colour palette,
/// 256 to the 16 ANSI colours. The one place that knows colour distances (themes adapt through it).
public enum ColorMapping {
    /// `color` as the terminal at `depth` can show it (`.default` when it cannot show colour).
    public static func resolve(_ color: TerminalColor, for depth: ColorDepth) -> TerminalColor {
        switch (color, depth) {
        case (.default, _), (_, .none): return .default
        case (_, .truecolor): return color
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(nearestIndexed(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .ansi(nearestANSI(r, g, b))
        case (.indexed(let n), .ansi16):
            if n < 16 { return .ansi(n) }
            let (r, g, b) = rgb(ofIndexed: n)
            return .ansi(nearestANSI(r, g, b))
        case (.indexed(let n), .indexed256): return n < 16 ? .ansi(n) : .indexed(n)
        case (.ansi(let n), _): return .ansi(n % 16)
        }
    }

    /// The RGB value of an xterm palette entry as xterm defines it (the 16 ANSI colours as xterm shows them).
    public static func rgb(ofIndexed index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            return ansiRGB[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        default:
            let gray = UInt8(8 + (Int(index) - 232) * 10)
            return (gray, gray, gray)
        }
    }

    /// The palette entry nearest to an RGB colour among the colour cube and the gray ramp
    /// (16-255; the first 16 vary from terminal to terminal, so they are not candidates).
    public static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best: (index: UInt8, distance: Int) = (16, Int.max)
        for index in 16...255 {
            let distance = perceivedDistance((r, g, b), rgb(ofIndexed: UInt8(index)))
            if distance < best.distance { best = (UInt8(index), distance) }
        }
        return best.index
    }

    /// The ANSI colour (0-15) that best stands for an RGB colour. Not the nearest by distance:
    /// the 16 colours differ from terminal to terminal and muted theme colours would all land on
    /// gray, so a colour keeps its hue (red, yellow, green, cyan, blue, magenta; orange leans
    /// yellow), light colours take the bright variant, and grays go by brightness.
    public static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (red, green, blue) = (Double(r) / 255, Double(g) / 255, Double(b) / 255)
        let high = max(red, green, blue), low = min(red, green, blue)
        let chroma = high - low
        if high < 0.25 || chroma < 32.0 / 255 || chroma / high < 0.25 {
            switch high {
            case ..<0.3: return 0
            case ..<0.66: return 8
            case ..<0.93: return 7
            default: return 15
            }
        }
        var hue: Double
        if high == red {
            hue = 60 * ((green - blue) / chroma)
        } else if high == green {
            hue = 60 * ((blue - red) / chroma + 2)
        } else {
            hue = 60 * ((red - green) / chroma + 4)
        }
        if hue < 0 { hue += 360 }
        let base: UInt8
        switch hue {
        case 330..., ..<25: base = 1
        case ..<65: base = 3
        case ..<160: base = 2
        case ..<200: base = 6
        case ..<270: base = 4
        default: base = 5
        }
        let lightness = (high + low) / 2
        return lightness > 0.6 ? base + 8 : base
    }

    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 ANSI colours.
    private static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The "redmean" approximation of perceived colour difference (squared), cheap and much
    /// closer to the eye than plain RGB distance.
    static func perceivedDistance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let meanRed = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return (((512 + meanRed) * dr * dr) >> 8) + 4 * dg * dg + (((767 - meanRed) * db * db) >> 8)
    }
}
