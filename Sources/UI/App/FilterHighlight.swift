import Inventory

/// The parts of a name a filter matched, for drawing in the `match` role: the filter's bare
/// words, quoted strings and globs (which search every field, the name among them) and its
/// `name_label:` terms. Negated terms, other fields and regexes are not highlighted.
public struct FilterHighlight: Hashable, Sendable {
    /// Each pattern is pieces found in order (one for a word, several for `a*b`), lowercased.
    let patterns: [[String]]

    init(_ expression: FilterExpression) {
        var patterns: [[String]] = []
        Self.collect(expression, into: &patterns)
        self.patterns = patterns.filter { !$0.isEmpty }
    }

    var isEmpty: Bool { patterns.isEmpty }

    private static func collect(_ expression: FilterExpression, into patterns: inout [[String]]) {
        switch expression {
        case .and(let terms), .or(let terms): for term in terms { collect(term, into: &patterns) }
        case .text(let text), .number(let text): patterns.append([text.lowercased()])
        case .glob(let glob): patterns.append(glob.split(separator: "*").map { $0.lowercased() })
        case .property("name_label", let term): collect(term, into: &patterns)
        case .all, .not, .property, .truthy, .comparison, .regex: break
        }
    }

    /// Which characters of `name` the patterns match (first occurrence of each, case-insensitive).
    func marks(in name: String) -> [Bool] {
        let characters = Array(name).map { $0.lowercased() }
        var marks = [Bool](repeating: false, count: characters.count)
        for pattern in patterns {
            var from = 0
            var found: [Range<Int>] = []
            for piece in pattern {
                let needle = Array(piece).map { String($0) }
                guard let range = Self.find(needle, in: characters, from: from) else {
                    found = []
                    break
                }
                found.append(range)
                from = range.upperBound
            }
            for range in found { for index in range { marks[index] = true } }
        }
        return marks
    }

    private static func find(_ needle: [String], in haystack: [String], from: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count - from >= needle.count else { return nil }
        for start in from...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if (1..<needle.count).allSatisfy({ haystack[start + $0] == needle[$0] }) { return start..<(start + needle.count) }
        }
        return nil
    }
}
