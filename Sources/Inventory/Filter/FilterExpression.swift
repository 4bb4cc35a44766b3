/// The syntax tree of a filter in Xen Orchestra's complex-matcher language.
///
/// `description` prints the canonical text, which parses back to the same tree.
public indirect enum FilterExpression: Sendable, Equatable, CustomStringConvertible {
    /// The empty filter: matches everything.
    case all
    /// Terms side by side, or `( a b )`: all must match.
    case and([FilterExpression])
    /// `|( a b )`: one must match.
    case or([FilterExpression])
    /// `!term`
    case not(FilterExpression)
    /// `name:term`: the term is matched against the field's value (nested for `a:b:c`).
    case property(String, FilterExpression)
    /// `name?`: the field is truthy.
    case truthy(String)
    /// A bare word without `*` or a `"quoted string"`: case-insensitive substring.
    case text(String)
    /// A bare word with `*` wildcards: case-insensitive, unanchored.
    case glob(String)
    /// A bare word that reads as a number (`4`, `-1.5`): equal to a number, or a substring of text.
    case number(String)
    /// `>4`, `<=2GiB`: a numeric comparison; `literal` is the number as the canonical text writes it.
    case comparison(FilterComparison, Double, literal: String)
    /// `/pattern/` or `/pattern/i`
    case regex(String, caseInsensitive: Bool)

    public var description: String { format(nested: false) }

    func format(nested: Bool) -> String {
        switch self {
        case .all: return ""
        case .and(let terms):
            let text = terms.map { $0.format(nested: true) }.joined(separator: " ")
            return nested ? "(\(text))" : text
        case .or(let terms): return "|(" + terms.map { $0.format(nested: true) }.joined(separator: " ") + ")"
        case .not(let term): return "!" + term.format(nested: true)
        case .property(let name, let term): return FilterExpression.formatString(name) + ":" + term.format(nested: true)
        case .truthy(let name): return FilterExpression.formatString(name) + "?"
        case .text(let text): return FilterExpression.formatString(text)
        case .glob(let text), .number(let text): return text
        case .comparison(let op, _, let literal): return op.rawValue + literal
        case .regex(let pattern, let caseInsensitive): return "/" + pattern + "/" + (caseInsensitive ? "i" : "")
        }
    }

    /// A string as a bare word when it reads back as the same text node, else quoted
    /// (as XO does: numbers are quoted too, so that they stay text).
    static func formatString(_ value: String) -> String {
        if !value.isEmpty, value.allSatisfy(FilterLexicon.isWordCharacter), FilterLexicon.number(value) == nil {
            return value
        }
        var out = "\""
        for c in value {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}

/// The operator of a numeric comparison.
public enum FilterComparison: String, Sendable, Equatable {
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        }
    }
}
