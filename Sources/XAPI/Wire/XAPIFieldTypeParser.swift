/// Reads the datamodel's type strings: `string`, `int`, `float`, `bool`, `datetime`,
/// `VM ref`, `enum vm_power_state`, `T set`, `(K -> V) map`, `sr_stat record`, `T option`.
/// An `option` is the type itself (the field may simply be absent).
extension XAPIFieldType {
    public init?(datamodel text: String) {
        var tokens = XAPITypeTokens(text)
        guard let type = tokens.parseType(), tokens.atEnd else { return nil }
        self = type
    }
}

private struct XAPITypeTokens {
    private var tokens: [Substring]
    private var position = 0

    init(_ text: String) {
        var result: [Substring] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == " " { rest = rest.dropFirst(); continue }
            if first == "(" || first == ")" {
                result.append(rest.prefix(1))
                rest = rest.dropFirst()
                continue
            }
            let end = rest.firstIndex(where: { $0 == " " || $0 == "(" || $0 == ")" }) ?? rest.endIndex
            result.append(rest[..<end])
            rest = rest[end...]
        }
        tokens = result
    }

    var atEnd: Bool { position == tokens.count }

    private mutating func next() -> Substring? {
        guard position < tokens.count else { return nil }
        defer { position += 1 }
        return tokens[position]
    }

    private func peek() -> Substring? { position < tokens.count ? tokens[position] : nil }

    mutating func parseType() -> XAPIFieldType? {
        guard var type = parsePrimary() else { return nil }
        while let suffix = peek() {
            switch suffix {
            case "set": type = .set(type)
            case "option": break
            default: return type
            }
            position += 1
        }
        return type
    }

    private mutating func parsePrimary() -> XAPIFieldType? {
        guard let word = next() else { return nil }
        switch word {
        case "(":
            guard let key = parseType(), next() == "->", let value = parseType(), next() == ")", next() == "map"
            else { return nil }
            return .map(key, value)
        case "enum":
            guard let name = next(), isName(name) else { return nil }
            return .enumeration(String(name))
        case "string": return .string
        case "int": return .int
        case "float": return .float
        case "bool": return .bool
        case "datetime": return .datetime
        default:
            guard isName(word) || word == "<class>" else { return nil }
            switch next() {
            case "ref": return .ref(String(word))
            case "record": return .record(String(word))
            default: return nil
            }
        }
    }

    private func isName(_ word: Substring) -> Bool {
        !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension XAPIFieldType {
    /// The type in the datamodel's own spelling (`(string -> enum vm_operations) map`).
    public var datamodelSpelling: String {
        switch self {
        case .string: return "string"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .datetime: return "datetime"
        case .ref(let cls): return "\(cls) ref"
        case .enumeration(let name): return "enum \(name)"
        case .set(let element): return "\(element.datamodelSpelling) set"
        case .map(let key, let value): return "(\(key.datamodelSpelling) -> \(value.datamodelSpelling)) map"
        case .record(let cls): return "\(cls) record"
        }
    }
}
