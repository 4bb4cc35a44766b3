/// Maps theme colours down to what a terminal can show: 24-bit to the xterm 256-colour palette,
/// 256 to the 16 ANSI colours.
public enum ColorMapping {
    /// `color` as the terminal at `depth` can show it (`.default` when it cannot show colour).
    public static func resolve(_ color: TerminalColor, for depth: ColorDepth) -> TerminalColor {
        switch (color, depth) {
        case (.default, _), (_, .none): return .default
        case (_, .truecolor): return color
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(nearestIndexed(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .ansi(nearestANSI(r, g, b))
        case (.indexed(let n), .ansi16): return .ansi(n < 16 ? n : nearestANSI(rgb(ofIndexed: n)))
        case (.indexed(let n), .indexed256): return n < 16 ? .ansi(n) : .indexed(n)
        case (.ansi(let n), _): return .ansi(n % 16)
        }
    }

    /// The RGB value of an xterm palette entry (the 16 ANSI colours as xterm shows them).
    public static func rgb(ofIndexed index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 {
            let level = UInt8(8 + 10 * (i - 232))
            return (level, level, level)
        }
        let n = i - 16
        return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
    }

    /// The closest of palette entries 16-255 (the colour cube and the grey ramp).
    public static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let cubeIndex = 16 + 36 * nearestCubeStep(r) + 6 * nearestCubeStep(g) + nearestCubeStep(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        let cubeDistance = distance((r, g, b), rgb(ofIndexed: UInt8(cubeIndex)))
        let greyDistance = distance((r, g, b), rgb(ofIndexed: UInt8(greyIndex)))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// The closest of the 16 ANSI colours.
    public static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        nearestANSI((r, g, b))
    }

    private static func nearestANSI(_ color: (UInt8, UInt8, UInt8)) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, candidate) in ansiRGB.enumerated() {
            let d = distance(color, candidate)
            if d < bestDistance {
                best = i
                bestDistance = d
            }
        }
        return UInt8(best)
    }

    private static func nearestCubeStep(_ value: UInt8) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(Int(level) - Int(value)) < abs(Int(cubeLevels[best]) - Int(value)) {
            best = i
        }
        return best
    }

    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    private static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Squared distance weighted roughly by how the eye sees (green counts most).
    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0)
        let dg = Int(a.1) - Int(b.1)
        let db = Int(a.2) - Int(b.2)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
