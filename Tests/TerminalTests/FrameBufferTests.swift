import Testing
@testable import Terminal

@Suite("Frame buffer")
struct FrameBufferTests {
    @Test("Text is clipped by display width at the right edge")
    func clipAtRightEdge() {
        var frame = FrameBuffer(width: 5, height: 1)
        let used = frame.put("abcdefg", x: 1, y: 0)
        #expect(used == 4)
        #expect(frame.line(0) == " abcd")
    }

    @Test("A wide character that does not fit becomes a space")
    func wideAtRightEdge() {
        var frame = FrameBuffer(width: 5, height: 1)
        let used = frame.put("ab中文", x: 0, y: 0)
        #expect(used == 5)
        #expect(frame.line(0) == "ab中 ")
        #expect(frame[2, 0].isWide)
        #expect(frame[3, 0].isContinuation)
        #expect(frame[4, 0].grapheme == " ")
    }

    @Test("maxWidth clips inside the buffer too")
    func maxWidth() {
        var frame = FrameBuffer(width: 10, height: 1)
        #expect(frame.put("中文字", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(frame.line(0) == "中 " + String(repeating: " ", count: 7))
        #expect(frame.put("xyz", x: 6, y: 0, maxWidth: 0) == 0)
    }

    @Test("Text starting left of the buffer is clipped, a cut wide character leaves a space")
    func clipAtLeftEdge() {
        var frame = FrameBuffer(width: 4, height: 1)
        frame.put("中ab", x: -1, y: 0)
        #expect(frame.line(0) == " ab ")
    }

    @Test("Overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var frame = FrameBuffer(width: 6, height: 1)
        frame.put("中文", x: 0, y: 0)
        frame.put("x", x: 1, y: 0)
        #expect(frame.line(0) == " x文  ")
        frame.put("y", x: 2, y: 0)
        #expect(frame.line(0) == " xy   ")
        #expect(frame.cells.allSatisfy { !$0.isContinuation })
    }

    @Test("Zero-width characters on their own are dropped, controls shown replaced")
    func zeroWidthAndControls() {
        var frame = FrameBuffer(width: 6, height: 1)
        let used = frame.put("\u{301}a\u{1B}[b", x: 0, y: 0)
        #expect(used == 4)
        #expect(frame.line(0) == "a\u{FFFD}[b  ")
    }

    @Test("Emoji sequences stay one wide cell")
    func emojiCells() {
        var frame = FrameBuffer(width: 6, height: 1)
        #expect(frame.put("👨‍👩‍👧🇫🇷", x: 0, y: 0) == 4)
        #expect(frame[0, 0].grapheme == "👨‍👩‍👧")
        #expect(frame[2, 0].grapheme == "🇫🇷")
    }

    @Test("Spans draw one after another with their styles")
    func spans() {
        var frame = FrameBuffer(width: 12, height: 1)
        let key = CellStyle(foreground: .ansi(3), attributes: .bold)
        let used = frame.put([Span("q", style: key), Span(" quit")], x: 0, y: 0)
        #expect(used == 6)
        #expect(frame.styledLines() == ["⟦fg=yellow bold⟧q⟦⟧ quit"])
    }

    @Test("Drawing outside the buffer does nothing and never crashes")
    func outside() {
        var frame = FrameBuffer(width: 3, height: 2)
        frame.put("abc", x: 0, y: 5)
        frame.put("abc", x: 10, y: 0)
        frame.fill(Rect(x: -5, y: -5, width: 3, height: 3), with: "#")
        frame.box(Rect(x: 2, y: 1, width: 10, height: 10))
        frame.horizontalLine(x: -3, y: 1, length: 2)
        #expect(frame.lines() == ["   ", "  ┌"])
        var empty = FrameBuffer(width: 0, height: 0)
        empty.put("abc", x: 0, y: 0)
        empty.box(Rect(x: 0, y: 0, width: 5, height: 5), title: "t")
        #expect(empty.lines().isEmpty)
        var one = FrameBuffer(width: 1, height: 1)
        one.put("中", x: 0, y: 0)
        #expect(one.lines() == [" "])
    }

    @Test("A box with a title, and lines joining it into junctions")
    func boxesAndJunctions() {
        var frame = FrameBuffer(width: 14, height: 6)
        frame.box(frame.bounds, title: "xentui")
        frame.horizontalLine(x: 0, y: 3, length: 14)
        frame.verticalLine(x: 10, y: 0, length: 4)
        #expect(frame.lines() == [
            "┌ xentui ─┬──┐",
            "│         │  │",
            "│         │  │",
            "├─────────┴──┤",
            "│            │",
            "└────────────┘",
        ])
    }

    @Test("A line alone has plain ends; crossing lines make a cross")
    func plainLinesAndCrossings() {
        var frame = FrameBuffer(width: 5, height: 3)
        frame.horizontalLine(x: 0, y: 1, length: 5)
        frame.verticalLine(x: 2, y: 0, length: 3)
        #expect(frame.lines() == ["  │  ", "──┼──", "  │  "])
    }

    @Test("Box titles are clipped before the corner and never split wide characters")
    func boxTitleClipping() {
        var frame = FrameBuffer(width: 8, height: 3)
        frame.box(frame.bounds, title: "日本語のタイトル")
        #expect(frame.lines() == [
            "┌ 日本 ┐",
            "│      │",
            "└──────┘",
        ])
    }

    @Test("Fill, style updates and resizing keep wide characters whole")
    func fillAndResize() {
        var frame = FrameBuffer(width: 5, height: 2)
        frame.fill(Rect(x: 0, y: 0, width: 5, height: 1), with: "中")
        #expect(frame.line(0) == "中中 ")
        frame.setStyle(CellStyle(attributes: .reverse), in: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(frame[1, 1].style.attributes == .reverse)
        #expect(frame[2, 1].style == .plain)
        let cut = frame.resized(width: 3, height: 1)
        #expect(cut.lines() == ["中 "])
        let grown = frame.resized(width: 6, height: 3)
        #expect(grown.lines(trimmingTrailingSpaces: true) == ["中中", "", ""])
    }
}
