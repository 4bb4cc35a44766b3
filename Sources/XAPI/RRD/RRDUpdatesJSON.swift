/// The JSON form of `/rrd_updates`: `{"meta":{…,"legend":[…]},"data":[{"t":…,"values":[…]}]}`.
/// Values are strings since xapi 23.31 (`"0.0123"`, `"NaN"`) and bare numbers before, where
/// the output was not strict JSON (bare `NaN`, unquoted keys: XO reads it as JSON5). Before a
/// 2024 fix `data` sat inside `meta`; both places are read.
enum RRDUpdatesJSON {
    static func parse(_ body: [UInt8]) throws(RRDUpdatesError) -> RRDUpdates {
        var reader = LenientJSONReader(body)
        let root = try reader.document()
        guard case .object(let top) = root else { throw .malformed("the JSON reply is not an object") }
        guard case .object(let meta)? = top["meta"] else { throw .malformed("no \"meta\" object") }
        let start = try integer(meta["start"], "meta.start")
        let step = try integer(meta["step"], "meta.step")
        let end = try integer(meta["end"], "meta.end")
        guard case .array(let legendValues)? = meta["legend"] else { throw .malformed("no \"meta.legend\" list") }
        var legend: [RRDLegendEntry] = []
        for (index, value) in legendValues.enumerated() {
            guard case .string(let text) = value else { throw .malformed("legend entry \(index + 1) is not a string") }
            guard let entry = RRDLegendEntry(parsing: text) else {
                throw .malformed("legend entry \(index + 1) \"\(RRDUpdatesError.excerpt(Array(text.utf8)))\" is not CF:class:uuid:name")
            }
            legend.append(entry)
        }
        guard case .array(let data)? = top["data"] ?? meta["data"] else { throw .malformed("no \"data\" list") }
        var rows: [RRDRow] = []
        rows.reserveCapacity(data.count)
        for (index, value) in data.enumerated() {
            guard case .object(let row) = value else { throw .malformed("data row \(index + 1) is not an object") }
            let time = try integer(row["t"], "data row \(index + 1) \"t\"")
            guard case .array(let cells)? = row["values"] else { throw .malformed("data row \(index + 1) has no \"values\" list") }
            var values: [Double] = []
            values.reserveCapacity(cells.count)
            for (column, cell) in cells.enumerated() {
                values.append(try number(cell, "value \(column + 1) of the row at t=\(time)"))
            }
            rows.append(RRDRow(time: time, values: values))
        }
        return try RRDUpdates(validating: start, step: step, end: end, legend: legend, rows: rows)
    }

    private static func number(_ value: LenientJSON?, _ what: String) throws(RRDUpdatesError) -> Double {
        switch value {
        case .number(let number)?: return number
        case .string(let text)?:
            guard let number = RRDValueText.parse(Substring(text)) else {
                throw .malformed("\(what) is \"\(RRDUpdatesError.excerpt(Array(text.utf8)))\", not a number")
            }
            return number
        case .null?: return .nan
        default: throw .malformed("\(what) is missing or not a number")
        }
    }

    private static func integer(_ value: LenientJSON?, _ what: String) throws(RRDUpdatesError) -> Int64 {
        let number = try number(value, what)
        guard number.isFinite, number.rounded() == number, abs(number) < 9e15 else { throw .malformed("\(what) is not a whole number") }
        return Int64(number)
    }
}

/// A JSON value as the lenient reader sees it.
enum LenientJSON: Equatable {
    case object([String: LenientJSON])
    case array([LenientJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    subscript(key: String) -> LenientJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// Reads JSON plus what old xapi wrote (JSON5's bare `NaN`/`Infinity`, unquoted keys,
/// trailing commas), with a depth limit so that hostile nesting cannot exhaust the stack.
struct LenientJSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 32

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(RRDUpdatesError) -> LenientJSON {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let value = try value(depth: 0)
        skipSpace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    private func failure(_ what: String) -> RRDUpdatesError {
        .malformed("\(what) at byte \(index + 1)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value(depth: Int) throws(RRDUpdatesError) -> LenientJSON {
        guard depth < Self.maxDepth else { throw failure("JSON nested too deeply") }
        skipSpace()
        guard index < bytes.count else { throw failure("the JSON ends early") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
        default:
            let word = bareWord()
            switch word {
            case "": throw failure("unexpected character '\(RRDUpdatesError.excerpt([bytes[index]]))'")
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                guard let number = RRDValueText.parse(Substring(word)) else { throw failure("\"\(word)\" is not a JSON value") }
                return .number(number)
            }
        }
    }

    /// Numbers, literals and unquoted keys: letters, digits, `+-._$`.
    private mutating func bareWord() -> String {
        let begin = index
        while index < bytes.count {
            let byte = bytes[index]
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "$")].contains(byte)
            guard isWordByte else { break }
            index += 1
        }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    private mutating func object(depth: Int) throws(RRDUpdatesError) -> LenientJSON {
        index += 1
        var members: [String: LenientJSON] = [:]
        while true {
            skipSpace()
            guard index < bytes.count else { throw failure("an object is not closed") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            let key: String
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                key = try string()
            } else {
                key = bareWord()
                guard !key.isEmpty else { throw failure("expected a key") }
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after \"\(key)\"") }
            index += 1
            members[key] = try value(depth: depth + 1)
            skipSpace()
            guard index < bytes.count else { throw failure("an object is not closed") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
        }
    }

    private mutating func array(depth: Int) throws(RRDUpdatesError) -> LenientJSON {
        index += 1
        var items: [LenientJSON] = []
        while true {
            skipSpace()
            guard index < bytes.count else { throw failure("a list is not closed") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard index < bytes.count else { throw failure("a list is not closed") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
        }
    }

    private mutating func string() throws(RRDUpdatesError) -> String {
        let quote = bytes[index]
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == quote { return String(decoding: out, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard index < bytes.count else { break }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { throw failure("bad \\u escape") }
                index += 4
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(escaped)
            }
        }
        throw failure("a string is not closed")
    }
}
