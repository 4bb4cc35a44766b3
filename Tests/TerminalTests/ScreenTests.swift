import Testing
@testable import Terminal

@Suite("Memory screen")
@MainActor
struct MemoryScreenTests {
    /// A small frame like the real UI: a titled box, a tree row with a coloured glyph, a hint bar.
    private func composedFrame(width: Int, height: Int) -> FrameBuffer {
        var frame = FrameBuffer(width: width, height: height)
        let border = CellStyle(foreground: .indexed(244))
        frame.box(frame.bounds, style: border, title: [Span("xentui", style: CellStyle(attributes: .bold))])
        frame.put([Span("▾ "), Span("prod")], x: 2, y: 1)
        frame.put([Span("● ", style: CellStyle(foreground: .rgb(0x40, 0xc0, 0x40))), Span("web-01 中文")], x: 4, y: 2)
        frame.updateStyle(in: Rect(x: 1, y: 2, width: width - 2, height: 1)) { $0.background = .ansi(4) }
        frame.borderTitle([Span("q", style: CellStyle(attributes: .bold)), Span(" quit")], rect: frame.bounds, row: height - 1, style: border)
        return frame
    }

    @Test("Golden text of a composed frame")
    func goldenText() {
        let screen = MemoryScreen(width: 20, height: 4)
        screen.draw(composedFrame(width: 20, height: 4))
        #expect(screen.text == """
        ┌ xentui ──────────┐
        │ ▾ prod           │
        │   ● web-01 中文  │
        └ q quit ──────────┘
        """)
        #expect(screen.lines[1].count == 20)
        #expect(screen.text(trimmingTrailingSpaces: false) == screen.lines.joined(separator: "\n"))
    }

    @Test("Golden styled text: colours as the screen's depth shows them")
    func goldenStyles() {
        let screen = MemoryScreen(width: 20, height: 4, capabilities: ScreenCapabilities(colorDepth: .indexed256, unicode: true))
        screen.draw(composedFrame(width: 20, height: 4))
        #expect(screen.styledText.split(separator: "\n").map(String.init) == [
            "⟦fg=244⟧┌ ⟦bold⟧xentui⟦fg=244⟧ ──────────┐⟦⟧",
            "⟦fg=244⟧│⟦⟧ ▾ prod           ⟦fg=244⟧│⟦⟧",
            "⟦fg=244⟧│⟦bg=blue⟧   ⟦fg=71 bg=blue⟧● ⟦bg=blue⟧web-01 中文  ⟦fg=244⟧│⟦⟧",
            "⟦fg=244⟧└ ⟦bold⟧q⟦⟧ quit⟦fg=244⟧ ──────────┘⟦⟧",
        ])
        #expect(screen.styleAt(x: 4, y: 2) == CellStyle(foreground: .indexed(71), background: .ansi(4)))
    }

    @Test("NO_COLOR: no colours, and coloured backgrounds (selections) become reverse video")
    func noColor() {
        let screen = MemoryScreen(width: 20, height: 4, capabilities: ScreenCapabilities(colorDepth: .none, unicode: true))
        screen.draw(composedFrame(width: 20, height: 4))
        #expect(screen.styleAt(x: 4, y: 2) == CellStyle(attributes: .reverse))
        #expect(screen.styleAt(x: 0, y: 0) == .plain)
        #expect(screen.styleAt(x: 2, y: 0) == CellStyle(attributes: .bold))
    }

    @Test("ASCII fallback in a non-UTF-8 locale keeps the layout")
    func asciiScreen() {
        let screen = MemoryScreen(width: 20, height: 4, capabilities: ScreenCapabilities(colorDepth: .ansi16, unicode: false))
        screen.draw(composedFrame(width: 20, height: 4))
        #expect(screen.text == """
        + xentui ----------+
        | v prod           |
        |   * web-01 ????  |
        + q quit ----------+
        """)
        #expect(screen.styleAt(x: 4, y: 2).foreground == .ansi(ColorMapping.nearestANSI(0x40, 0xc0, 0x40)))
    }

    @Test("Frames larger than the screen are clipped, smaller ones padded; resizing redraws all")
    func sizes() {
        let screen = MemoryScreen(width: 6, height: 2)
        var big = FrameBuffer(width: 10, height: 5)
        big.put("abcd中文", x: 0, y: 0)
        screen.draw(big)
        #expect(screen.lines == ["abcd中", "      "])
        screen.draw(FrameBuffer(width: 2, height: 1))
        #expect(screen.lines == ["      ", "      "])
        screen.resize(width: 1, height: 1)
        screen.draw(big)
        #expect(screen.lines == ["a"])
        #expect(screen.lastRuns.count == 1)
        screen.resize(width: 3, height: 0)
        screen.draw(big)
        #expect(screen.lines.isEmpty)
    }

    @Test("Only changed cells are written between frames; invalidate rewrites everything")
    func diffingDraws() {
        let screen = MemoryScreen(width: 10, height: 3)
        var frame = FrameBuffer(width: 10, height: 3)
        frame.put("hello", x: 0, y: 0)
        screen.draw(frame)
        #expect(screen.lastRuns.map(\.width).reduce(0, +) == 30)
        frame.put("J", x: 0, y: 0)
        frame.put("y", x: 4, y: 2)
        screen.draw(frame)
        #expect(screen.lastRuns == [
            FrameDiff.Run(x: 0, y: 0, cells: [Cell("J")]),
            FrameDiff.Run(x: 4, y: 2, cells: [Cell("y")]),
        ])
        screen.draw(frame)
        #expect(screen.lastRuns.isEmpty)
        screen.invalidate()
        screen.draw(frame)
        #expect(screen.lastRuns.count == 3)
    }
}
