/// Reads XO complex-matcher text into a `FilterExpression`.
///
///     filter   := ws term* end
///     term     := ( "(" ws term+ ")" | "|" ws "(" ws term+ ")" | "!" ws term
///                 | (">" | ">=" | "<" | "<=") number
///                 | name ws ":" ws term | name "?" | value ) ws
///     name     := quoted | word
///     value    := quoted | "/" regex "/" ["i"] | word-with-*
///
/// Stricter than XO where XO silently guesses: an unclosed quote, an unclosed group and a
/// letter glued to a regex's closing `/` (other than the `i` flag) are errors here.
struct FilterParser {
    let text: String
    let chars: [Character]
    var pos = 0

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    mutating func parse() throws(FilterSyntaxError) -> FilterExpression {
        skipSpace()
        var terms: [FilterExpression] = []
        while pos < chars.count {
            if chars[pos] == ")" { throw error("unexpected ')' without '('", at: pos) }
            terms.append(try term())
        }
        switch terms.count {
        case 0: return .all
        case 1: return terms[0]
        default: return .and(terms)
        }
    }

    // MARK: terms

    private mutating func term() throws(FilterSyntaxError) -> FilterExpression {
        let start = pos
        let result: FilterExpression
        switch chars[pos] {
        case "(":
            pos += 1
            skipSpace()
            let terms = try terms(closing: start, what: "group")
            result = terms.count == 1 ? terms[0] : .and(terms)
        case "|":
            pos += 1
            skipSpace()
            guard pos < chars.count, chars[pos] == "(" else { throw error("expected '(' after '|'", at: pos) }
            let open = pos
            pos += 1
            skipSpace()
            let terms = try terms(closing: open, what: "alternatives")
            result = terms.count == 1 ? terms[0] : .or(terms)
        case "!":
            pos += 1
            skipSpace()
            guard pos < chars.count, chars[pos] != ")" else { throw error("expected a term after '!'", at: pos) }
            result = .not(try term())
        case "<", ">":
            result = try comparison()
        case "/":
            result = try regex()
        case "\"":
            let name = try quoted()
            result = try afterName(name, start: start) ?? .text(name)
        default:
            let word = self.word(allowingWildcards: true)
            guard !word.isEmpty else {
                throw error("unexpected '\(chars[pos])'", at: pos)
            }
            if !word.contains("*"), let named = try afterName(word, start: start) {
                result = named
            } else if word.contains("*") {
                if peekPastSpace() == ":" || peek() == "?" {
                    throw error("a field name cannot contain '*'", at: start)
                }
                result = .glob(word)
            } else if FilterLexicon.number(word) != nil {
                result = .number(word)
            } else {
                result = .text(word)
            }
        }
        skipSpace()
        return result
    }

    /// `name:term` or `name?` after a name, or nil when the name is a plain value.
    private mutating func afterName(_ name: String, start: Int) throws(FilterSyntaxError) -> FilterExpression? {
        if peek() == "?" {
            pos += 1
            return .truthy(name)
        }
        guard peekPastSpace() == ":" else { return nil }
        skipSpace()
        let colon = pos
        pos += 1
        skipSpace()
        guard pos < chars.count, chars[pos] != ")" else {
            throw error("expected a value after '\(name):'", at: pos > colon + 1 ? pos : colon + 1)
        }
        return .property(name, try term())
    }

    /// One or more terms up to the `)` closing the `(` at `open`.
    private mutating func terms(closing open: Int, what: String) throws(FilterSyntaxError) -> [FilterExpression] {
        var terms: [FilterExpression] = []
        while true {
            guard pos < chars.count else { throw error("unclosed \(what)", at: open) }
            if chars[pos] == ")" {
                if terms.isEmpty { throw error("empty \(what)", at: open) }
                pos += 1
                return terms
            }
            terms.append(try term())
        }
    }

    private mutating func comparison() throws(FilterSyntaxError) -> FilterExpression {
        var op = String(chars[pos])
        pos += 1
        if peek() == "=" {
            op += "="
            pos += 1
        }
        let operation = FilterComparison(rawValue: op) ?? .greater
        let start = pos
        let word = self.word(allowingWildcards: false)
        guard !word.isEmpty else { throw error("expected a number after '\(op)'", at: start) }
        guard let (value, literal) = FilterLexicon.quantity(word) else {
            throw error("'\(word)' is not a number", at: start)
        }
        return .comparison(operation, value, literal: literal)
    }

    private mutating func regex() throws(FilterSyntaxError) -> FilterExpression {
        let open = pos
        pos += 1
        var pattern = ""
        while true {
            guard pos < chars.count else { throw error("unclosed regular expression", at: open) }
            let c = chars[pos]
            pos += 1
            if c == "/" { break }
            pattern.append(c)
            if c == "\\", pos < chars.count {
                pattern.append(chars[pos])
                pos += 1
            }
        }
        var caseInsensitive = false
        if peek() == "i" {
            caseInsensitive = true
            pos += 1
        }
        if let c = peek(), FilterLexicon.isWordCharacter(c) {
            throw error("unknown regular expression flag '\(c)' (only 'i' is supported)", at: pos)
        }
        do {
            _ = try FilterRegex(pattern: pattern, caseInsensitive: caseInsensitive)
        } catch {
            throw self.error("invalid regular expression /\(pattern)/", at: open)
        }
        return .regex(pattern, caseInsensitive: caseInsensitive)
    }

    /// A `"quoted string"` with `\"` and `\\` escapes (a backslash takes the next character as is).
    private mutating func quoted() throws(FilterSyntaxError) -> String {
        let open = pos
        pos += 1
        var value = ""
        while true {
            guard pos < chars.count else { throw error("unclosed quote", at: open) }
            var c = chars[pos]
            pos += 1
            if c == "\"" { return value }
            if c == "\\" {
                guard pos < chars.count else { throw error("unclosed quote", at: open) }
                c = chars[pos]
                pos += 1
            }
            value.append(c)
        }
    }

    // MARK: characters

    private mutating func word(allowingWildcards: Bool) -> String {
        var word = ""
        while pos < chars.count, FilterLexicon.isWordCharacter(chars[pos]) || (allowingWildcards && chars[pos] == "*") {
            word.append(chars[pos])
            pos += 1
        }
        return word
    }

    private func peek() -> Character? { pos < chars.count ? chars[pos] : nil }

    private func peekPastSpace() -> Character? {
        var p = pos
        while p < chars.count, chars[p].isWhitespace { p += 1 }
        return p < chars.count ? chars[p] : nil
    }

    private mutating func skipSpace() {
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
    }

    private func error(_ message: String, at index: Int) -> FilterSyntaxError {
        FilterSyntaxError(message: message, column: index + 1, filter: text)
    }
}
