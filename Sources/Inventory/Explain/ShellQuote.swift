import Foundation

/// Quotes a word for a POSIX shell (bash on dom0) so that it is passed to `xe` exactly.
///
/// Printable text goes in single quotes, where nothing is special. Text with control or
/// invisible formatting characters (newlines, ESC, bidi overrides) uses bash's `$'…'` with
/// escapes instead, so that the line shows what it does: a name can never break the line,
/// hide part of it, or recolour the terminal.
enum ShellQuote {
    static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isSafe) { return word }
        if word.unicodeScalars.contains(where: needsEscape) { return ansiC(word) }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Characters no shell treats specially anywhere in a word.
    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "-", "_", ".", "/", ":", ",", "+", "@", "%", "=": return true
        default: return false
        }
    }

    /// Control characters, line and paragraph separators and format characters (bidi
    /// overrides, zero-width joiners…): shown as escapes rather than written raw.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: return true
        default: return false
        }
    }

    /// bash's ANSI-C quoting. `!` is escaped too: interactive bash may expand history in `$'…'`.
    private static func ansiC(_ word: String) -> String {
        var out = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "!": out += "\\x21"
            default:
                if needsEscape(scalar) {
                    out +=
                        scalar.value < 0x80
                        ? "\\x" + hex(scalar.value, width: 2)
                        : scalar.value <= 0xFFFF
                            ? "\\u" + hex(scalar.value, width: 4)
                            : "\\U" + hex(scalar.value, width: 8)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
