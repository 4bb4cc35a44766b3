import Terminal

/// Breaks text into lines of at most `width` columns at spaces; a word longer than a line is
/// cut where the line ends (an xe line's long uuid, a path).
enum WordWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            var wordWidth = displayWidth(of: word)
            let gap = line.isEmpty ? 0 : 1
            if lineWidth + gap + wordWidth <= width {
                line += (gap == 1 ? " " : "") + word
                lineWidth += gap + wordWidth
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                (line, lineWidth) = ("", 0)
            }
            while wordWidth > width {
                let (head, rest) = split(word, at: width)
                lines.append(head)
                word = rest
                wordWidth = displayWidth(of: word)
            }
            (line, lineWidth) = (word, wordWidth)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The longest prefix of at most `width` columns (at least one character), and the rest.
    private static func split(_ word: String, at width: Int) -> (String, String) {
        var used = 0
        var index = word.startIndex
        while index < word.endIndex {
            let next = displayWidth(of: String(word[index]))
            if used + next > width, used > 0 { break }
            used += next
            index = word.index(after: index)
        }
        return (String(word[..<index]), String(word[index...]))
    }
}
