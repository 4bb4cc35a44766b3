/// A filter that does not parse: what is wrong and where.
///
/// `description` names the problem and column, then shows the filter with a caret under
/// that column, ready for a status line or a terminal:
///
///     unclosed group at column 21
///     power_state:running (
///                         ^
public struct FilterSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 1-based column, in characters (grapheme clusters); one past the end for "expected more".
    public var column: Int
    /// The filter as typed.
    public var filter: String

    public init(message: String, column: Int, filter: String) {
        self.message = message
        self.column = column
        self.filter = filter
    }

    public var description: String {
        "\(message) at column \(column)\n\(filter)\n\(caretLine)"
    }

    /// Spaces as wide as the text before the column (east-Asian wide characters and emoji
    /// take two cells, tabs are kept), then `^`.
    public var caretLine: String {
        var pad = ""
        for c in filter.prefix(max(0, column - 1)) {
            if c == "\t" { pad.append("\t"); continue }
            pad += String(repeating: " ", count: FilterSyntaxError.cellWidth(c))
        }
        return pad + "^"
    }

    static func cellWidth(_ c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 1 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
