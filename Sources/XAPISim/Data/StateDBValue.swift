import OrderedCollections
import XAPI

/// The S-expressions state.db writes sets and maps in: `('a' 'b')`, `(('k' 'v') ('k2' 'v2'))`,
/// strings in single quotes with backslash escapes (`\'`, `\\`, `\"`).
indirect enum StateDBSExpr: Equatable {
    case atom(String)
    case list([StateDBSExpr])

    /// Parses a whole column value; nil when it is not one well-formed expression.
    static func parse(_ text: String) -> StateDBSExpr? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let expr = parser.parseExpr() else { return nil }
        parser.skipSpace()
        return parser.position == parser.bytes.count ? expr : nil
    }

    /// Deeper nesting than any xapi field has is refused, so hostile input cannot exhaust the stack.
    static let maximumDepth = 32

    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        var depth = 0

        mutating func skipSpace() {
            while position < bytes.count, Ascii.isSpace(bytes[position]) { position += 1 }
        }

        mutating func parseExpr() -> StateDBSExpr? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case Ascii.openParen:
                guard depth < StateDBSExpr.maximumDepth else { return nil }
                depth += 1
                defer { depth -= 1 }
                position += 1
                var items = [StateDBSExpr]()
                while true {
                    skipSpace()
                    guard position < bytes.count else { return nil }
                    if bytes[position] == Ascii.closeParen {
                        position += 1
                        return .list(items)
                    }
                    guard let item = parseExpr() else { return nil }
                    items.append(item)
                }
            case Ascii.apostrophe, Ascii.quote:
                let quote = bytes[position]
                position += 1
                var out = [UInt8]()
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == quote {
                        position += 1
                        return .atom(String(decoding: out, as: UTF8.self))
                    }
                    if byte == Ascii.backslash, position + 1 < bytes.count {
                        let escaped = bytes[position + 1]
                        switch escaped {
                        case UInt8(ascii: "n"): out.append(10)
                        case UInt8(ascii: "t"): out.append(9)
                        case UInt8(ascii: "r"): out.append(13)
                        default: out.append(escaped)
                        }
                        position += 2
                    } else {
                        out.append(byte)
                        position += 1
                    }
                }
                return nil
            case Ascii.closeParen:
                return nil
            default:
                // A bare atom (not written by xapi, accepted for robustness).
                let start = position
                while position < bytes.count, !Ascii.isSpace(bytes[position]), bytes[position] != Ascii.openParen,
                    bytes[position] != Ascii.closeParen
                {
                    position += 1
                }
                return .atom(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }
    }
}

/// Turns one state.db column (always a string) into the XAPI value of the field's type.
enum StateDBValue {
    /// nil when the text is not a value of `type`.
    static func convert(_ text: String, as type: XAPIFieldType) -> XAPIValue? {
        switch type {
        case .string, .enumeration, .ref, .record:
            return .string(text)
        case .int:
            if let value = Int64(text) { return .int(value) }
            if let value = XAPIDouble.parse(text), value.isFinite, value.rounded() == value, abs(value) < 9.2e18 {
                return .int(Int64(value))
            }
            return nil
        case .float:
            return XAPIDouble.parse(text).map { .double($0) }
        case .bool:
            switch text {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        case .datetime:
            if let date = XAPIDateTime(wire: text) { return .dateTime(date) }
            // Some fields were once stored as float seconds.
            if let seconds = XAPIDouble.parse(text), seconds.isFinite, abs(seconds) < 1e15 {
                return .dateTime(XAPIDateTime(secondsSinceEpoch: Int64(seconds)))
            }
            return nil
        case .set, .map:
            guard let expr = StateDBSExpr.parse(text) else { return nil }
            return convert(expr, as: type)
        }
    }

    private static func convert(_ expr: StateDBSExpr, as type: XAPIFieldType) -> XAPIValue? {
        switch (type, expr) {
        case (.set(let element), .list(let items)):
            var values = [XAPIValue]()
            values.reserveCapacity(items.count)
            for item in items {
                guard let value = convert(item, as: element) else { return nil }
                values.append(value)
            }
            return .array(values)
        case (.map(_, let valueType), .list(let pairs)):
            var result = XAPIStruct()
            result.reserveCapacity(pairs.count)
            for pair in pairs {
                guard case .list(let kv) = pair, kv.count == 2, case .atom(let key) = kv[0],
                    let value = convert(kv[1], as: valueType)
                else { return nil }
                result[key] = value
            }
            return .structure(result)
        case (.set, .atom(let text)), (.map, .atom(let text)):
            // A nested set or map is stored as its own string inside the outer expression.
            return self.convert(text, as: type)
        case (_, .atom(let text)):
            return self.convert(text, as: type)
        default:
            return nil
        }
    }
}
