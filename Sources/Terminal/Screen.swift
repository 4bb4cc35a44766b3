/// Where frames are shown: a terminal (`NcursesScreen`) or memory (`MemoryScreen`, for tests).
/// Views draw a whole `FrameBuffer`; the screen writes only what changed since the last one.
@MainActor
public protocol Screen: AnyObject {
    /// Columns and rows.
    var size: Size { get }
    var capabilities: ScreenCapabilities { get }
    /// Where the text cursor shows after each draw; nil hides it (the usual case).
    var cursor: Point? { get set }

    /// Shows `frame`, clipped or padded to `size`.
    func draw(_ frame: FrameBuffer)
    /// The next draw rewrites every cell (after the terminal may have been disturbed).
    func invalidate()
    /// Asks the terminal for its size again (after SIGWINCH); returns the new size.
    @discardableResult func refreshSize() -> Size
    /// Hands the terminal back (e.g. to a console); `resume()` takes it again and redraws.
    func suspend()
    func resume()
}

/// What a screen does to a frame before showing it: fit it to the screen, map colours to the
/// colour depth, and glyphs to ASCII when the locale is not UTF-8. Shared so that
/// `MemoryScreen` shows exactly what `NcursesScreen` writes.
public enum ScreenPresentation {
    public static func prepare(_ frame: FrameBuffer, size: Size, capabilities: ScreenCapabilities) -> FrameBuffer {
        var fitted = frame.width == size.width && frame.height == size.height
            ? frame : frame.resized(width: size.width, height: size.height)
        let depth = capabilities.colorDepth
        let asciiOnly = !capabilities.unicode
        for y in 0..<fitted.height {
            var x = 0
            while x < fitted.width {
                let cell = fitted[x, y]
                let style = present(cell.style, depth: depth)
                if asciiOnly && !cell.grapheme.allSatisfy(\.isASCII) {
                    let text = ASCIIFallback.map(cell)
                    fitted.put(text, x: x, y: y, style: style, maxWidth: max(1, cell.width))
                } else if style != cell.style {
                    fitted.setStyle(style, in: Rect(x: x, y: y, width: max(1, cell.width), height: 1))
                }
                x += max(1, cell.width)
            }
        }
        return fitted
    }

    /// The style with colours the depth can show; without colour, a coloured background becomes
    /// reverse video so selections and badges stay visible.
    public static func present(_ style: CellStyle, depth: ColorDepth) -> CellStyle {
        var result = style
        result.foreground = ColorMapping.resolve(style.foreground, for: depth)
        result.background = ColorMapping.resolve(style.background, for: depth)
        if depth == .none, style.background != .default {
            result.attributes.formSymmetricDifference(.reverse)
        }
        return result
    }
}
