/// The cells that changed between two frames, as runs of neighbouring cells on one row: what a
/// screen writes to show the new frame (ratatui's buffer diff).
public enum FrameDiff {
    /// Cells to write from (x, y) rightwards; each cell advances by its width (a wide cell
    /// covers its continuation, which is never written on its own).
    public struct Run: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }

        /// Columns the run covers.
        public var width: Int { cells.reduce(0) { $0 + $1.width } }
    }

    /// The runs that turn `previous` into `next`; every cell of `next` when there is no
    /// previous frame or its size differs.
    public static func runs(from previous: FrameBuffer?, to next: FrameBuffer) -> [Run] {
        let whole = previous.map { $0.width != next.width || $0.height != next.height } ?? true
        var runs: [Run] = []
        for y in 0..<next.height {
            var current: Run?
            var x = 0
            while x < next.width {
                let cell = next[x, y]
                if cell.isContinuation {
                    x += 1  // written with the wide cell before it
                    continue
                }
                var changed = whole || previous?[x, y] != cell
                if !changed, cell.isWide, previous?[x + 1, y] != next[x + 1, y] { changed = true }
                if changed {
                    if var run = current, run.x + run.width == x {
                        run.cells.append(cell)
                        current = run
                    } else {
                        if let run = current { runs.append(run) }
                        current = Run(x: x, y: y, cells: [cell])
                    }
                }
                x += max(1, cell.width)
            }
            if let run = current { runs.append(run) }
        }
        return runs
    }
}
