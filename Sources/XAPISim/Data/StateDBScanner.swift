/// A minimal, linear-time XML tokenizer for xapi's state.db: elements and their attributes
/// only (text between elements is ignored, as the format has none that matters).
struct StateDBScanner {
    enum Token {
        case open(name: String, attributes: [(name: String, value: String)], selfClosing: Bool, offset: Int)
        case close(name: String, offset: Int)
        case end
    }

    let bytes: [UInt8]
    private(set) var position = 0
    private var scratch: [UInt8] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String, at offset: Int) -> StateDBError { StateDBError(message, at: offset, in: bytes) }

    mutating func next() throws -> Token {
        while true {
            // Skip text up to the next tag.
            while position < bytes.count, bytes[position] != Ascii.lt { position += 1 }
            guard position < bytes.count else { return .end }
            let start = position
            position += 1
            guard position < bytes.count else { throw error("the file ends inside a tag", at: start) }
            switch bytes[position] {
            case Ascii.question:
                try skip(past: [Ascii.question, Ascii.gt], from: start, what: "processing instruction")
            case Ascii.bang:
                if hasPrefix([Ascii.bang, Ascii.dash, Ascii.dash]) {
                    try skip(past: [Ascii.dash, Ascii.dash, Ascii.gt], from: start, what: "comment")
                } else {
                    try skip(past: [Ascii.gt], from: start, what: "declaration")
                }
            case Ascii.slash:
                position += 1
                let name = try readName(what: "closing tag")
                skipSpace()
                guard position < bytes.count, bytes[position] == Ascii.gt else {
                    throw error("expected '>' to end the closing tag </\(name)>", at: position)
                }
                position += 1
                return .close(name: name, offset: start)
            default:
                let name = try readName(what: "tag")
                var attributes: [(name: String, value: String)] = []
                while true {
                    skipSpace()
                    guard position < bytes.count else { throw error("the file ends inside the tag <\(name)>", at: start) }
                    let byte = bytes[position]
                    if byte == Ascii.gt {
                        position += 1
                        return .open(name: name, attributes: attributes, selfClosing: false, offset: start)
                    }
                    if byte == Ascii.slash {
                        guard position + 1 < bytes.count, bytes[position + 1] == Ascii.gt else {
                            throw error("expected '/>' in the tag <\(name)>", at: position)
                        }
                        position += 2
                        return .open(name: name, attributes: attributes, selfClosing: true, offset: start)
                    }
                    let attribute = try readName(what: "attribute name in <\(name)>")
                    skipSpace()
                    guard position < bytes.count, bytes[position] == Ascii.equals else {
                        throw error("expected '=' after the attribute \(attribute) in <\(name)>", at: position)
                    }
                    position += 1
                    skipSpace()
                    attributes.append((attribute, try readValue(attribute: attribute)))
                }
            }
        }
    }

    private func hasPrefix(_ pattern: [UInt8]) -> Bool {
        guard position + pattern.count <= bytes.count else { return false }
        for (index, byte) in pattern.enumerated() where bytes[position + index] != byte { return false }
        return true
    }

    private mutating func skip(past terminator: [UInt8], from start: Int, what: String) throws {
        while position < bytes.count {
            if bytes[position] == terminator[0], hasPrefix(terminator) {
                position += terminator.count
                return
            }
            position += 1
        }
        throw error("unterminated \(what)", at: start)
    }

    private mutating func skipSpace() {
        while position < bytes.count, Ascii.isSpace(bytes[position]) { position += 1 }
    }

    private mutating func readName(what: String) throws -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Ascii.isSpace(byte) || byte == Ascii.gt || byte == Ascii.slash || byte == Ascii.equals || byte == Ascii.lt
                || byte == Ascii.quote || byte == Ascii.apostrophe
            {
                break
            }
            position += 1
        }
        guard position > start else {
            throw error(position < bytes.count ? "expected a \(what)" : "the file ends where a \(what) was expected", at: start)
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A quoted attribute value with entities decoded; newlines are kept as they are.
    private mutating func readValue(attribute: String) throws -> String {
        guard position < bytes.count, bytes[position] == Ascii.quote || bytes[position] == Ascii.apostrophe else {
            throw error("expected a quoted value for the attribute \(attribute)", at: position)
        }
        let quote = bytes[position]
        let start = position
        position += 1
        let valueStart = position
        // Fast path: no entities.
        while position < bytes.count, bytes[position] != quote, bytes[position] != Ascii.amp, bytes[position] != Ascii.lt {
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated value of the attribute \(attribute)", at: start) }
        if bytes[position] == quote {
            let value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
            position += 1
            return value
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[valueStart..<position])
        while true {
            guard position < bytes.count else { throw error("unterminated value of the attribute \(attribute)", at: start) }
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == Ascii.lt { throw error("'<' inside the value of the attribute \(attribute)", at: position) }
            if byte == Ascii.amp {
                try decodeEntity(attribute: attribute)
            } else {
                scratch.append(byte)
                position += 1
            }
        }
    }

    private mutating func decodeEntity(attribute: String) throws {
        let start = position
        var end = position + 1
        while end < bytes.count, end - start <= 12, bytes[end] != Ascii.semicolon { end += 1 }
        guard end < bytes.count, bytes[end] == Ascii.semicolon else {
            throw error("unterminated entity in the value of the attribute \(attribute)", at: start)
        }
        let body = bytes[(start + 1)..<end]
        switch String(decoding: body, as: UTF8.self) {
        case "amp": scratch.append(Ascii.amp)
        case "lt": scratch.append(Ascii.lt)
        case "gt": scratch.append(Ascii.gt)
        case "quot": scratch.append(Ascii.quote)
        case "apos": scratch.append(Ascii.apostrophe)
        case let name where name.hasPrefix("#"):
            let digits = name.dropFirst()
            let code = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let code, let scalar = Unicode.Scalar(code) else {
                throw error("invalid character reference &\(name); in the attribute \(attribute)", at: start)
            }
            scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
        case let name:
            throw error("unknown entity &\(name); in the attribute \(attribute)", at: start)
        }
        position = end + 1
    }
}

enum Ascii {
    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!")
    static let question = UInt8(ascii: "?"), dash = UInt8(ascii: "-"), equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), amp = UInt8(ascii: "&")
    static let semicolon = UInt8(ascii: ";"), backslash = UInt8(ascii: "\\")
    static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 13 || byte == 9 }
}
