import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not start (e.g. `TERM` names no known terminal).
    case cannotInitialize(term: String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal for the interactive UI"
        case .cannotInitialize(let term): return "cannot start the terminal UI with TERM=\(term.isEmpty ? "(unset)" : term)"
        }
    }
}

/// The real terminal, through ncurses' wide-character API. ncurses only draws: keys are read as
/// raw bytes by `TerminalRunLoop` and decoded by `KeyDecoder`, so tests and the live terminal
/// decode the same way.
///
/// Colours: `NO_COLOR` → none; a direct-colour terminfo entry (`COLORS` ≥ 2^24, e.g.
/// `TERM=xterm-direct`) → 24-bit; otherwise 24-bit theme colours are mapped to the nearest of
/// the 256 (or 16) palette colours, even when `COLORTERM=truecolor`.
@MainActor
public final class NcursesScreen: Screen {
    public private(set) var size: Size
    public let capabilities: ScreenCapabilities
    public var cursor: Point?

    /// What the terminal shows now (nil: unknown, rewrite everything).
    private var presented: FrameBuffer?
    private var pairs: [PairKey: Int32] = [:]
    private var suspended = false
    private var closed = false
    private let directColor: Bool

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Takes over the terminal on standard input/output.
    public init(environment: [String: String] = NcursesScreen.processEnvironment()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        // Only the character type: numbers must keep "." as the decimal separator.
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: xt_codeset())
        let unicode = codeset.uppercased().replacingDashes() == "UTF8"

        xt_install_crash_restore()
        // Resizes come from the run loop's SIGWINCH source; with SIGWINCH ignored before
        // newterm, ncurses does not install its own handler.
        signal(SIGWINCH, SIG_IGN)
        guard xt_newterm() != nil else {
            throw TerminalError.cannotInitialize(term: environment["TERM"] ?? "")
        }
        atexit { NcursesScreen.restoreAtExit() }
        raw()
        noecho()
        nonl()
        keypad(xt_stdscr(), false)
        intrflush(xt_stdscr(), false)
        set_escdelay(25)
        leaveok(xt_stdscr(), false)

