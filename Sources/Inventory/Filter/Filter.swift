/// A parsed and compiled filter, ready to test many records quickly.
///
///     let filter = try Filter("power_state:running name_label:web*")
///     let shown = vms.filter { filter.matches($0) }
///
/// Semantics follow XO's complex-matcher (`packages/complex-matcher`):
/// - A bare word or quoted string is a case-insensitive substring of a text value; lists and
///   maps match when one of their values does (recursively), so a bare word searches every
///   field and `tags:prod` matches a VM with any tag containing "prod". Numbers and map keys
///   are not searched as text.
/// - `field:term` matches the term against that field's value (exact field name). On a list,
///   `length` is its count and a number an index; on a map, `length` is its count unless the
///   map has a `length` key; on text, `length` counts characters.
/// - A bare number (`4`) equals a number value, or is a substring of a text value.
/// - `*` in a bare word is a wildcard; the pattern is unanchored (`web*` finds "old-web-01").
/// - `>4`, `>=4`, `<4`, `<=4` compare numbers; text that reads as a number (int64 from
///   XML-RPC) compares as that number. Units `K M G T P` (powers of 1024) are an addition.
/// - `field?` is truthy: true, a non-zero number, non-empty text, or (unlike JavaScript,
///   where `[]` is truthy) a non-empty list or map, so `tags?` means "has tags".
/// - Additions where XO matches nothing: a text term on a boolean compares with "true"/"false"
///   exactly (`is_a_template:false`).
/// - A missing field is no value: `name:x` is false, `!name:x` and `name:!x` are true.
/// - Date-times are seconds since the epoch (as XO sees them): `start_time:>1700000000`.
/// - Stricter than XO: an unclosed quote or group, and letters glued to a regex's closing
///   `/` other than `i`, are errors (XO guesses); words take any non-syntax character, so
///   `10.0.0.1`, `a@b` and `日本` need no quotes (XO would reject some of them).
public struct Filter: Sendable, CustomStringConvertible {
    public let expression: FilterExpression
    private let program: FilterProgram

    /// Parses `text`; an empty or blank filter matches everything.
    public init(_ text: String) throws(FilterSyntaxError) {
        var parser = FilterParser(text)
        self.init(expression: try parser.parse())
    }

    public init(expression: FilterExpression) {
        self.expression = expression
        self.program = FilterProgram(expression)
    }

    /// Matches everything.
    public static let all = Filter(expression: .all)

    /// The canonical text of the filter (what `:filter` echoes).
    public var description: String { expression.description }

    public func matches(_ subject: some FilterSubject) -> Bool {
        program.matches(subject)
    }
}

/// The compiled form: the tree with needles lowercased, globs split and regexes built once.
indirect enum FilterProgram: Sendable {
    case all
    case and([FilterProgram])
    case or([FilterProgram])
    case not(FilterProgram)
    case property(String, FilterProgram)
    case truthy(String)
    case text(FilterPattern, bool: Bool?)
    case glob(FilterPattern)
    case number(Double, FilterPattern)
    case comparison(FilterComparison, Double)
    case regex(FilterRegex)
    /// A regex that failed to compile (only reachable through a hand-built expression).
    case nothing

    init(_ expression: FilterExpression) {
        switch expression {
        case .all: self = .all
        case .and(let terms): self = .and(terms.map(FilterProgram.init))
        case .or(let terms): self = .or(terms.map(FilterProgram.init))
        case .not(let term): self = .not(FilterProgram(term))
        case .property(let name, let term): self = .property(name, FilterProgram(term))
        case .truthy(let name): self = .truthy(name)
        case .text(let text):
            let lowered = text.lowercased()
            self = .text(FilterPattern(word: text), bool: lowered == "true" ? true : lowered == "false" ? false : nil)
        case .glob(let pattern): self = .glob(FilterPattern(glob: pattern))
        case .number(let text): self = .number(FilterLexicon.number(text) ?? .nan, FilterPattern(word: text))
        case .comparison(let op, let value, _): self = .comparison(op, value)
        case .regex(let pattern, let caseInsensitive):
            if let regex = try? FilterRegex(pattern: pattern, caseInsensitive: caseInsensitive) {
                self = .regex(regex)
            } else {
                self = .nothing
            }
        }
    }

    /// Matching a record (or a map): properties look fields up, values search every field.
    func matches<Subject: FilterSubject>(_ subject: Subject) -> Bool {
        switch self {
        case .all: return true
        case .and(let terms): return terms.allSatisfy { $0.matches(subject) }
        case .or(let terms): return terms.contains { $0.matches(subject) }
        case .not(let term): return !term.matches(subject)
        case .property(let name, let term): return term.matches(value: subject.filterField(name))
        case .truthy(let name): return FilterProgram.isTruthy(subject.filterField(name))
        case .comparison, .nothing: return false
        case .text(let pattern, bool: nil), .glob(let pattern):
            // The common bare word, tested on each string without the general dispatch.
            return subject.containsFilterValue { value in
                switch value {
                case .string(let s): return FilterText.matches(s, pattern)
                case .list, .map: return self.matches(value: value)
                case .number, .bool: return false
                }
            }
        case .text, .number, .regex:
            return subject.containsFilterValue { self.matches(value: $0) }
        }
    }

    /// Matching one value (nil: the field is missing).
    func matches(value: FilterValue?) -> Bool {
        switch self {
        case .all: return true
        case .and(let terms): return terms.allSatisfy { $0.matches(value: value) }
        case .or(let terms): return terms.contains { $0.matches(value: value) }
        case .not(let term): return !term.matches(value: value)
        case .property(let name, let term):
            guard let value else { return false }
            return term.matches(value: FilterProgram.member(name, of: value))
        case .truthy(let name):
            guard let value else { return false }
            return FilterProgram.isTruthy(FilterProgram.member(name, of: value))
        case .nothing: return false
        case .comparison(let op, let bound):
            switch value {
            case .number(let n): return op.holds(n, bound)
            case .string(let s): return FilterLexicon.number(String(s.trimmingSpaces)).map { op.holds($0, bound) } ?? false
            default: return false
            }
        default: break
        }
        // Value terms: scalars directly, containers when any element matches.
        switch value {
        case nil: return false
        case .list(let list): return list.contains { self.matches(value: $0) }
        case .map(let map): return map.containsFilterValue { self.matches(value: $0) }
        case .string(let s):
            switch self {
            case .text(let pattern, _), .number(_, let pattern), .glob(let pattern): return FilterText.matches(s, pattern)
            case .regex(let regex): return regex.matches(s)
            default: return false
            }
        case .number(let n):
            if case .number(let wanted, _) = self { return n == wanted }
            return false
        case .bool(let b):
            if case .text(_, let wanted?) = self { return b == wanted }
            return false
        }
    }

    static func member(_ name: String, of value: FilterValue) -> FilterValue? {
        switch value {
        case .map(let map):
            if let member = map[name] { return member }
            return name == "length" ? .number(Double(map.count)) : nil
        case .list(let list):
            if name == "length" { return .number(Double(list.count)) }
            if let index = Int(name), list.indices.contains(index) { return list[index] }
            return nil
        case .string(let s):
            return name == "length" ? .number(Double(s.count)) : nil
        case .number, .bool:
            return nil
        }
    }

    static func isTruthy(_ value: FilterValue?) -> Bool {
        switch value {
        case nil: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return m.count > 0
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let start = drop { $0.isWhitespace }
        return start.dropLast(start.reversed().prefix { $0.isWhitespace }.count)
    }
}
