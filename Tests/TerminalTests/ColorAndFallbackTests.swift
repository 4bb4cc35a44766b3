import Testing
@testable import Terminal

@Suite("Colour depth and mapping")
struct ColorMappingTests {
    @Test("Depth from NO_COLOR and the terminal's colour count")
    func detection() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], terminalColors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .indexed256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 1 << 24) == .truecolor)
        // COLORTERM alone cannot make ncurses emit 24-bit colour: mapped to the palette.
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .indexed256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 0) == .none)
    }

    @Test("24-bit colours map to the nearest palette colour")
    func nearest() {
        #expect(ColorMapping.nearestIndexed(0, 0, 0) == 16)
        #expect(ColorMapping.nearestIndexed(255, 255, 255) == 231)
        #expect(ColorMapping.nearestIndexed(255, 0, 0) == 196)
        #expect(ColorMapping.nearestIndexed(128, 128, 128) == 244)
        #expect(ColorMapping.nearestANSI(250, 10, 10) == 1, "a full red is ANSI red; bright is for light colours")
        #expect(ColorMapping.nearestANSI(0, 0, 0) == 0)
        #expect(ColorMapping.resolve(.rgb(255, 0, 0), for: .indexed256) == .indexed(196))
        #expect(ColorMapping.resolve(.rgb(255, 0, 0), for: .truecolor) == .rgb(255, 0, 0))
        #expect(ColorMapping.resolve(.indexed(196), for: .ansi16) == .ansi(1))
        #expect(ColorMapping.resolve(.ansi(2), for: .none) == .default)
        #expect(ColorMapping.resolve(.default, for: .truecolor) == .default)
    }

    @Test("Every palette entry maps back to itself")
    func paletteRoundTrip() {
        for index in 16...255 {
            let (r, g, b) = ColorMapping.rgb(ofIndexed: UInt8(index))
            let back = ColorMapping.nearestIndexed(r, g, b)
            #expect(ColorMapping.rgb(ofIndexed: back) == (r, g, b) ? true : false, "index \(index) came back as \(back)")
        }
    }
}

@Suite("ASCII fallback")
struct ASCIIFallbackTests {
    @Test("Line drawing, status glyphs and blocks have ASCII stand-ins")
    func mapping() {
        let pairs: [(Character, String)] = [
            ("─", "-"), ("│", "|"), ("┌", "+"), ("┐", "+"), ("└", "+"), ("┘", "+"), ("├", "+"), ("┤", "+"),
            ("┬", "+"), ("┴", "+"), ("┼", "+"), ("═", "-"), ("╭", "+"),
            ("●", "*"), ("◌", "o"), ("▸", ">"), ("▾", "v"), ("✓", "+"), ("✗", "x"), ("⟳", "~"),
            ("█", "#"), ("▇", "#"), ("▁", "_"), ("▄", "="), ("░", "."), ("a", "a"), ("é", "?"), ("中", "??"),
        ]
        for (glyph, ascii) in pairs {
            #expect(ASCIIFallback.map(glyph) == ascii, "\(glyph)")
        }
    }
}
