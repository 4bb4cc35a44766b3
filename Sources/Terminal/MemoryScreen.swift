/// A screen in memory, for tests: keeps what a terminal would show, as cells, text and styled
/// text (ratatui's `TestBackend`).
@MainActor
public final class MemoryScreen: Screen {
    public private(set) var size: Size
    public var capabilities: ScreenCapabilities
    public var cursor: Point?
    /// What the screen shows now.
    public private(set) var frame: FrameBuffer
    /// The runs the last draw wrote (all cells after a resize or `invalidate()`).
    public private(set) var lastRuns: [FrameDiff.Run] = []
    public private(set) var drawCount = 0
    public private(set) var isSuspended = false
    private var needsFullRedraw = true

    public init(width: Int, height: Int, capabilities: ScreenCapabilities = ScreenCapabilities(colorDepth: .truecolor, unicode: true)) {
        self.size = Size(width: width, height: height)
        self.capabilities = capabilities
        self.frame = FrameBuffer(width: width, height: height)
    }

    public func draw(_ frame: FrameBuffer) {
        let shown = ScreenPresentation.prepare(frame, size: size, capabilities: capabilities)
        lastRuns = FrameDiff.runs(from: needsFullRedraw ? nil : self.frame, to: shown)
        self.frame = shown
        needsFullRedraw = false
        drawCount += 1
    }

    public func invalidate() { needsFullRedraw = true }

    @discardableResult
    public func refreshSize() -> Size { size }

    /// Changes the size as a terminal resize would; the content is kept where it fits.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        frame = frame.resized(width: size.width, height: size.height)
        needsFullRedraw = true
    }

    public func suspend() { isSuspended = true }

    public func resume() {
        isSuspended = false
        needsFullRedraw = true
    }

    // MARK: Reading the screen

    /// Every row as text, trailing spaces kept.
    public var lines: [String] { frame.lines() }

    /// The rows joined with newlines, trailing spaces trimmed.
    public var text: String { text(trimmingTrailingSpaces: true) }

    public func text(trimmingTrailingSpaces trim: Bool) -> String {
        frame.lines(trimmingTrailingSpaces: trim).joined(separator: "\n")
    }

    /// The rows with `⟦style⟧` markers (see `FrameBuffer.styledLines`), for golden tests.
    public var styledText: String { frame.styledLines().joined(separator: "\n") }

    /// The style shown at (x, y).
    public func styleAt(x: Int, y: Int) -> CellStyle { frame[x, y].style }

    /// The cell shown at (x, y).
    public func cellAt(x: Int, y: Int) -> Cell { frame[x, y] }
}
