/// Which characters make words, and which words are numbers.
///
/// XO's raw strings are letters, digits and `_ - . $`. Here any character that is not
/// whitespace or filter syntax makes a word, so `10.0.0.1`, `web@2`, `日本` or `🚀` need no
/// quotes; every filter XO accepts still reads the same.
enum FilterLexicon {
    static let syntax: Set<Character> = ["(", ")", "|", "!", ":", "?", "\"", "/", "<", ">", "=", "[", "]", "*"]

    static func isWordCharacter(_ c: Character) -> Bool {
        !c.isWhitespace && !syntax.contains(c)
    }

    /// The number a word denotes the way JavaScript's `+word` reads it (decimal with an
    /// optional sign, fraction and exponent; `0x`/`0o`/`0b`; `Infinity`), or nil.
    static func number(_ word: String) -> Double? {
        var s = Substring(word)
        switch s {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] where s.hasPrefix(prefix) {
            return UInt64(s.dropFirst(2), radix: radix).map(Double.init)
        }
        var digitsSeen = false
        if s.first == "+" || s.first == "-" { s = s.dropFirst() }
        var rest = s.drop { $0.isASCII && $0.isNumber }
        if rest.count < s.count { digitsSeen = true }
        if rest.first == "." {
            let afterDot = rest.dropFirst()
            rest = afterDot.drop { $0.isASCII && $0.isNumber }
            if rest.count < afterDot.count { digitsSeen = true }
        }
        guard digitsSeen else { return nil }
        if rest.first == "e" || rest.first == "E" {
            var exponent = rest.dropFirst()
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            let afterDigits = exponent.drop { $0.isASCII && $0.isNumber }
            guard afterDigits.count < exponent.count else { return nil }
            rest = afterDigits
        }
        guard rest.isEmpty else { return nil }
        return Double(word)
    }

    /// A comparison's number, optionally with a binary size unit (`4G`, `512MiB`, `2TB`:
    /// all powers of 1024, since XAPI counts memory and disks in bytes). XO has no units;
    /// they are an addition. Returns the value and its canonical spelling.
    static func quantity(_ word: String) -> (value: Double, literal: String)? {
        if let n = number(word) { return (n, format(n)) }
        let units: [(String, Double)] = [("K", 0x1p10), ("M", 0x1p20), ("G", 0x1p30), ("T", 0x1p40), ("P", 0x1p50)]
        var body = Substring(word.uppercased())
        if body.hasSuffix("B") { body = body.dropLast() }
        if body.hasSuffix("I") { body = body.dropLast() }
        guard let last = body.last, let unit = units.first(where: { $0.0 == String(last) }),
              let n = number(String(word.prefix(body.count - 1)))
        else { return nil }
        return (n * unit.1, format(n) + unit.0 + "iB")
    }

    /// A number as JavaScript's `String(n)` writes it for everyday values.
    static func format(_ n: Double) -> String {
        if n.isInfinite { return n < 0 ? "-Infinity" : "Infinity" }
        if n == n.rounded(), abs(n) < 1e18 { return String(Int64(n)) }
        return "\(n)"
    }
}
