#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull decoder scanning XML-RPC bytes in place: no XML tree, no copy of the input.
///
/// It reads exactly the XML that XML-RPC uses (`<value>` and its type tags, whitespace between
/// tags, the five entities and numeric character references). Untyped `<value>text</value>` is a
/// string, which is how xapi sends strings, refs, enums and int64; the typed decoders coerce it.
/// A `&` that does not start one of the five entities or a character reference is kept as text,
/// because xapi writes struct member names (map keys) without escaping them.
/// `<base64>` is read as the base64 text itself (xapi never sends it). CDATA sections, comments
/// inside values and attributes are rejected with an error.
///
/// The decoder points into bytes that the entry points (`XMLRPC.decodeReply`, `decode(_:_:)`)
/// keep alive; it must not escape the closure that receives it.
public struct XMLRPCDecoder: XAPIDecoder {
    let input: UnsafeRawBufferPointer
    var pos: Int
    var depth = 0

    /// Arrays and structs nested deeper than this are rejected, so hostile input cannot overflow the stack.
    static let maxDepth = 512

    init(input: UnsafeRawBufferPointer, position: Int = 0) {
        self.input = input
        self.pos = position
    }

    /// The byte offset of the next unread byte.
    public var offset: Int { pos }

    /// Decodes one `<value>` document (an optional `<?xml?>` prolog, one value, nothing after).
    public static func decode<T>(_ bytes: [UInt8], _ body: (inout XMLRPCDecoder) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in
            var d = XMLRPCDecoder(input: raw)
            try d.skipProlog()
            let value = try body(&d)
            try d.expectEnd()
            return value
        }
    }

    // MARK: - XAPIDecoder

    public mutating func decodeString() throws -> String {
        let start = pos
        let head = try openValue()
        switch head.kind {
        case .untyped, .string, .int, .dateTime, .base64: return try text(head)
        default: throw mismatch("a string", head, at: start)
        }
    }

    public mutating func decodeInt() throws -> Int64 {
        let start = pos
        let head = try openValue()
        switch head.kind {
        case .untyped, .string, .int:
            if let i = try number(head, WireText.parseInt64) { return i }
            throw XAPIDecodingError("expected an int, found \(describe(head))", offset: head.start)
        default: throw mismatch("an int", head, at: start)
        }
    }

    public mutating func decodeDouble() throws -> Double {
        let start = pos
        let head = try openValue()
        switch head.kind {
        case .untyped, .string, .int, .double:
            if let d = try number(head, WireText.parseDouble) { return d }
            throw XAPIDecodingError("expected a float, found \(describe(head))", offset: head.start)
        default: throw mismatch("a float", head, at: start)
        }
    }

    public mutating func decodeBool() throws -> Bool {
        let start = pos
        let head = try openValue()
        let (s, e) = WireText.trimmed(input, head.start, head.end)
        let text = UnsafeRawBufferPointer(rebasing: input[s..<e])
        switch head.kind {
        case .boolean:
            if XAPIKey(bytes: text) == "1" || XAPIKey(bytes: text) == "true" { return true }
            if XAPIKey(bytes: text) == "0" || XAPIKey(bytes: text) == "false" { return false }
            throw XAPIDecodingError("expected 0 or 1 in <boolean>, found \(describe(head))", offset: head.start)
        case .untyped, .string:
            if XAPIKey(bytes: text) == "true" { return true }
            if XAPIKey(bytes: text) == "false" { return false }
            throw XAPIDecodingError("expected a bool, found \(describe(head))", offset: head.start)
        default: throw mismatch("a bool", head, at: start)
        }
    }

    public mutating func decodeDateTime() throws -> XAPIDateTime {
        let start = pos
        let head = try openValue()
        switch head.kind {
        case .untyped, .string, .dateTime:
            if let d = try number(head, WireText.parseDateTime) { return d }
            throw XAPIDecodingError("expected a datetime, found \(describe(head))", offset: head.start)
        default: throw mismatch("a datetime", head, at: start)
        }
    }

    public mutating func decodeArray(_ element: (inout XMLRPCDecoder) throws -> Void) throws {
        let start = pos
        let head = try openValue()
        guard head.kind == .array else { throw mismatch("an array", head, at: start) }
        if head.emptyContainer { return }
        try enter()
        while try nextElement() {
            let before = pos
            try element(&self)
            if pos == before {
                throw XAPIDecodingError("the array element was not consumed by its decoder", offset: pos)
            }
        }
        depth -= 1
    }

    public mutating func decodeStruct(_ member: (inout XMLRPCDecoder, XAPIKey) throws -> Void) throws {
        let start = pos
        let head = try openValue()
        guard head.kind == .structure else { throw mismatch("a struct", head, at: start) }
        if head.emptyContainer { return }
        try enter()
        while let name = try nextMember() {
            if name.entities {
                let decoded = try unescape(name.start, name.end)
                try decoded.withUnsafeBytes { try member(&self, XAPIKey(bytes: $0)) }
            } else {
                try member(&self, XAPIKey(bytes: UnsafeRawBufferPointer(rebasing: input[name.start..<name.end])))
            }
            try endMember()
        }
        depth -= 1
    }

    public mutating func skipValue() throws {
        let head = try openValue()
        switch head.kind {
        case .array:
            if head.emptyContainer { return }
            try enter()
            while try nextElement() { try skipValue() }
            depth -= 1
        case .structure:
            if head.emptyContainer { return }
            try enter()
            while try nextMember() != nil {
                try skipValue()
                try endMember()
            }
            depth -= 1
        default: return
        }
    }

    public mutating func decodeValue() throws -> XAPIValue {
        let head = try openValue()
        switch head.kind {
        case .untyped, .string, .base64: return .string(try text(head))
        case .int:
            if let i = try number(head, WireText.parseInt64) { return .int(i) }
            throw XAPIDecodingError("expected an int in <\(head.kind.tag)>, found \(describe(head))", offset: head.start)
        case .double:
            if let d = try number(head, WireText.parseDouble) { return .double(d) }
            throw XAPIDecodingError("expected a float in <double>, found \(describe(head))", offset: head.start)
        case .boolean:
            pos = head.valueStart
            return .bool(try decodeBool())
        case .dateTime:
            if let d = try number(head, WireText.parseDateTime) { return .dateTime(d) }
            throw XAPIDecodingError("expected a datetime, found \(describe(head))", offset: head.start)
        case .null: return .null
        case .array:
            var items: [XAPIValue] = []
            if head.emptyContainer { return .array(items) }
            try enter()
            while try nextElement() { items.append(try decodeValue()) }
            depth -= 1
            return .array(items)
        case .structure:
            var fields = XAPIStruct()
            if head.emptyContainer { return .structure(fields) }
            try enter()
            while let name = try nextMember() {
                let key = name.entities ? try text(name) : String(decoding: slice(name.start, name.end), as: UTF8.self)
                do {
                    fields[key] = try decodeValue()
                } catch let error as XAPIDecodingError {
                    throw error.inField(key)
                }
                try endMember()
            }
            depth -= 1
            return .structure(fields)
        }
    }

    public mutating func decodeNull() throws -> Bool {
        let start = pos
        let head = try openValue()
        if head.kind == .null { return true }
        pos = start
        return false
    }

    // MARK: - Value heads

    enum Kind: UInt8 {
        case untyped, string, int, boolean, double, dateTime, base64, array, structure, null

        var tag: String {
            switch self {
            case .untyped: return "value"
            case .string: return "string"
            case .int: return "int"
            case .boolean: return "boolean"
            case .double: return "double"
            case .dateTime: return "dateTime.iso8601"
            case .base64: return "base64"
            case .array: return "array"
            case .structure: return "struct"
            case .null: return "nil"
            }
        }
    }

    /// What `openValue` found: a scalar's text range (the value is then fully consumed), or a
    /// container whose body starts at `pos` (unless it was empty and already consumed).
    struct Head {
        var kind: Kind
        var start: Int
        var end: Int
        var entities: Bool
        var emptyContainer: Bool
        /// Where the `<value>` began, to re-read it.
        var valueStart: Int
    }

    /// Reads `<value>` up to its content. Scalars are consumed through `</value>`; for arrays and
    /// structs the position is left inside, after `<data>` or `<struct>`.
    mutating func openValue() throws -> Head {
        skipSpace()
        let valueStart = pos
        guard consume("<value") else {
            throw XAPIDecodingError("expected <value>, found \(WireText.quote(input, at: pos))", offset: pos)
        }
        skipSpace()
        if consume("/>") {
            return Head(kind: .untyped, start: pos, end: pos, entities: false, emptyContainer: false, valueStart: valueStart)
        }
        try expect(">")
        let textStart = pos
        var entities = false
        try scanText(&entities)
        if consume("</value>") {
            return Head(kind: .untyped, start: textStart, end: pos - 8, entities: entities, emptyContainer: false, valueStart: valueStart)
        }
        // A typed value: only whitespace may come before its tag.
        for i in textStart..<pos where !WireText.isSpace(input[i]) {
            throw XAPIDecodingError("text mixed with a typed value in <value>", offset: i)
        }
        let tagStart = pos
        pos += 1
        let nameStart = pos
        while pos < input.count, isNameByte(input[pos]) { pos += 1 }
        guard let kind = Self.kind(of: slice(nameStart, pos)) else {
            throw XAPIDecodingError("unknown XML-RPC type \(WireText.quote(input, at: tagStart))", offset: tagStart)
        }
        let nameEnd = pos
        skipSpace()
        let selfClosing = consume("/>")
        if !selfClosing { try expect(">") }
        var head = Head(kind: kind, start: pos, end: pos, entities: false, emptyContainer: selfClosing, valueStart: valueStart)
        switch kind {
        case .array:
            if !selfClosing {
                skipSpace()
                if consume("<data/>") {
                    skipSpace()
                    try expect("</array>")
                    head.emptyContainer = true
                } else {
                    try expect("<data>")
                    return head
                }
            }
        case .structure:
            if !selfClosing { return head }
        default:
            if !selfClosing {
                head.start = pos
                try scanText(&head.entities)
                head.end = pos
                guard consume("</"), input.count - pos >= nameEnd - nameStart,
                    slice(pos, pos + nameEnd - nameStart).elementsEqual(slice(nameStart, nameEnd))
                else {
                    throw XAPIDecodingError(
                        "expected </\(kind.tag)>, found \(WireText.quote(input, at: head.end))", offset: head.end)
                }
                pos += nameEnd - nameStart
                skipSpace()
                try expect(">")
            }
        }
        skipSpace()
        try expect("</value>")
        return head
    }

    /// Moves to the next array element; false (with the array's closing tags consumed) at the end.
    mutating func nextElement() throws -> Bool {
        skipSpace()
        if consume("</data>") {
            skipSpace()
            try expect("</array>")
            skipSpace()
            try expect("</value>")
            return false
        }
        return true
    }

    /// Reads the next member's `<name>`; nil (with the struct's closing tags consumed) at the end.
    mutating func nextMember() throws -> Head? {
        skipSpace()
        if consume("</struct>") {
            skipSpace()
            try expect("</value>")
            return nil
        }
        try expect("<member>")
        skipSpace()
        var name = Head(kind: .string, start: pos, end: pos, entities: false, emptyContainer: false, valueStart: pos)
        if consume("<name/>") { return name }
        try expect("<name>")
        name.start = pos
        try scanText(&name.entities)
        name.end = pos
        try expect("</name>")
        return name
    }

    mutating func endMember() throws {
        skipSpace()
        if !consume("</member>") {
            throw XAPIDecodingError(
                "expected </member> after the member's value, found \(WireText.quote(input, at: pos))", offset: pos)
        }
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw XAPIDecodingError("arrays and structs nested deeper than \(Self.maxDepth) levels", offset: pos)
        }
    }

    static func kind(of name: UnsafeRawBufferPointer) -> Kind? {
        switch name.count {
        case 2: if XAPIKey(bytes: name) == "i4" || XAPIKey(bytes: name) == "i8" { return .int }
        case 3:
            if XAPIKey(bytes: name) == "int" { return .int }
            if XAPIKey(bytes: name) == "nil" { return .null }
        case 5: if XAPIKey(bytes: name) == "array" { return .array }
        case 6:
            if XAPIKey(bytes: name) == "string" { return .string }
            if XAPIKey(bytes: name) == "double" { return .double }
            if XAPIKey(bytes: name) == "struct" { return .structure }
            if XAPIKey(bytes: name) == "base64" { return .base64 }
        case 7: if XAPIKey(bytes: name) == "boolean" { return .boolean }
        case 16: if XAPIKey(bytes: name) == "dateTime.iso8601" { return .dateTime }
        default: break
        }
        return nil
    }

    // MARK: - Scanning

    /// Advances to the next `<`, noting whether an entity was seen. Errors at the end of input
    /// or on markup this decoder does not read (CDATA, comments, processing instructions).
    mutating func scanText(_ entities: inout Bool) throws {
        let start = pos
        let count = input.count
        guard pos < count, let base = input.baseAddress,
            let found = memchr(base + pos, Int32(UInt8(ascii: "<")), count - pos)
        else {
            pos = count
            throw XAPIDecodingError("unexpected end of input in text", offset: start)
        }
        let p = base.distance(to: UnsafeRawPointer(found))
        if p > pos, memchr(base + pos, Int32(UInt8(ascii: "&")), p - pos) != nil { entities = true }
        pos = p
        if p + 1 < count, input[p + 1] == UInt8(ascii: "!") || input[p + 1] == UInt8(ascii: "?") {
            let what = p + 2 < count && input[p + 2] == UInt8(ascii: "[") ? "CDATA sections" : "comments and processing instructions"
            throw XAPIDecodingError("\(what) are not supported inside XML-RPC values", offset: p)
        }
    }

    mutating func skipSpace() {
        while pos < input.count, WireText.isSpace(input[pos]) { pos += 1 }
    }

    /// Skips an `<?xml …?>` declaration and comments before the document element.
    mutating func skipProlog() throws {
        while true {
            skipSpace()
            if consume("<?") {
                try skip(past: "?>")
            } else if consume("<!--") {
                try skip(past: "-->")
            } else {
                return
            }
        }
    }

    mutating func skip(past terminator: StaticString) throws {
        let start = pos
        while pos < input.count {
            if consume(terminator) { return }
            pos += 1
        }
        throw XAPIDecodingError("unexpected end of input, expected \(terminator)", offset: start)
    }

    /// Accepts trailing whitespace and comments only.
    mutating func expectEnd() throws {
        try skipProlog()
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

    mutating func expect(_ literal: StaticString) throws {
        if !consume(literal) {
            throw XAPIDecodingError("expected \(literal), found \(WireText.quote(input, at: pos))", offset: pos)
        }
    }

    func isNameByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
            || c == UInt8(ascii: "-") || c == UInt8(ascii: ":")
    }

    func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: input[start..<end])
    }

    // MARK: - Text

    func text(_ head: Head) throws -> String {
        if head.entities { return String(decoding: try unescape(head.start, head.end), as: UTF8.self) }
        return String(decoding: slice(head.start, head.end), as: UTF8.self)
    }

    /// Parses a scalar's text with `parse`, resolving entities first when there are any.
    func number<T>(_ head: Head, _ parse: (UnsafeRawBufferPointer, Int, Int) -> T?) throws -> T? {
        if head.entities {
            let bytes = try unescape(head.start, head.end)
            return bytes.withUnsafeBytes { raw in
                let (s, e) = WireText.trimmed(raw, 0, raw.count)
                return parse(raw, s, e)
            }
        }
        let (s, e) = WireText.trimmed(input, head.start, head.end)
        return parse(input, s, e)
    }

    /// The text with its entities and character references resolved.
    func unescape(_ start: Int, _ end: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = input[i]
            if c != UInt8(ascii: "&") {
                out.append(c)
                i += 1
                continue
            }
            var semi = i + 1
            while semi < end, semi - i <= 12, input[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < end, input[semi] == UInt8(ascii: ";") else {
                // Not an entity: xapi writes struct member names unescaped, so a map key may hold a bare `&`.
                out.append(c)
                i += 1
                continue
            }
            let name = slice(i + 1, semi)
            if XAPIKey(bytes: name) == "lt" {
                out.append(UInt8(ascii: "<"))
            } else if XAPIKey(bytes: name) == "gt" {
                out.append(UInt8(ascii: ">"))
            } else if XAPIKey(bytes: name) == "amp" {
                out.append(UInt8(ascii: "&"))
            } else if XAPIKey(bytes: name) == "quot" {
                out.append(UInt8(ascii: "\""))
            } else if XAPIKey(bytes: name) == "apos" {
                out.append(UInt8(ascii: "'"))
            } else if let scalar = Self.characterReference(name) {
                WireText.appendUTF8(scalar, to: &out)
            } else if name.first == UInt8(ascii: "#") {
                throw XAPIDecodingError("invalid character reference \(WireText.quote(input, i, semi + 1))", offset: i)
            } else {
                out.append(c)
                i += 1
                continue
            }
            i = semi + 1
        }
        return out
    }

    /// `#NN` or `#xHH` as a Unicode scalar; nil when malformed or not a scalar value.
    static func characterReference(_ name: UnsafeRawBufferPointer) -> Unicode.Scalar? {
        guard name.count >= 2, name[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        if name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X") {
            guard name.count >= 3 else { return nil }
            for c in name[2...] {
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value * 16 + UInt32(digit)
                if value > 0x10FFFF { return nil }
            }
        } else {
            for c in name[1...] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + UInt32(c - UInt8(ascii: "0"))
                if value > 0x10FFFF { return nil }
            }
        }
        return Unicode.Scalar(value)
    }

    // MARK: - Errors

    func describe(_ head: Head) -> String {
        switch head.kind {
        case .untyped: return "the text " + WireText.quote(input, head.start, head.end)
        case .array, .structure, .null: return "<\(head.kind.tag)>"
        default: return "<\(head.kind.tag)> " + WireText.quote(input, head.start, head.end)
        }
    }

    func mismatch(_ expected: String, _ head: Head, at offset: Int) -> XAPIDecodingError {
        XAPIDecodingError("expected \(expected), found \(describe(head))", offset: offset)
    }
}
