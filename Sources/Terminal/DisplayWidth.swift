/// How many terminal columns text takes, from our own Unicode tables (not the C library's
/// `wcwidth`), so layout is the same on every machine and in tests.
///
/// A grapheme takes the width of its first visible scalar; emoji sequences (variation
/// selector 16, zero-width joiner sequences, flag pairs) take 2. Control characters never reach
/// the terminal: `DisplayWidth.sanitized` shows them as U+FFFD (tab, CR and LF as a space).
public enum DisplayWidth {
    /// Width of one scalar on its own: 0, 1 or 2 (controls count 1: they are shown replaced).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return 1 }  // ASCII, controls included (replaced when drawn)
        if v < 0xA0 { return 1 }  // DEL and C1 controls (replaced when drawn)
        if contains(zeroWidthRanges, v) { return 0 }
        if contains(wideRanges, v) { return 2 }
        return 1
    }

    /// Width of one user-perceived character.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isControl(first) { return 1 }
        var base = 0
        var regionalIndicators = 0
        var emojiSequence = false
        var previousWasJoiner = false
        for scalar in scalars {
            let v = scalar.value
            if v == 0xFE0F { emojiSequence = true }  // VS16: emoji presentation
            if (0x1F1E6...0x1F1FF).contains(v) { regionalIndicators += 1 }
            if previousWasJoiner && of(scalar) == 2 { emojiSequence = true }
            previousWasJoiner = v == 0x200D
            if base == 0 { base = of(scalar) }
        }
        if emojiSequence || regionalIndicators >= 2 { return 2 }
        return base
    }

    /// Width of a string: the sum of its characters' widths.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// True for C0 and C1 controls, DEL and the line/paragraph separators: they would move the
    /// terminal's cursor, so they are never written as they are.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }

    /// The character as it may be written to a terminal: controls become U+FFFD, tab, CR and LF
    /// a space (a log message with a newline stays on its line).
    public static func sanitized(_ character: Character) -> Character {
        guard let first = character.unicodeScalars.first, isControl(first) else { return character }
        switch first.value {
        case 0x09, 0x0A, 0x0D: return " "
        default: return "\u{FFFD}"
        }
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}

/// Columns taken by one character (see `DisplayWidth`).
public func displayWidth(of character: Character) -> Int { DisplayWidth.of(character) }

/// Columns taken by a string (see `DisplayWidth`).
public func displayWidth<S: StringProtocol>(of text: S) -> Int { DisplayWidth.of(text) }

extension String {
    /// The longest prefix that fits in `width` columns; when the text is cut, it ends with
    /// `ellipsis` (which counts in the width). Never splits a wide character.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(self) <= width { return self }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for character in self {
            let w = DisplayWidth.of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// The text truncated to `width` columns and padded with spaces to exactly `width`.
    public func padded(toWidth width: Int, alignRight: Bool = false) -> String {
        let cut = truncated(toWidth: width)
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
