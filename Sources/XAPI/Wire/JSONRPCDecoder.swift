#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull decoder scanning JSON bytes in place: no tree, no copy of the input.
///
/// Reads all of JSON plus the bare tokens `NaN`, `Infinity` and `-Infinity`, which older xapi
/// output and the SDK fixtures contain. Strings without escapes become `String`s straight from
/// the input bytes; invalid UTF-8 becomes U+FFFD.
///
/// The decoder points into bytes that the entry points (`JSONRPC.decodeReply`, `decode(_:_:)`)
/// keep alive; it must not escape the closure that receives it.
public struct JSONRPCDecoder: XAPIDecoder {
    let input: UnsafeRawBufferPointer
    var pos: Int
    var depth = 0

    /// Arrays and objects nested deeper than this are rejected, so hostile input cannot overflow the stack.
    static let maxDepth = 512

    init(input: UnsafeRawBufferPointer, position: Int = 0) {
        self.input = input
        self.pos = position
    }

    /// The byte offset of the next unread byte.
    public var offset: Int { pos }

    /// Decodes one JSON document: `body` consumes its value, and only whitespace may follow.
    public static func decode<T>(_ bytes: [UInt8], _ body: (inout JSONRPCDecoder) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in
            var d = JSONRPCDecoder(input: raw)
            let value = try body(&d)
            try d.expectEnd()
            return value
        }
    }

    // MARK: - XAPIDecoder

    public mutating func decodeString() throws -> String {
        let c = try peek()
        if c == UInt8(ascii: "\"") { return try scanString() }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            // An integer where a string is expected reads as its decimal text.
            let start = pos
            let number = try scanNumber()
            if number.isInteger { return String(decoding: slice(start, pos), as: UTF8.self) }
            pos = start
        }
        throw mismatch("a string")
    }

    public mutating func decodeInt() throws -> Int64 {
        let c = try peek()
        let start = pos
        if c == UInt8(ascii: "\"") {
            let (s, e, escaped) = try scanStringRange()
            if !escaped, let i = WireText.parseInt64(input, s, e) { return i }
            throw XAPIDecodingError("expected an int, found the string \(WireText.quote(input, s, e))", offset: start)
        }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            let number = try scanNumber()
            if number.isInteger {
                if let i = number.int { return i }
                throw XAPIDecodingError("integer \(WireText.quote(input, start, pos)) is out of the int64 range", offset: start)
            }
            let d = try number.double(input, start, pos)
            if d.isFinite, d.rounded() == d, abs(d) < 9.2e18 { return Int64(d) }
            throw XAPIDecodingError("expected an int, found the float \(WireText.quote(input, start, pos))", offset: start)
        }
        throw mismatch("an int")
    }

    public mutating func decodeDouble() throws -> Double {
        let c = try peek()
        let start = pos
        if c == UInt8(ascii: "\"") {
            let (s, e, escaped) = try scanStringRange()
            if !escaped, let d = WireText.parseDouble(input, s, e) { return d }
            throw XAPIDecodingError("expected a float, found the string \(WireText.quote(input, s, e))", offset: start)
        }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "N")
            || c == UInt8(ascii: "I")
        {
            let number = try scanNumber()
            return try number.double(input, start, pos)
        }
        throw mismatch("a float")
    }

    public mutating func decodeBool() throws -> Bool {
        let c = try peek()
        if c == UInt8(ascii: "t"), consume("true") { return true }
        if c == UInt8(ascii: "f"), consume("false") { return false }
        if c == UInt8(ascii: "\"") {
            let start = pos
            let (s, e, _) = try scanStringRange()
            if XAPIKey(bytes: slice(s, e)) == "true" { return true }
            if XAPIKey(bytes: slice(s, e)) == "false" { return false }
            throw XAPIDecodingError("expected a bool, found the string \(WireText.quote(input, s, e))", offset: start)
        }
        throw mismatch("a bool")
    }

    public mutating func decodeDateTime() throws -> XAPIDateTime {
        let c = try peek()
        let start = pos
        if c == UInt8(ascii: "\"") {
            let (s, e, escaped) = try scanStringRange()
            if !escaped, let d = WireText.parseDateTime(input, s, e) { return d }
            throw XAPIDecodingError("expected a datetime, found the string \(WireText.quote(input, s, e))", offset: start)
        }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            // Unix seconds as a number, as some SDK fixtures have it.
            let d = try scanNumber().double(input, start, pos)
            if d.isFinite, abs(d) < 1e17 { return XAPIDateTime(secondsSinceEpoch: Int64(d)) }
            throw XAPIDecodingError("expected a datetime, found \(WireText.quote(input, start, pos))", offset: start)
        }
        throw mismatch("a datetime")
    }

    public mutating func decodeArray(_ element: (inout JSONRPCDecoder) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "[") else { throw mismatch("an array") }
        pos += 1
        try enter()
        if try !closes(UInt8(ascii: "]")) {
            repeat {
                try element(&self)
            } while try next(UInt8(ascii: "]"))
        }
        depth -= 1
    }

    public mutating func decodeStruct(_ member: (inout JSONRPCDecoder, XAPIKey) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "{") else { throw mismatch("a struct") }
        pos += 1
        try enter()
        if try !closes(UInt8(ascii: "}")) {
            repeat {
                guard try peek() == UInt8(ascii: "\"") else {
                    throw XAPIDecodingError("expected a member name, found \(WireText.quote(input, at: pos))", offset: pos)
                }
                let (s, e, escaped) = try scanStringRange()
                try expectColon()
                if escaped {
                    let name = try unescape(s, e)
                    try name.withUnsafeBytes { try member(&self, XAPIKey(bytes: $0)) }
                } else {
                    try member(&self, XAPIKey(bytes: slice(s, e)))
                }
            } while try next(UInt8(ascii: "}"))
        }
        depth -= 1
    }

    public mutating func skipValue() throws {
        let c = try peek()
        switch c {
        case UInt8(ascii: "\""): _ = try scanStringRange()
        case UInt8(ascii: "["):
            pos += 1
            try enter()
            if try !closes(UInt8(ascii: "]")) {
                repeat { try skipValue() } while try next(UInt8(ascii: "]"))
            }
            depth -= 1
        case UInt8(ascii: "{"):
            pos += 1
            try enter()
            if try !closes(UInt8(ascii: "}")) {
                repeat {
                    guard try peek() == UInt8(ascii: "\"") else {
                        throw XAPIDecodingError("expected a member name, found \(WireText.quote(input, at: pos))", offset: pos)
                    }
                    _ = try scanStringRange()
                    try expectColon()
                    try skipValue()
                } while try next(UInt8(ascii: "}"))
            }
            depth -= 1
        default: _ = try scanScalarToken()
        }
    }

    public mutating func decodeValue() throws -> XAPIValue {
        let c = try peek()
        switch c {
        case UInt8(ascii: "\""): return .string(try scanString())
        case UInt8(ascii: "["):
            var items: [XAPIValue] = []
            try decodeArray { d in items.append(try d.decodeValue()) }
            return .array(items)
        case UInt8(ascii: "{"):
            var fields = XAPIStruct()
            try decodeStruct { d, key in
                let name = key.string
                do {
                    fields[name] = try d.decodeValue()
                } catch let error as XAPIDecodingError {
                    throw error.inField(name)
                }
            }
            return .structure(fields)
        default: return try scanScalarToken()
        }
    }

    public mutating func decodeNull() throws -> Bool {
        if try peek() == UInt8(ascii: "n"), consume("null") { return true }
        return false
    }

    // MARK: - Tokens

    /// A number as scanned: its integer value when it is a JSON integer that fits in Int64.
    struct Number {
        var isInteger: Bool
        var int: Int64?
        var special: Double?

        func double(_ input: UnsafeRawBufferPointer, _ start: Int, _ end: Int) throws -> Double {
            if let special { return special }
            if let int { return Double(int) }
            if let d = WireText.parseDouble(input, start, end) { return d }
            throw XAPIDecodingError("unreadable number \(WireText.quote(input, start, end))", offset: start)
        }
    }

    /// `true`, `false`, `null`, a number or a non-finite token, as a value.
    mutating func scanScalarToken() throws -> XAPIValue {
        let c = try peek()
        if c == UInt8(ascii: "t"), consume("true") { return .bool(true) }
        if c == UInt8(ascii: "f"), consume("false") { return .bool(false) }
        if c == UInt8(ascii: "n"), consume("null") { return .null }
        let start = pos
        let number = try scanNumber()
        if number.isInteger {
            if let i = number.int { return .int(i) }
            throw XAPIDecodingError("integer \(WireText.quote(input, start, pos)) is out of the int64 range", offset: start)
        }
        return .double(try number.double(input, start, pos))
    }

    /// Scans a JSON number (or `NaN`, `Infinity`, `-Infinity`), validating its grammar.
    mutating func scanNumber() throws -> Number {
        let start = pos
        let count = input.count
        var negative = false
        if pos < count, input[pos] == UInt8(ascii: "-") {
            negative = true
            pos += 1
        }
        if consume("Infinity") { return Number(isInteger: false, int: nil, special: negative ? -.infinity : .infinity) }
        if !negative, consume("NaN") { return Number(isInteger: false, int: nil, special: .nan) }
        var value: Int64 = 0
        var overflow = false
        let digitsStart = pos
        while pos < count {
            let d = input[pos] &- 48
            if d >= 10 { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            overflow = overflow || o1 || o2
            value = s
            pos += 1
        }
        guard pos > digitsStart else {
            throw XAPIDecodingError("expected a value, found \(WireText.quote(input, at: start))", offset: start)
        }
        if pos - digitsStart > 1, input[digitsStart] == UInt8(ascii: "0") {
            throw XAPIDecodingError("a number may not have leading zeros", offset: start)
        }
        var isInteger = true
        if pos < count, input[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            try digits(numberStart: start)
        }
        if pos < count, input[pos] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            pos += 1
            if pos < count, input[pos] == UInt8(ascii: "+") || input[pos] == UInt8(ascii: "-") { pos += 1 }
            try digits(numberStart: start)
        }
        if !isInteger { return Number(isInteger: false, int: nil, special: nil) }
        if !negative {
            if value == Int64.min { overflow = true } else { value = -value }
        }
        return Number(isInteger: true, int: overflow ? nil : value, special: nil)
    }

    mutating func digits(numberStart: Int) throws {
        let start = pos
        while pos < input.count, input[pos] &- 48 < 10 { pos += 1 }
        if pos == start {
            throw XAPIDecodingError("malformed number \(WireText.quote(input, numberStart, pos))", offset: numberStart)
        }
    }

    /// Scans a string at `pos` (on its opening quote) and returns its content.
    mutating func scanString() throws -> String {
        let (s, e, escaped) = try scanStringRange()
        if escaped { return String(decoding: try unescape(s, e), as: UTF8.self) }
        return String(decoding: slice(s, e), as: UTF8.self)
    }

    /// Scans a string at `pos` (on its opening quote): the range of its raw content and whether
    /// it holds escapes. Escapes are validated when the content is unescaped.
    mutating func scanStringRange() throws -> (Int, Int, Bool) {
        let open = pos
        let count = input.count
        let start = pos + 1
        // Fast path: the next quote ends the string when no backslash comes before it.
        if start < count, let base = input.baseAddress,
            let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), count - start)
        {
            let end = base.distance(to: UnsafeRawPointer(quote))
            if end == start || memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil {
                pos = end + 1
                return (start, end, false)
            }
        }
        var p = start
        while p < count {
            let c = input[p]
            if c == UInt8(ascii: "\"") {
                pos = p + 1
                return (start, p, true)
            }
            p += c == UInt8(ascii: "\\") ? 2 : 1
        }
        throw XAPIDecodingError("unterminated string", offset: open)
    }

    /// The content of a string with its escapes resolved (`\uXXXX` pairs joined; lone surrogates become U+FFFD).
    func unescape(_ start: Int, _ end: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = input[i]
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < end else { throw XAPIDecodingError("unterminated escape in a string", offset: i) }
            switch input[i + 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(i + 2, end) else {
                    throw XAPIDecodingError("malformed \\u escape \(WireText.quote(input, i, min(end, i + 6)))", offset: i)
                }
                i += 6
                var scalar = Unicode.Scalar(unit)
                if unit >= 0xD800, unit < 0xDC00, i + 1 < end, input[i] == UInt8(ascii: "\\"),
                    input[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2, end), low >= 0xDC00, low < 0xE000
                {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    i += 6
                }
                WireText.appendUTF8(scalar ?? "\u{FFFD}", to: &out)
                continue
            default:
                throw XAPIDecodingError("unknown escape \(WireText.quote(input, i, i + 2)) in a string", offset: i)
            }
            i += 2
        }
        return out
    }

    func hex4(_ at: Int, _ end: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in at..<(at + 4) {
            let c = input[k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: - Structure

    /// Skips whitespace and returns the next byte without consuming it; errors at the end.
    @inline(__always)
    mutating func peek() throws -> UInt8 {
        let count = input.count
        while pos < count {
            let c = input[pos]
            if c > 0x20 || !WireText.isSpace(c) { return c }
            pos += 1
        }
        throw XAPIDecodingError("unexpected end of input, expected a value", offset: pos)
    }

    /// After an opening bracket: true (consumed) when the container is empty.
    mutating func closes(_ bracket: UInt8) throws -> Bool {
        if try peekStructural() == bracket {
            pos += 1
            return true
        }
        return false
    }

    /// After a value in a container: true on `,`, false (consumed) on the closing bracket.
    @inline(__always)
    mutating func next(_ bracket: UInt8) throws -> Bool {
        let c = try peekStructural()
        pos += 1
        if c == UInt8(ascii: ",") { return true }
        if c == bracket { return false }
        pos -= 1
        throw XAPIDecodingError(
            "expected , or \(Character(Unicode.Scalar(bracket))), found \(WireText.quote(input, at: pos))", offset: pos)
    }

    mutating func expectColon() throws {
        if try peekStructural() != UInt8(ascii: ":") {
            throw XAPIDecodingError("expected :, found \(WireText.quote(input, at: pos))", offset: pos)
        }
        pos += 1
    }

    mutating func peekStructural() throws -> UInt8 {
        while pos < input.count {
            let c = input[pos]
            if !WireText.isSpace(c) { return c }
            pos += 1
        }
        throw XAPIDecodingError("unexpected end of input", offset: pos)
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw XAPIDecodingError("arrays and objects nested deeper than \(Self.maxDepth) levels", offset: pos)
        }
    }

    mutating func expectEnd() throws {
        while pos < input.count, WireText.isSpace(input[pos]) { pos += 1 }
        if pos != input.count {
            throw XAPIDecodingError("unexpected \(WireText.quote(input, at: pos)) after the document", offset: pos)
        }
    }

    @inline(__always)
    mutating func consume(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard input.count - pos >= n else { return false }
        guard n > 0, let base = input.baseAddress, memcmp(base + pos, literal.utf8Start, n) == 0 else { return false }
        pos += n
        return true
    }

    func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: input[start..<end])
    }

    /// "expected X, found Y" for the value at `pos`.
    func mismatch(_ expected: String) -> XAPIDecodingError {
        let found: String
        switch pos < input.count ? input[pos] : 0 {
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): found = WireText.quote(input, at: pos)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"): found = "a number"
        default: found = WireText.quote(input, at: pos)
        }
        return XAPIDecodingError("expected \(expected), found \(found)", offset: pos)
    }
}