        var terminalColors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            terminalColors = Int(xt_colors())
        }
        let depth = ColorDepth.detect(environment: environment, terminalColors: terminalColors)
        self.capabilities = ScreenCapabilities(colorDepth: depth, unicode: unicode)
        self.directColor = depth == .truecolor
        self.size = Size(width: Int(xt_cols()), height: Int(xt_lines()))
        curs_set(0)
        erase()
        refresh()
        Self.writeToTerminal(Self.bracketedPasteOn)
    }

    /// The process environment, for colour detection.
    public nonisolated static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["TERM", "COLORTERM", "NO_COLOR"] {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    /// Gives the terminal back for good (the process is about to exit or leave the UI).
    public func close() {
        suspend()
        closed = true
    }

    // MARK: Screen

    public func draw(_ frame: FrameBuffer) {
        guard !suspended else { return }
        let shown = ScreenPresentation.prepare(frame, size: size, capabilities: capabilities)
        if presented == nil {
            erase()
        }
        for run in FrameDiff.runs(from: presented, to: shown) {
            var x = run.x
            for cell in run.cells {
                write(cell, x: x, y: run.y)
                x += max(1, cell.width)
            }
        }
        presented = shown
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            move(Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        refresh()
    }

    public func invalidate() {
        presented = nil
        clearok(xt_stdscr(), true)
    }

    @discardableResult
    public func refreshSize() -> Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        if xt_window_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0 {
            resizeterm(rows, columns)
        }
        size = Size(width: Int(xt_cols()), height: Int(xt_lines()))
        invalidate()
        return size
    }

    public func suspend() {
        guard !suspended else { return }
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        suspended = true
    }

    public func resume() {
        guard suspended, !closed else { return }
        suspended = false
        refresh()  // back to program mode
        Self.writeToTerminal(Self.bracketedPasteOn)
        _ = refreshSize()
    }

    // MARK: Writing cells

    private func write(_ cell: Cell, x: Int, y: Int) {
        var text = Self.wideCharacters(for: cell)
        let attributes = attributes(for: cell.style.attributes)
        let pair = pair(for: cell.style)
        if text.count == 1 {
            // Our width and the C library's disagree (a VS16 emoji, a character newer than
            // glibc): write a safe stand-in so ncurses' idea of the columns matches ours.
            text = [wchar_t(0x3F), 0]  // "?"
        }
        _ = xt_put_cell(Int32(y), Int32(x), text, attributes, pair)
        if cell.isWide && xt_wcwidth(text[0]) == 1 {
            _ = xt_put_cell(Int32(y), Int32(x + 1), [wchar_t(0x20), 0], attributes, pair)
        }
    }

    /// The cell's characters as a null-terminated wide string ncurses accepts: at most
    /// CCHARW_MAX characters, an emoji ZWJ sequence cut to its first emoji, and a width the C
    /// library agrees with. Returns just the terminator when no safe text exists.
    private static func wideCharacters(for cell: Cell) -> [wchar_t] {
        var scalars: [wchar_t] = []
        for scalar in cell.grapheme.unicodeScalars {
            if scalar.value == 0x200D { break }  // ncurses cannot keep a ZWJ sequence in one cell
            if scalar.value == 0xFE0F && cell.width == 2 && xt_wcwidth(wchar_t(scalars.first ?? 0)) == 1 {
                continue  // VS16 on a narrow base: shown narrow, padded below
            }
            scalars.append(wchar_t(scalar.value))
            if scalars.count == 5 { break }
        }
        guard let first = scalars.first else { return [wchar_t(0x20), 0] }
        let libcWidth = xt_wcwidth(first)
        let expected = max(1, cell.width)
        if libcWidth == expected || (expected == 2 && libcWidth == 1) { return scalars + [0] }
        return [0]
    }

    private func attributes(for attributes: TextAttributes) -> attr_t {
        var result: attr_t = 0
        if attributes.contains(.bold) { result |= xt_attr_bold() }
        if attributes.contains(.dim) { result |= xt_attr_dim() }
        if attributes.contains(.italic) { result |= xt_attr_italic() }
        if attributes.contains(.underline) { result |= xt_attr_underline() }
        if attributes.contains(.reverse) { result |= xt_attr_reverse() }
        return result
    }

    /// The colour pair for a style, allocated on first use (ncurses' `alloc_pair`, which
    /// recycles the least recently used pair when the terminal runs out).
    private func pair(for style: CellStyle) -> Int32 {
        guard capabilities.colorDepth != .none else { return 0 }
        let key = PairKey(foreground: colorNumber(style.foreground), background: colorNumber(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let pair = alloc_pair(key.foreground, key.background)
        guard pair > 0 else { return 0 }
        pairs[key] = pair
        return pair
    }

    /// ncurses' number for a colour already resolved for the depth: -1 for the default, a
    /// palette index, or (direct colour) 0xRRGGBB with palette colours above 7 as RGB.
    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .default: return -1
        case .ansi(let n) where !directColor || n < 8:
            return Int32(xt_colors() >= 16 ? n : n % 8)
        case .indexed(let n) where !directColor:
            return Int32(n)
        case .ansi(let n), .indexed(let n):
            let (r, g, b) = ColorMapping.rgb(ofIndexed: n)
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        case .rgb(let r, let g, let b):
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }

    // MARK: Terminal modes

    private nonisolated static let bracketedPasteOn = "\u{1B}[?2004h"
    private nonisolated static let bracketedPasteOff = "\u{1B}[?2004l"

    private nonisolated static func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// At exit, unless the UI already gave the terminal back.
    private nonisolated static func restoreAtExit() {
        guard !isendwin() else { return }
        writeToTerminal(bracketedPasteOff)
        endwin()
    }
}

extension String {
    fileprivate func replacingDashes() -> String { filter { $0 != "-" && $0 != "_" } }
}
