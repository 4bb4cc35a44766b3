import Testing
@testable import Terminal

/// A fake terminal that applies diff runs the way a terminal does (a wide character covers the
/// next column) and records every cell written.
private struct RecordingTerminal {
    var shown: FrameBuffer
    var written: [(x: Int, y: Int, grapheme: String)] = []

    init(_ frame: FrameBuffer) { shown = frame }

    mutating func apply(_ runs: [FrameDiff.Run]) {
        for run in runs {
            var x = run.x
            for cell in run.cells {
                written.append((x, run.y, cell.grapheme))
                shown.set(cell, x: x, y: run.y)
                x += cell.width
            }
        }
    }
}

@Suite("Frame diff")
struct FrameDiffTests {
    @Test("Only the changed cells are emitted, in runs of neighbours")
    func changedCellsOnly() {
        var before = FrameBuffer(width: 12, height: 3)
        before.put("VM web-01", x: 0, y: 0)
        before.put("running", x: 0, y: 1)
        var after = before
        after.put("web-02", x: 3, y: 0)  // only the last character differs
        after.put("halted ", x: 0, y: 1)
        var terminal = RecordingTerminal(before)
        terminal.apply(FrameDiff.runs(from: before, to: after))
        #expect(terminal.written.map { "\($0.x),\($0.y)=\($0.grapheme)" } == [
            "8,0=2",
            "0,1=h", "1,1=a", "2,1=l", "3,1=t", "4,1=e", "5,1=d", "6,1= ",
        ])
        #expect(terminal.shown == after)
    }

    @Test("A style change alone is a change")
    func styleChange() {
        let before = FrameBuffer(width: 4, height: 1)
        var after = before
        after.setStyle(CellStyle(attributes: .reverse), in: Rect(x: 1, y: 0, width: 2, height: 1))
        let runs = FrameDiff.runs(from: before, to: after)
        #expect(runs.count == 1)
        #expect(runs.first?.x == 1)
        #expect(runs.first?.cells.count == 2)
    }

    @Test("Wide characters are written once and cover their continuation")
    func wideCharacters() {
        var before = FrameBuffer(width: 6, height: 1)
        before.put("abcdef", x: 0, y: 0)
        var after = before
        after.put("中", x: 2, y: 0)
        let runs = FrameDiff.runs(from: before, to: after)
        #expect(runs == [FrameDiff.Run(x: 2, y: 0, cells: [Cell("中")])])
        var terminal = RecordingTerminal(before)
        terminal.apply(runs)
        #expect(terminal.shown == after)

        // And back: the continuation column is rewritten.
        let back = FrameDiff.runs(from: after, to: before)
        #expect(back == [FrameDiff.Run(x: 2, y: 0, cells: [Cell("c"), Cell("d")])])
    }

    @Test("No previous frame, or a new size, rewrites every cell")
    func wholeRedraw() {
        var frame = FrameBuffer(width: 3, height: 2)
        frame.put("中x", x: 0, y: 0)
        #expect(FrameDiff.runs(from: nil, to: frame).map(\.width) == [3, 3])
        #expect(FrameDiff.runs(from: FrameBuffer(width: 4, height: 2), to: frame).count == 2)
        #expect(FrameDiff.runs(from: frame, to: frame).isEmpty)
    }

    @Test("Random frames: applying the diff always reproduces the new frame")
    func randomFrames() {
        var generator = SeededGenerator(seed: 42)
        let pieces = ["a", "b", " ", "中", "文", "😀", "é", "─", "x"]
        for _ in 0..<300 {
            var before = FrameBuffer(width: 9, height: 3)
            var after = FrameBuffer(width: 9, height: 3)
            for _ in 0..<12 {
                before.put(pieces[Int.random(in: 0..<pieces.count, using: &generator)], x: Int.random(in: 0..<9, using: &generator), y: Int.random(in: 0..<3, using: &generator))
                after.put(pieces[Int.random(in: 0..<pieces.count, using: &generator)], x: Int.random(in: 0..<9, using: &generator), y: Int.random(in: 0..<3, using: &generator),
                          style: Bool.random(using: &generator) ? .plain : CellStyle(attributes: .bold))
            }
            var terminal = RecordingTerminal(before)
            terminal.apply(FrameDiff.runs(from: before, to: after))
            #expect(terminal.shown == after)
            for write in terminal.written {
                let changed = before[write.x, write.y] != after[write.x, write.y]
                    || (after[write.x, write.y].isWide && before[write.x + 1, write.y] != after[write.x + 1, write.y])
                #expect(changed, "wrote an unchanged cell at \(write.x),\(write.y)")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
