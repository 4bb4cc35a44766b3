/// Light box-drawing characters as sets of arms (up, down, left, right), so a line drawn across
/// another one becomes the right junction (`│` crossed by `─` is `┼`, a line ending on it `├`).
enum LineGlyphs {
    static let up = 1
    static let down = 2
    static let left = 4
    static let right = 8

    private static let glyphByArms: [Int: Character] = [
        up: "╵", down: "╷", left: "╴", right: "╶",
        up | down: "│", left | right: "─",
        right | down: "┌", left | down: "┐", right | up: "└", left | up: "┘",
        up | down | right: "├", up | down | left: "┤",
        left | right | down: "┬", left | right | up: "┴",
        up | down | left | right: "┼",
    ]

    private static let armsByGlyph: [Character: Int] = {
        var table: [Character: Int] = [:]
        for (arms, glyph) in glyphByArms { table[glyph] = arms }
        // Rounded corners join like square ones.
        table["╭"] = right | down
        table["╮"] = left | down
        table["╰"] = right | up
        table["╯"] = left | up
        return table
    }()

    static func glyph(arms: Int) -> Character { glyphByArms[arms] ?? " " }

    /// The arms of a line glyph, or nil when the text is not one.
    static func arms(of grapheme: String) -> Int? {
        guard grapheme.count == 1, let character = grapheme.first else { return nil }
        return armsByGlyph[character]
    }
}
