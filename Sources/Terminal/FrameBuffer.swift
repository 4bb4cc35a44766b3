/// A piece of text in one style, for drawing a line made of several styles.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: CellStyle
    public init(_ text: String, style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// A whole frame of cells, drawn by views and presented by a `Screen`.
///
/// Drawing clips to the buffer and keeps wide characters whole: overwriting either half of one
/// blanks the other half, and a wide character that does not fit becomes a space.
public struct FrameBuffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        let fillCell = fill.isContinuation || fill.isWide ? Cell(" ", style: fill.style) : fill
        self.cells = Array(repeating: fillCell, count: self.width * self.height)
    }

    public init(size: Size, fill: Cell = .blank) {
        self.init(width: size.width, height: size.height, fill: fill)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    // MARK: Cells

    /// Writes one cell, keeping wide characters whole. Continuation cells cannot be written
    /// directly; a wide cell in the last column becomes a space.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height, !cell.isContinuation else { return }
        var cell = cell
        if cell.isWide && x + 1 >= width { cell = Cell(" ", style: cell.style) }
        breakWideCharacter(at: x, y: y)
        let index = y * width + x
        cells[index] = cell
        if cell.isWide {
            breakWideCharacter(at: x + 1, y: y)
            cells[index + 1] = .continuation(style: cell.style)
        }
    }

    /// Before (x, y) is overwritten: blanks the other half of a wide character found there.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        let current = cells[index]
        if current.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        } else if current.isWide, x + 1 < width {
            cells[index + 1] = Cell(" ", style: current.style)
        }
        cells[index] = Cell(" ", style: current.style)
    }

    // MARK: Text

    /// Draws `text` from column `x` on row `y`, clipped to `maxWidth` columns and to the buffer.
    /// Returns the columns it advanced (a wide character cut at the limit leaves one space and
    /// counts 1). Zero-width characters on their own are dropped; controls are shown as U+FFFD.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? Int.max
        let right = min(limit, width)
        var column = x
        for character in text {
            if column >= right { break }
            if DisplayWidth.of(DisplayWidth.sanitized(character)) == 0 { continue }
            let cell = Cell(character, style: style)
            if column + cell.width > right {
                // A wide character that does not fit: one space, then stop.
                set(Cell(" ", style: style), x: column, y: y)
                column += 1
                break
            }
            if column >= 0 {
                set(cell, x: column, y: y)
            } else if column + cell.width > 0 {
                set(Cell(" ", style: style), x: 0, y: y)  // right half of a wide char cut at the left edge
            }
            column += cell.width
        }
        return max(0, column - x)
    }

    /// Draws styled pieces one after another; returns the columns used.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        for span in spans {
            let room = maxWidth.map { $0 - used }
            if let room, room <= 0 { break }
            used += put(span.text, x: x + used, y: y, style: span.style, maxWidth: room)
        }
        return used
    }

    // MARK: Areas

    /// Fills `rect` (clipped) with one character in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: CellStyle = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(character, style: style)
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                // A wide character that would stick out of the area leaves a space instead.
                set(cell.isWide && x + 1 >= area.maxX ? Cell(" ", style: style) : cell, x: x, y: y)
                x += cell.width
            }
        }
    }

    /// Blanks the whole buffer in `style` (e.g. the theme's background).
    public mutating func clear(style: CellStyle = .plain) {
        cells = Array(repeating: Cell(" ", style: style), count: width * height)
    }

    /// Changes the style of every cell in `rect`, keeping the characters (e.g. a selected row).
    public mutating func updateStyle(in rect: Rect, _ change: (inout CellStyle) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                change(&cells[y * width + x].style)
            }
        }
    }

    /// Sets the style of every cell in `rect`, keeping the characters.
    public mutating func setStyle(_ style: CellStyle, in rect: Rect) {
        updateStyle(in: rect) { $0 = style }
    }

    // MARK: Lines and boxes

    /// A horizontal line of `length` cells; where it meets other lines it forms junctions
    /// (ending on a `│` gives `├`/`┤`, crossing one gives `┼`).
    public mutating func horizontalLine(x: Int, y: Int, length: Int, style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length {
            var arms = LineGlyphs.left | LineGlyphs.right
            if i == 0 { arms = LineGlyphs.right | (length == 1 ? LineGlyphs.left : 0) }
            if i == length - 1 && length > 1 { arms = LineGlyphs.left }
            drawLine(arms: arms, full: LineGlyphs.left | LineGlyphs.right, x: x + i, y: y, style: style)
        }
    }

    /// A vertical line of `length` cells, joining other lines like `horizontalLine`.
    public mutating func verticalLine(x: Int, y: Int, length: Int, style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length {
            var arms = LineGlyphs.up | LineGlyphs.down
            if i == 0 { arms = LineGlyphs.down | (length == 1 ? LineGlyphs.up : 0) }
            if i == length - 1 && length > 1 { arms = LineGlyphs.up }
            drawLine(arms: arms, full: LineGlyphs.up | LineGlyphs.down, x: x, y: y + i, style: style)
        }
    }

    /// A box around `rect` with an optional title in its top border (`┌ title ───┐`), joining
    /// lines already drawn. Nothing is drawn for a rectangle under 2×2.
    public mutating func box(_ rect: Rect, style: CellStyle = .plain, title: [Span] = []) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (left, top, right, bottom) = (rect.x, rect.y, rect.maxX - 1, rect.maxY - 1)
        let (u, d, l, r) = (LineGlyphs.up, LineGlyphs.down, LineGlyphs.left, LineGlyphs.right)
        drawLine(arms: r | d, full: r | d, x: left, y: top, style: style)
        drawLine(arms: l | d, full: l | d, x: right, y: top, style: style)
        drawLine(arms: r | u, full: r | u, x: left, y: bottom, style: style)
        drawLine(arms: l | u, full: l | u, x: right, y: bottom, style: style)
        for x in (left + 1)..<right {
            drawLine(arms: l | r, full: l | r, x: x, y: top, style: style)
            drawLine(arms: l | r, full: l | r, x: x, y: bottom, style: style)
        }
        for y in (top + 1)..<bottom {
            drawLine(arms: u | d, full: u | d, x: left, y: y, style: style)
            drawLine(arms: u | d, full: u | d, x: right, y: y, style: style)
        }
        if !title.isEmpty { borderTitle(title, rect: rect, row: top, style: style) }
    }

    /// A box with a plain-text title.
    public mutating func box(_ rect: Rect, style: CellStyle = .plain, title: String, titleStyle: CellStyle? = nil) {
        box(rect, style: style, title: title.isEmpty ? [] : [Span(title, style: titleStyle ?? style)])
    }

    /// Writes ` title ` into a border row of `rect` (the top by default; the hint bar uses the
    /// bottom one), starting after the corner and clipped before the other corner.
    public mutating func borderTitle(_ title: [Span], rect: Rect, row: Int? = nil, style: CellStyle = .plain) {
        let room = rect.width - 2
        guard room >= 3 else { return }
        let y = row ?? rect.y
        var used = put(" ", x: rect.x + 1, y: y, style: style, maxWidth: room)
        used += put(title, x: rect.x + 1 + used, y: y, maxWidth: room - 1 - used)
        put(" ", x: rect.x + 1 + used, y: y, style: style, maxWidth: room - used)
    }

    /// Draws a line glyph, merging its arms with a line glyph already there. `arms` are the arms
    /// used when merging (a line's end only reaches inwards); `full` when the cell held no line.
    private mutating func drawLine(arms: Int, full: Int, x: Int, y: Int, style: CellStyle) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let existing = LineGlyphs.arms(of: cells[y * width + x].grapheme)
        let merged = existing.map { $0 | arms } ?? full
        set(Cell(LineGlyphs.glyph(arms: merged), style: style), x: x, y: y)
    }

    // MARK: Resizing

    /// The buffer cut or padded (with blanks) to a new size; a wide character cut at the new
    /// right edge becomes a space.
    public func resized(width newWidth: Int, height newHeight: Int) -> FrameBuffer {
        var result = FrameBuffer(width: newWidth, height: newHeight)
        for y in 0..<min(height, result.height) {
            for x in 0..<min(width, result.width) {
                let cell = cells[y * width + x]
                if !cell.isContinuation { result.set(cell, x: x, y: y) }
            }
        }
        return result
    }

    // MARK: Text views (tests, goldens)

    /// Row `y` as text; continuation cells are skipped, so a wide character appears once.
    public func line(_ y: Int, trimmingTrailingSpaces trim: Bool = false) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width {
            text += cells[y * width + x].grapheme
        }
        if trim {
            while text.last == " " { text.removeLast() }
        }
        return text
    }

    /// All rows as text.
    public func lines(trimmingTrailingSpaces trim: Bool = false) -> [String] {
        (0..<height).map { line($0, trimmingTrailingSpaces: trim) }
    }

    /// Rows with style markers: `⟦fg=red bold⟧text⟦⟧` where the style changes from plain and
    /// back, for golden tests that check colours as well as text.
    public func styledLines(trimmingTrailingSpaces trim: Bool = true) -> [String] {
        (0..<height).map { y in
            var text = ""
            var current = CellStyle.plain
            var lastVisible = 0  // UTF-8 length of the text up to the last thing worth keeping
            for x in 0..<width {
                let cell = cells[y * width + x]
                if cell.isContinuation { continue }
                if cell.style != current {
                    text += "⟦\(cell.style.markerDescription)⟧"
                    current = cell.style
                    lastVisible = text.utf8.count
                }
                text += cell.grapheme
                if cell.grapheme != " " || current != .plain { lastVisible = text.utf8.count }
            }
            if current != .plain { text += "⟦⟧" }
            if trim, current == .plain { text = String(decoding: text.utf8.prefix(lastVisible), as: UTF8.self) }
            return text
        }
    }
}
