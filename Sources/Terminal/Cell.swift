/// One column of the screen: a user-perceived character and its style.
///
/// A wide character (CJK, emoji) takes two columns: its own cell with `width == 2`, then a
/// continuation cell (`width == 0`, empty grapheme) that the screen never writes.
public struct Cell: Hashable, Sendable {
    /// The character as written to the terminal; empty for a continuation cell.
    public private(set) var grapheme: String
    public var style: CellStyle
    /// Columns this cell starts: 1, 2 (wide), or 0 for the right half of a wide character.
    public private(set) var width: Int

    /// A cell showing `character`, made safe for a terminal: controls become U+FFFD, and a
    /// zero-width character on its own becomes a space.
    public init(_ character: Character, style: CellStyle = .plain) {
        let safe = DisplayWidth.sanitized(character)
        let width = DisplayWidth.of(safe)
        if width == 0 {
            self.grapheme = " "
            self.width = 1
        } else {
            self.grapheme = String(safe)
            self.width = width
        }
        self.style = style
    }

    private init(continuationWith style: CellStyle) {
        self.grapheme = ""
        self.width = 0
        self.style = style
    }

    /// The right half of a wide character.
    public static func continuation(style: CellStyle = .plain) -> Cell { Cell(continuationWith: style) }

    public static let blank = Cell(" ")

    public var isContinuation: Bool { width == 0 }
    public var isWide: Bool { width == 2 }
}
