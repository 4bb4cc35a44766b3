import TOMLKit

/// Parses TOML through TOMLKit, after ruling out the input its parser (toml++) cannot take.
///
/// toml++ asserts that a table header begins with a key character: `[)x]` aborts a debug build
/// and is undefined behaviour in a release one (found by fuzzing: Fuzz/Regressions/keymap and
/// theme). Every TOML text xentui reads (config, keymaps, themes) goes through here, so such a
/// header is a syntax error with its line like any other.
public enum CheckedTOML {
    /// A table header whose name does not start with a key character or a quote.
    public struct HeaderError: Error, CustomStringConvertible, Sendable {
        public let line: Int
        public let column: Int
        public var description: String { "a table header must start with a name (a letter, digit, _, - or a quote)" }
    }

    /// The parsed table; throws `HeaderError` or TOMLKit's `TOMLParseError`.
    public static func table(_ text: String) throws -> TOMLTable {
        if let bad = badTableHeader(in: text) { throw bad }
        return try TOMLTable(string: text)
    }

    /// The first table header toml++ would reach whose name starts with anything but a key
    /// character, a quote or `]` (an empty name, which toml++ reports itself). Tracks strings,
    /// arrays, inline tables and comments as toml++ does, so that a `[` inside a value is not
    /// taken for a header.
    static func badTableHeader(in text: String) -> HeaderError? {
        var scanner = Scanner(Array(text.utf8))
        return scanner.firstBadHeader()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var at = 0
        var line = 1
        var lineStart = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func firstBadHeader() -> HeaderError? {
            while at < bytes.count {
                skipSpaces()
                guard let byte = current else { return nil }
                switch byte {
                case UInt8(ascii: "\n"): advance()
                case UInt8(ascii: "#"): skipToEndOfLine()
                case UInt8(ascii: "["):
                    if let bad = checkHeader() { return bad }
                    skipValueLine()  // the rest of the header's line, and a comment after it
                default:
                    skipValueLine()  // key = value, the value possibly spanning lines
                }
            }
            return nil
        }

        private mutating func checkHeader() -> HeaderError? {
            advance()
            skipSpaces()
            if current == UInt8(ascii: "[") {
                advance()
                skipSpaces()
            }
            guard let first = current else { return nil }
            if Self.isKeyStart(first) || first == UInt8(ascii: "]") || first == UInt8(ascii: "\n") { return nil }
            return HeaderError(line: line, column: at - lineStart + 1)
        }

        /// Skips to the end of a line, past strings (multi-line ones too), brackets and braces
        /// that continue onto later lines, and comments.
        private mutating func skipValueLine() {
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\n"):
                    advance()
                    if depth == 0 { return }
                case UInt8(ascii: "#"): skipToEndOfLine()
                case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    advance()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                    advance()
                default: advance()
                }
            }
        }

        private mutating func skipString(quote: UInt8) {
            let multiLine = at + 2 < bytes.count && bytes[at + 1] == quote && bytes[at + 2] == quote
            advance(multiLine ? 3 : 1)
            while let byte = current {
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    advance(2)
                    continue
                }
                if byte == UInt8(ascii: "\n"), !multiLine { return }  // unterminated: toml++ reports it
                if byte == quote {
                    if !multiLine {
                        advance()
                        return
                    }
                    if at + 2 < bytes.count, bytes[at + 1] == quote, bytes[at + 2] == quote {
                        advance(3)
                        while current == quote { advance() }  // up to two quotes may end the content
                        return
                    }
                }
                advance()
            }
        }

        private mutating func skipSpaces() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                advance()
            }
        }

        private mutating func skipToEndOfLine() {
            while let byte = current, byte != UInt8(ascii: "\n") { advance() }
        }

        private mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where at < bytes.count {
                if bytes[at] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = at + 1
                }
                at += 1
            }
        }

        private static func isKeyStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return true
            default:
                return false
            }
        }
    }
}
